package localstaking

import (
	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/core/store"
	"cosmossdk.io/depinject"

	"github.com/cosmos/cosmos-sdk/codec"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	slashingkeeper "github.com/cosmos/cosmos-sdk/x/slashing/keeper"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/localstaking/types/modulev1"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
)

func init() {
	appmodule.Register(&modulev1.Module{}, appmodule.Provide(ProvideModule))
}

// ModuleInputs is what depinject supplies to local staking: the standard keepers whose Msg
// servers it acts through, and the vault it registers with.
type ModuleInputs struct {
	depinject.In

	// Config is the module's app-config entry (its authority).
	Config *modulev1.Module
	// Cdc encodes the module's state.
	Cdc codec.Codec
	// StoreService opens the module's store.
	StoreService store.KVStoreService
	// AccountKeeper creates the derived accounts.
	AccountKeeper types.AccountKeeper
	// BankKeeper moves, forwards and burns tokens.
	BankKeeper types.BankKeeper
	// StakingKeeper holds the delegations and serves x/staking's Msg server.
	StakingKeeper *stakingkeeper.Keeper
	// SlashingKeeper gives the slash fractions behind the max slash.
	SlashingKeeper slashingkeeper.Keeper
	// DistrKeeper serves x/distribution's Msg server, for reward withdrawals.
	DistrKeeper distrkeeper.Keeper
	// GovKeeper serves x/gov's Msg server, for votes.
	GovKeeper *govkeeper.Keeper
	// VaultKeeper is the vault local staking registers with as the local lien holder.
	VaultKeeper *vaultkeeper.Keeper
}

// ModuleOutputs is what local staking supplies: its keeper and module.
type ModuleOutputs struct {
	depinject.Out

	// Keeper is the local staking keeper, registered with the vault.
	Keeper *keeper.Keeper
	// Module is the local staking app module.
	Module appmodule.AppModule
	// StakingHooks counts validator slashes; x/staking's hook ordering in the app config lists it.
	StakingHooks stakingtypes.StakingHooksWrapper
}

// ProvideModule builds the keeper, registers it with the vault as the local lien holder, and
// returns the module for depinject.
func ProvideModule(in ModuleInputs) (ModuleOutputs, error) {
	authority := authtypes.NewModuleAddress(govtypes.ModuleName)
	if in.Config.Authority != "" {
		authority = authtypes.NewModuleAddressOrBech32Address(in.Config.Authority)
	}
	authorityStr, err := in.AccountKeeper.AddressCodec().BytesToString(authority)
	if err != nil {
		return ModuleOutputs{}, err
	}
	k, err := keeper.NewKeeper(keeper.Config{
		Codec: in.Cdc, StoreService: in.StoreService, Authority: authorityStr,
		AccountKeeper: in.AccountKeeper, BankKeeper: in.BankKeeper, StakingKeeper: in.StakingKeeper,
		SlashingKeeper: in.SlashingKeeper, StakingMsgs: stakingkeeper.NewMsgServerImpl(in.StakingKeeper),
		DistributionMsgs: distrkeeper.NewMsgServerImpl(in.DistrKeeper), GovMsgs: govkeeper.NewMsgServerImpl(in.GovKeeper),
	})
	if err != nil {
		return ModuleOutputs{}, err
	}
	if err := k.RegisterWithVault(in.VaultKeeper); err != nil {
		return ModuleOutputs{}, err
	}
	return ModuleOutputs{Keeper: k, Module: NewAppModule(in.Cdc, k, vaultkeeper.NewQueryServerImpl(in.VaultKeeper)),
		StakingHooks: stakingtypes.StakingHooksWrapper{StakingHooks: k.Hooks()}}, nil
}
