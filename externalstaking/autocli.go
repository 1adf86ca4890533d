package externalstaking

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	// the protobuf-v2 types AutoCLI resolves this module's messages with
	_ "github.com/meshsecurity/mesh/api/meshsecurity/externalstaking/v1"
	"github.com/meshsecurity/mesh/externalstaking/types"
)

// AutoCLIOptions describes external staking's CLI commands; autocli builds them from the services.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	pairing := &autocliv1.PositionalArgDescriptor{ProtoField: "pairing_id"}
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "External staking's parameters"},
				{RpcMethod: "Pairings", Use: "pairings", Short: "The consumer pairings"},
				{RpcMethod: "Pairing", Use: "pairing [pairing-id]", Short: "One consumer pairing and its channel",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing}},
				{RpcMethod: "Stakes", Use: "stakes [pairing-id] [owner]", Short: "A user's cross-stakes, unbondings and rewards",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing, {ProtoField: "owner"}}},
				{RpcMethod: "PendingTxs", Use: "pending-txs", Short: "Operations waiting for an acknowledgement"},
				{RpcMethod: "Validators", Use: "validators [pairing-id]", Short: "A pairing's consumer validators and totals",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing}},
				{RpcMethod: "SlashQueue", Use: "slash-queue [pairing-id]", Short: "A pairing's slash meter and the reports waiting for it",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing}},
				{RpcMethod: "PairingExposure", Use: "exposure [pairing-id]", Short: "What a pairing's cross-stake can lose",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing}},
				{RpcMethod: "ValidatorExposure", Use: "validator-exposure [pairing-id] [validator]",
					Short:          "What the cross-stake on one consumer validator can lose",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing, {ProtoField: "validator"}}},
				{RpcMethod: "UserExposure", Use: "user-exposure [pairing-id] [owner]",
					Short:          "What a user's cross-stake can lose, and their worst case over every lien",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing, {ProtoField: "owner"}}},
				{RpcMethod: "StakeExposure", Use: "stake-exposure [pairing-id] [owner] [amount]",
					Short:          "What a new cross-stake would add to the user's worst case",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing, {ProtoField: "owner"}, {ProtoField: "amount"}}},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Unstake", Use: "unstake [pairing-id] [validator] [amount]", Short: "Unbond cross-stake from a consumer validator",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing, {ProtoField: "validator"}, {ProtoField: "amount"}}},
				{RpcMethod: "WithdrawUnbonded", Use: "withdraw-unbonded [pairing-id]", Short: "Release matured cross-stake to the vault",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing}},
				{RpcMethod: "WithdrawRewards", Use: "withdraw-rewards [pairing-id] [validator] [recipient]",
					Short:          "Send rewards to an address on the consumer",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing, {ProtoField: "validator"}, {ProtoField: "recipient"}}},
				{RpcMethod: "CreatePairing", Skip: true},
				{RpcMethod: "UpdatePairing", Skip: true},
				{RpcMethod: "PausePairing", Skip: true},
				{RpcMethod: "ClosePairing", Skip: true},
				{RpcMethod: "ReopenPairing", Skip: true},
				{RpcMethod: "AbandonPendingTxs", Skip: true},
				{RpcMethod: "UpdateParams", Skip: true},
				// hand-written (client/cli): its votes and header are read from files
				{RpcMethod: "SubmitConsumerDoubleSign", Skip: true},
			},
			EnhanceCustomCommand: true,
		},
	}
}
