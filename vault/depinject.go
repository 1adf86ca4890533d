package vault

import (
	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/core/store"
	"cosmossdk.io/depinject"

	"github.com/cosmos/cosmos-sdk/codec"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/meshsecurity/mesh/vault/keeper"
	"github.com/meshsecurity/mesh/vault/types"
	"github.com/meshsecurity/mesh/vault/types/modulev1"
)

func init() {
	appmodule.Register(&modulev1.Module{}, appmodule.Provide(ProvideModule))
}

// ModuleInputs is what depinject supplies to the vault.
type ModuleInputs struct {
	depinject.In

	Config        *modulev1.Module
	Cdc           codec.Codec
	StoreService  store.KVStoreService
	AccountKeeper types.AccountKeeper
	BankKeeper    types.BankKeeper
}

// ModuleOutputs is what the vault supplies: its keeper (lien holders register with it) and module.
type ModuleOutputs struct {
	depinject.Out

	Keeper *keeper.Keeper
	Module appmodule.AppModule
}

// ProvideModule builds the vault keeper and module for depinject.
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
		AccountKeeper: in.AccountKeeper, BankKeeper: in.BankKeeper,
	})
	if err != nil {
		return ModuleOutputs{}, err
	}
	return ModuleOutputs{Keeper: k, Module: NewAppModule(in.Cdc, k)}, nil
}
