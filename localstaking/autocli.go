package localstaking

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/version"

	// AutoCLI builds commands from protobuf-v2 message types; these are the localstaking's, generated
	// from the same .proto files as its gogoproto types.
	_ "github.com/meshsecurity/mesh/api/meshsecurity/localstaking/v1"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// AutoCLIOptions describes local staking's CLI commands; autocli builds them from the services.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	valoper := sdk.GetConfig().GetBech32ValidatorAddrPrefix() // examples show the chain's own prefix
	owner := []*autocliv1.PositionalArgDescriptor{{ProtoField: "owner"}}
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Account", Use: "account [owner]", Short: "A user's derived account, holdings and pending loss",
					PositionalArgs: owner},
				{RpcMethod: "Delegations", Use: "delegations [owner]", Short: "A user's recorded stake by validator",
					PositionalArgs: owner},
				{RpcMethod: "Unbondings", Use: "unbondings [owner]", Short: "A user's recorded unbonding entries",
					PositionalArgs: owner},
				{RpcMethod: "PendingBatches", Use: "pending-batches", Short: "Queued unbonding batches by due time"},
				{RpcMethod: "Params", Use: "params", Short: "Local staking's parameters"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Unstake", Use: "unstake [validator] [amount]", Short: "Unbond locally staked collateral",
					Example:        version.AppName + " tx localstaking unstake " + valoper + "1... 1000000stake --from alice",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "validator"}, {ProtoField: "amount"}}},
				{RpcMethod: "Redelegate", Use: "redelegate [src-validator] [dst-validator] [amount]",
					Short: "Move locally staked collateral to another validator",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "src_validator"},
						{ProtoField: "dst_validator"}, {ProtoField: "amount"}}},
				{RpcMethod: "WithdrawRewards", Use: "withdraw-rewards", Short: "Withdraw staking rewards to the owner"},
				{RpcMethod: "Vote", Use: "vote [proposal-id] [option]", Short: "Vote with the staked weight (yes, no, abstain, no-with-veto)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "proposal_id"}, {ProtoField: "option"}}},
				{RpcMethod: "VoteWeighted", Use: "vote-weighted [proposal-id] [options]", Short: "Cast a weighted vote with the staked weight",
					Example:        version.AppName + ` tx localstaking vote-weighted 1 '{"option":"VOTE_OPTION_YES","weight":"0.6"}' '{"option":"VOTE_OPTION_NO","weight":"0.4"}' --from alice`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "proposal_id"}, {ProtoField: "options", Varargs: true}}},
				{RpcMethod: "ReleaseUnbonded", Use: "release-unbonded", Short: "Return matured unbonded collateral to the vault"},
				{RpcMethod: "Restake", Use: "restake [validator] [amount]", Short: "Move a native delegation into the vault",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "validator"}, {ProtoField: "amount"}}},
				{RpcMethod: "UpdateParams", Skip: true}, // authority only: submit it in a governance proposal
			},
			EnhanceCustomCommand: true,
		},
	}
}
