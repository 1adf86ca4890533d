package virtualstaking

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	// AutoCLI builds commands from protobuf-v2 message types; these are virtual staking's,
	// generated from the same .proto files as its gogoproto types.
	_ "github.com/meshsecurity/mesh/api/meshsecurity/virtualstaking/v1"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// AutoCLIOptions describes virtual staking's CLI commands; autocli builds them from the services.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	pairing := []*autocliv1.PositionalArgDescriptor{{ProtoField: "pairing_id"}}
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Virtual staking's parameters"},
				{RpcMethod: "Pairing", Use: "pairing [pairing-id]", Short: "A pairing's minted, burned, slashed and bonded virtual supply",
					PositionalArgs: pairing},
				{RpcMethod: "Targets", Use: "targets [pairing-id]", Short: "A pairing's virtual stake targets by validator",
					PositionalArgs: pairing},
				{RpcMethod: "Validator", Use: "validator [validator]", Short: "Each pairing's live virtual stake on a validator",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "validator"}}},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "UpdateParams", Skip: true}, // authority only: submit it in a governance proposal
			},
		},
	}
}
