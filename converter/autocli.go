package converter

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	// the protobuf-v2 types AutoCLI resolves this module's messages with
	_ "github.com/meshsecurity/mesh/api/meshsecurity/converter/v1"
	"github.com/meshsecurity/mesh/converter/types"
)

// AutoCLIOptions describes the converter's CLI commands; autocli builds them from the services.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	pairing := &autocliv1.PositionalArgDescriptor{ProtoField: "pairing_id"}
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "The converter's parameters"},
				{RpcMethod: "Pairings", Use: "pairings", Short: "The provider pairings"},
				{RpcMethod: "Pairing", Use: "pairing [pairing-id]", Short: "One provider pairing, its channel and its price's age",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing}},
				{RpcMethod: "DelegatorRequests", Use: "delegator-requests [pairing-id] [delegator]",
					Short:          "A provider delegator's requests, in the provider's denom",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing, {ProtoField: "delegator"}}},
				{RpcMethod: "ValidatorRequests", Use: "validator-requests [pairing-id]", Short: "A pairing's requests per validator",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing}},
				{RpcMethod: "RewardReserve", Use: "reward-reserve [pairing-id]", Short: "A pairing's reward reserve",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{pairing}},
				{RpcMethod: "Outbox", Use: "outbox", Short: "Packets waiting to be sent or acknowledged"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "CreatePairing", Skip: true},
				{RpcMethod: "UpdatePairing", Skip: true},
				{RpcMethod: "PausePairing", Skip: true},
				{RpcMethod: "ClosePairing", Skip: true},
				{RpcMethod: "ReopenPairing", Skip: true},
				{RpcMethod: "UpdatePrice", Skip: true},
				{RpcMethod: "UpdateParams", Skip: true},
			},
			EnhanceCustomCommand: true,
		},
	}
}
