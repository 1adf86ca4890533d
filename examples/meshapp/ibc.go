package meshapp

import (
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/types/module"
	paramskeeper "github.com/cosmos/cosmos-sdk/x/params/keeper"
	paramstypes "github.com/cosmos/cosmos-sdk/x/params/types"

	capabilitykeeper "github.com/cosmos/ibc-go/modules/capability/keeper"
	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	"github.com/cosmos/ibc-go/v8/modules/apps/transfer"
	ibctransferkeeper "github.com/cosmos/ibc-go/v8/modules/apps/transfer/keeper"
	ibctransfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	ibcclienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	ibcconnectiontypes "github.com/cosmos/ibc-go/v8/modules/core/03-connection/types"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"
	ibckeeper "github.com/cosmos/ibc-go/v8/modules/core/keeper"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	externalstakingtypes "github.com/meshsecurity/mesh/externalstaking/types"
)

// buildIBC creates the capability keeper and its scopes, the IBC core keeper, ICS-20 and the
// extra IBC applications from the options, and routes every port. It returns the modules of the
// extra applications so the module manager can include them.
//
// Capabilities (ibc-go v8): every module that owns ports or channels needs its own scope, and
// all scopes must be created before the capability keeper is sealed. A Mesh Security IBC
// component (provider or consumer end) gets a scope here, its keeper takes the channel keeper as
// its ICS-4 wrapper, and its IBC module is added to the router under its port.
func (app *MeshApp) buildIBC(o options) []module.AppModule {
	kv := app.keys.kv
	app.CapabilityKeeper = capabilitykeeper.NewKeeper(app.appCodec,
		kv[capabilitytypes.StoreKey], app.keys.memory[capabilitytypes.MemStoreKey])
	app.ScopedIBCKeeper = app.CapabilityKeeper.ScopeToModule(ibcexported.ModuleName)
	app.ScopedTransferKeeper = app.CapabilityKeeper.ScopeToModule(ibctransfertypes.ModuleName)
	scopedExternalStaking := app.CapabilityKeeper.ScopeToModule(externalstakingtypes.ModuleName)
	scopedConverter := app.CapabilityKeeper.ScopeToModule(convertertypes.ModuleName)
	extraScopes := make([]capabilitykeeper.ScopedKeeper, len(o.ibcApps))
	for i, a := range o.ibcApps {
		extraScopes[i] = app.CapabilityKeeper.ScopeToModule(a.ModuleName)
	}
	app.CapabilityKeeper.Seal()

	app.IBCKeeper = ibckeeper.NewKeeper(app.appCodec, kv[ibcexported.StoreKey],
		app.subspace(ibcexported.ModuleName), app.StakingKeeper, app.UpgradeKeeper,
		app.ScopedIBCKeeper, authority())

	// ICS-20 has no middleware here, so the channel keeper is both its ICS-4 wrapper (for
	// sending) and its channel keeper (for reading channels).
	app.TransferKeeper = ibctransferkeeper.NewKeeper(app.appCodec, kv[ibctransfertypes.StoreKey],
		app.subspace(ibctransfertypes.ModuleName), app.IBCKeeper.ChannelKeeper, app.IBCKeeper.ChannelKeeper,
		app.IBCKeeper.PortKeeper, app.AccountKeeper, app.BankKeeper, app.ScopedTransferKeeper, authority())

	router := porttypes.NewRouter()
	router.AddRoute(ibctransfertypes.ModuleName, transfer.NewIBCModule(app.TransferKeeper))
	app.routeExternalStaking(router, scopedExternalStaking)
	app.routeConverter(router, scopedConverter)
	for _, a := range o.ibcApps {
		if a.PortID == convertertypes.PortID {
			// a test double of the consumer end owns the port on this chain
			app.ConverterKeeper.LeavePort()
		}
	}
	extraModules := make([]module.AppModule, 0, len(o.ibcApps))
	for i, a := range o.ibcApps {
		ibcModule, appModule := a.Build(IBCAppDeps{
			Codec:        app.appCodec,
			ScopedKeeper: extraScopes[i],
			IBCKeeper:    app.IBCKeeper,
			StoreKeys:    app.namedStoreKeys(a.StoreKeys),
		})
		// IBC core finds a port's callbacks by the module that owns the port's capability, so
		// the route is the module name, whatever the port is called.
		router.AddRoute(a.ModuleName, ibcModule)
		extraModules = append(extraModules, appModule)
	}
	// The router is sealed by SetRouter: every port must be routed before this line.
	app.IBCKeeper.SetRouter(router)
	return extraModules
}

// namedStoreKeys picks the store keys an extra application asked for.
func (app *MeshApp) namedStoreKeys(names []string) map[string]*storetypes.KVStoreKey {
	picked := make(map[string]*storetypes.KVStoreKey, len(names))
	for _, name := range names {
		picked[name] = app.keys.kv[name]
	}
	return picked
}

// registerIBCSubspaces declares the legacy params subspaces IBC core and ICS-20 migrate from.
func registerIBCSubspaces(keeper paramskeeper.Keeper) {
	keyTable := ibcclienttypes.ParamKeyTable()
	keyTable.RegisterParamSet(&ibcconnectiontypes.Params{})
	keeper.Subspace(ibcexported.ModuleName).WithKeyTable(keyTable)
	keeper.Subspace(ibctransfertypes.ModuleName).WithKeyTable(ibctransfertypes.ParamKeyTable())
}

// subspace returns the legacy params subspace of a module.
func (app *MeshApp) subspace(moduleName string) paramstypes.Subspace {
	space, _ := app.ParamsKeeper.GetSubspace(moduleName)
	return space
}
