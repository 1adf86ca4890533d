package vault

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/version"

	// AutoCLI builds commands from protobuf-v2 message types; these are the vault's, generated
	// from the same .proto files as its gogoproto types.
	_ "github.com/meshsecurity/mesh/api/meshsecurity/vault/v1"

	"github.com/meshsecurity/mesh/vault/types"
)

// AutoCLIOptions describes the vault's CLI commands; autocli builds them from the services.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	valoper := sdk.GetConfig().GetBech32ValidatorAddrPrefix() // examples show the chain's own prefix
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Account", Use: "account [address]", Short: "A user's settled collateral, max lien, slashable and free collateral",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}}},
				{RpcMethod: "Liens", Use: "liens [address]", Short: "A user's liens by holder",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}}},
				{RpcMethod: "PendingLiens", Use: "pending-liens [address]", Short: "A user's pending (two-phase) liens",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}}},
				{RpcMethod: "PendingLien", Use: "pending-lien [id]", Short: "One pending lien",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "id"}}},
				{RpcMethod: "Lent", Use: "lent", Short: "Collateral lent to each custodial lien holder"},
				{RpcMethod: "Params", Use: "params", Short: "The vault's parameters"},
				// Listings for wallets and indexers: stored state, paginated, at most 100 per page.
				{RpcMethod: "Accounts", Use: "accounts", Short: "Every account (--with-collateral adds the stored figures)"},
				{RpcMethod: "AllPendingLiens", Use: "all-pending-liens", Short: "Every user's pending liens, newest first"},
				{RpcMethod: "HolderKinds", Use: "holder-kinds", Short: "The registered lien holder kinds"},
				{RpcMethod: "ActiveHolders", Use: "active-holders [kind]", Short: "Lien holders that hold liens, optionally of one kind",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "kind", Optional: true}}},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: types.Msg_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Bond", Use: "bond [amount]", Short: "Deposit collateral",
					Example:        version.AppName + " tx vault bond 1000000stake --from alice",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "amount"}}},
				{RpcMethod: "Unbond", Use: "unbond [amount]", Short: "Withdraw free collateral",
					Example:        version.AppName + " tx vault unbond 1000000stake --from alice",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "amount"}}},
				{RpcMethod: "StakeLocal", Use: "stake-local [validator] [amount]", Short: "Stake collateral with a validator of this chain",
					Example:        version.AppName + " tx vault stake-local " + valoper + "1... 1000000stake --from alice",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "validator"}, {ProtoField: "amount"}}},
				{RpcMethod: "StakeRemote", Use: "stake-remote [holder] [validator] [amount]",
					Short:          "Put a lien for a lien holder (e.g. external/<pairing>) on collateral",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "holder"}, {ProtoField: "validator"}, {ProtoField: "amount"}}},
				{RpcMethod: "UpdateParams", Skip: true}, // authority only: submit it in a governance proposal
			},
			EnhanceCustomCommand: true,
		},
	}
}
