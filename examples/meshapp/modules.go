package meshapp

import (
	"cosmossdk.io/x/evidence"
	"cosmossdk.io/x/upgrade"

	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authsims "github.com/cosmos/cosmos-sdk/x/auth/simulation"
	"github.com/cosmos/cosmos-sdk/x/bank"
	"github.com/cosmos/cosmos-sdk/x/consensus"
	distr "github.com/cosmos/cosmos-sdk/x/distribution"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govclient "github.com/cosmos/cosmos-sdk/x/gov/client"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/cosmos/cosmos-sdk/x/mint"
	"github.com/cosmos/cosmos-sdk/x/params"
	"github.com/cosmos/cosmos-sdk/x/slashing"
	"github.com/cosmos/cosmos-sdk/x/staking"

	"github.com/cosmos/ibc-go/modules/capability"
	"github.com/cosmos/ibc-go/v8/modules/apps/transfer"
	ibc "github.com/cosmos/ibc-go/v8/modules/core"
	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"

	"github.com/meshsecurity/mesh/converter"
	"github.com/meshsecurity/mesh/externalstaking"
	"github.com/meshsecurity/mesh/localstaking"
	"github.com/meshsecurity/mesh/vault"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	"github.com/meshsecurity/mesh/virtualstaking"
)

// buildModuleManager lists every module of the app, sets the block and genesis orders and
// registers the modules' services. A new component adds its AppModule to standardModules and its
// name to the orders in order.go.
func (app *MeshApp) buildModuleManager(extra []module.AppModule) error {
	modules := append(app.standardModules(), extra...)
	app.ModuleManager = module.NewManager(modules...)
	app.BasicModuleManager = module.NewBasicManagerFromManager(app.ModuleManager,
		map[string]module.AppModuleBasic{
			genutiltypes.ModuleName: genutil.NewAppModuleBasic(genutiltypes.DefaultMessageValidator),
			govtypes.ModuleName:     gov.NewAppModuleBasic([]govclient.ProposalHandler{}),
		})
	app.BasicModuleManager.RegisterLegacyAminoCodec(app.legacyAmino)
	app.BasicModuleManager.RegisterInterfaces(app.interfaceRegistry)

	setModuleOrder(app.ModuleManager, moduleNames(extra))

	app.configurator = module.NewConfigurator(app.appCodec, app.MsgServiceRouter(), app.GRPCQueryRouter())
	if err := app.ModuleManager.RegisterServices(app.configurator); err != nil {
		return err
	}
	return app.registerClientServices()
}

// standardModules returns the AppModules of the standard modules. The legacy params subspaces
// passed to SDK modules are nil: they are read only by migrations from SDK v0.46 and earlier,
// which a new chain never runs.
func (app *MeshApp) standardModules() []module.AppModule {
	cdc := app.appCodec
	return []module.AppModule{
		genutil.NewAppModule(app.AccountKeeper, app.StakingKeeper, app.BaseApp, app.txConfig),
		auth.NewAppModule(cdc, app.AccountKeeper, authsims.RandomGenesisAccounts, nil),
		bank.NewAppModule(cdc, app.BankKeeper, app.AccountKeeper, nil),
		capability.NewAppModule(cdc, *app.CapabilityKeeper, false),
		gov.NewAppModule(cdc, app.GovKeeper, app.AccountKeeper, app.BankKeeper, nil),
		mint.NewAppModule(cdc, app.MintKeeper, app.AccountKeeper, nil, nil),
		slashing.NewAppModule(cdc, app.SlashingKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper, nil, app.interfaceRegistry),
		distr.NewAppModule(cdc, app.DistrKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper, nil),
		staking.NewAppModule(cdc, app.StakingKeeper, app.AccountKeeper, app.BankKeeper, nil),
		upgrade.NewAppModule(app.UpgradeKeeper, app.AccountKeeper.AddressCodec()),
		evidence.NewAppModule(app.EvidenceKeeper),
		params.NewAppModule(app.ParamsKeeper),
		consensus.NewAppModule(cdc, app.ConsensusParamsKeeper),
		ibc.NewAppModule(app.IBCKeeper),
		transfer.NewAppModule(app.TransferKeeper),
		ibctm.NewAppModule(),
		vault.NewAppModule(cdc, app.VaultKeeper),
		localstaking.NewAppModule(cdc, app.LocalStakingKeeper, vaultkeeper.NewQueryServerImpl(app.VaultKeeper)),
		externalstaking.NewAppModule(app.ExternalStakingKeeper, vaultkeeper.NewQueryServerImpl(app.VaultKeeper)),
		virtualstaking.NewAppModule(app.VirtualStakingKeeper),
		converter.NewAppModule(app.ConverterKeeper),
	}
}

// moduleNames returns the names of modules, in order.
func moduleNames(modules []module.AppModule) []string {
	names := make([]string, 0, len(modules))
	for _, m := range modules {
		if named, ok := m.(module.HasName); ok {
			names = append(names, named.Name())
		}
	}
	return names
}
