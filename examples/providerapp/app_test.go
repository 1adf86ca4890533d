package providerapp

import (
	"context"
	"encoding/json"
	"fmt"

	corestore "cosmossdk.io/core/store"
	storetypes "cosmossdk.io/store/types"
	"cosmossdk.io/x/tx/signing"
	"cosmossdk.io/x/upgrade"
	upgradekeeper "cosmossdk.io/x/upgrade/keeper"
	upgradetypes "cosmossdk.io/x/upgrade/types"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/std"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/x/auth"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/bank"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/consensus"
	consensuskeeper "github.com/cosmos/cosmos-sdk/x/consensus/keeper"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distr "github.com/cosmos/cosmos-sdk/x/distribution"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/cosmos/cosmos-sdk/x/slashing"
	slashingkeeper "github.com/cosmos/cosmos-sdk/x/slashing/keeper"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/cosmos/ibc-go/modules/capability"
	capabilitykeeper "github.com/cosmos/ibc-go/modules/capability/keeper"
	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	ibc "github.com/cosmos/ibc-go/v8/modules/core"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"
	ibckeeper "github.com/cosmos/ibc-go/v8/modules/core/keeper"
	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"
	ibctestingtypes "github.com/cosmos/ibc-go/v8/testing/types"

	"github.com/meshsecurity/mesh/externalstaking"
	externalstakingkeeper "github.com/meshsecurity/mesh/externalstaking/keeper"
	externalstakingtypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/localstaking"
	localstakingkeeper "github.com/meshsecurity/mesh/localstaking/keeper"
	localstakingtypes "github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/vault"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// providerApp is a provider-only chain: the SDK modules a proof-of-stake chain needs, IBC core,
// and the three provider components (vault, local staking, external staking). It implements
// testutil.App, so testutil drives it as it drives meshapp.
type providerApp struct {
	*baseapp.BaseApp
	cdc      codec.Codec
	amino    *codec.LegacyAmino
	txConfig client.TxConfig
	keys     map[string]*storetypes.KVStoreKey
	memKeys  map[string]*storetypes.MemoryStoreKey
	modules  *module.Manager
	basics   module.BasicManager

	AccountKeeper    authkeeper.AccountKeeper
	BankKeeper       bankkeeper.BaseKeeper
	StakingKeeper    *stakingkeeper.Keeper
	SlashingKeeper   slashingkeeper.Keeper
	DistrKeeper      distrkeeper.Keeper
	GovKeeper        *govkeeper.Keeper
	UpgradeKeeper    *upgradekeeper.Keeper
	ConsensusKeeper  consensuskeeper.Keeper
	CapabilityKeeper *capabilitykeeper.Keeper
	IBCKeeper        *ibckeeper.Keeper

	VaultKeeper           *vaultkeeper.Keeper
	LocalStakingKeeper    *localstakingkeeper.Keeper
	ExternalStakingKeeper *externalstakingkeeper.Keeper
	// slashRecorder is the staking keeper x/slashing slashes through; local staking watches it.
	slashRecorder *localstakingkeeper.SlashRecorder
}

// authority is the gov module account, which may change every module's parameters.
var authority = authtypes.NewModuleAddress(govtypes.ModuleName).String()

// moduleAccounts are the module accounts and what each may do with tokens.
var moduleAccounts = map[string][]string{
	authtypes.FeeCollectorName:     nil,
	distrtypes.ModuleName:          nil,
	stakingtypes.BondedPoolName:    {authtypes.Burner, authtypes.Staking},
	stakingtypes.NotBondedPoolName: {authtypes.Burner, authtypes.Staking},
	govtypes.ModuleName:            {authtypes.Burner},
	vaulttypes.ModuleName:          {authtypes.Burner, authtypes.Staking},
	localstakingtypes.ModuleName:   {authtypes.Burner},
}

// newProviderApp builds the app from the driver's inputs; it is the chain's ChainConfig.NewApp.
func newProviderApp(in testutil.AppInputs) (testutil.App, error) {
	registry, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          address.Bech32Codec{Bech32Prefix: sdk.GetConfig().GetBech32AccountAddrPrefix()},
			ValidatorAddressCodec: address.Bech32Codec{Bech32Prefix: sdk.GetConfig().GetBech32ValidatorAddrPrefix()},
		},
	})
	if err != nil {
		return nil, err
	}
	std.RegisterInterfaces(registry)
	cdc := codec.NewProtoCodec(registry)
	txConfig := authtx.NewTxConfig(cdc, authtx.DefaultSignModes)
	bApp := baseapp.NewBaseApp("ProviderApp", in.Logger, in.DB, txConfig.TxDecoder(), in.BaseAppOptions...)
	bApp.SetInterfaceRegistry(registry)
	bApp.SetTxEncoder(txConfig.TxEncoder())
	app := &providerApp{BaseApp: bApp, cdc: cdc, amino: codec.NewLegacyAmino(), txConfig: txConfig,
		keys: storetypes.NewKVStoreKeys(authtypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey,
			slashingtypes.StoreKey, distrtypes.StoreKey, govtypes.StoreKey, upgradetypes.StoreKey,
			consensustypes.StoreKey, capabilitytypes.StoreKey, ibcexported.StoreKey, vaulttypes.StoreKey,
			localstakingtypes.StoreKey, externalstakingtypes.StoreKey),
		memKeys: storetypes.NewMemoryStoreKeys(capabilitytypes.MemStoreKey),
	}
	app.buildSDKKeepers()
	if err := app.buildMeshKeepers(); err != nil {
		return nil, err
	}
	app.buildIBC()
	if err := app.buildModules(registry); err != nil {
		return nil, err
	}
	return app, app.finish()
}

// store opens a module's persistent store.
func (app *providerApp) store(name string) corestore.KVStoreService {
	return runtime.NewKVStoreService(app.keys[name])
}

// buildSDKKeepers builds the SDK keepers. x/slashing slashes through local staking's recorder,
// so local staking learns of every slash of a validator its users delegate to.
func (app *providerApp) buildSDKKeepers() {
	cdc, accPrefix := app.cdc, sdk.GetConfig().GetBech32AccountAddrPrefix()
	app.ConsensusKeeper = consensuskeeper.NewKeeper(cdc, app.store(consensustypes.StoreKey), authority, runtime.EventService{})
	app.SetParamStore(app.ConsensusKeeper.ParamsStore)
	app.AccountKeeper = authkeeper.NewAccountKeeper(cdc, app.store(authtypes.StoreKey), authtypes.ProtoBaseAccount,
		moduleAccounts, address.NewBech32Codec(accPrefix), accPrefix, authority)
	app.BankKeeper = bankkeeper.NewBaseKeeper(cdc, app.store(banktypes.StoreKey), app.AccountKeeper,
		map[string]bool{}, authority, app.Logger())
	app.StakingKeeper = stakingkeeper.NewKeeper(cdc, app.store(stakingtypes.StoreKey), app.AccountKeeper,
		app.BankKeeper, authority, address.NewBech32Codec(sdk.GetConfig().GetBech32ValidatorAddrPrefix()),
		address.NewBech32Codec(sdk.GetConfig().GetBech32ConsensusAddrPrefix()))
	app.DistrKeeper = distrkeeper.NewKeeper(cdc, app.store(distrtypes.StoreKey), app.AccountKeeper,
		app.BankKeeper, app.StakingKeeper, authtypes.FeeCollectorName, authority)
	app.slashRecorder = localstakingkeeper.NewSlashRecorder(app.StakingKeeper)
	app.SlashingKeeper = slashingkeeper.NewKeeper(cdc, app.amino, app.store(slashingtypes.StoreKey),
		app.slashRecorder, authority)
	app.StakingKeeper.SetHooks(stakingtypes.NewMultiStakingHooks(app.DistrKeeper.Hooks(), app.SlashingKeeper.Hooks()))
	app.GovKeeper = govkeeper.NewKeeper(cdc, app.store(govtypes.StoreKey), app.AccountKeeper, app.BankKeeper,
		app.StakingKeeper, app.DistrKeeper, app.MsgServiceRouter(), govtypes.DefaultConfig(), authority)
	app.UpgradeKeeper = upgradekeeper.NewKeeper(map[int64]bool{}, app.store(upgradetypes.StoreKey), cdc, "",
		app.BaseApp, authority)
}

// buildMeshKeepers builds the vault, then the lien holders, which register with it.
func (app *providerApp) buildMeshKeepers() error {
	var err error
	app.VaultKeeper, err = vaultkeeper.NewKeeper(vaultkeeper.Config{Codec: app.cdc,
		StoreService: app.store(vaulttypes.StoreKey), Authority: authority,
		AccountKeeper: app.AccountKeeper, BankKeeper: app.BankKeeper})
	if err != nil {
		return err
	}
	app.LocalStakingKeeper, err = localstakingkeeper.NewKeeper(localstakingkeeper.Config{Codec: app.cdc,
		StoreService: app.store(localstakingtypes.StoreKey), Authority: authority,
		AccountKeeper: app.AccountKeeper, BankKeeper: app.BankKeeper,
		StakingKeeper: app.StakingKeeper, SlashingKeeper: app.SlashingKeeper,
		StakingMsgs:      stakingkeeper.NewMsgServerImpl(app.StakingKeeper),
		DistributionMsgs: distrkeeper.NewMsgServerImpl(app.DistrKeeper),
		GovMsgs:          govkeeper.NewMsgServerImpl(app.GovKeeper)})
	if err != nil {
		return err
	}
	if err := app.LocalStakingKeeper.WatchSlashes(app.slashRecorder); err != nil {
		return err
	}
	if err := app.LocalStakingKeeper.RegisterWithVault(app.VaultKeeper); err != nil {
		return err
	}
	app.ExternalStakingKeeper, err = externalstakingkeeper.NewKeeper(externalstakingkeeper.Config{Codec: app.cdc,
		StoreService: app.store(externalstakingtypes.StoreKey), Authority: authority,
		AccountKeeper: app.AccountKeeper, CollateralDenom: app.collateralDenom})
	if err != nil {
		return err
	}
	return app.ExternalStakingKeeper.RegisterWithVault(app.VaultKeeper)
}

// collateralDenom is the vault's collateral denom, which external staking stakes in.
func (app *providerApp) collateralDenom(ctx context.Context) (string, error) {
	params, err := app.VaultKeeper.GetParams(ctx)
	return params.Denom, err
}

// buildIBC builds IBC core and routes external staking's port to it. Every capability scope is
// created before the capability keeper is sealed.
func (app *providerApp) buildIBC() {
	app.CapabilityKeeper = capabilitykeeper.NewKeeper(app.cdc, app.keys[capabilitytypes.StoreKey],
		app.memKeys[capabilitytypes.MemStoreKey])
	scopedIBC := app.CapabilityKeeper.ScopeToModule(ibcexported.ModuleName)
	scopedProvider := app.CapabilityKeeper.ScopeToModule(externalstakingtypes.ModuleName)
	app.CapabilityKeeper.Seal()
	// IBC core reads no legacy params subspace on a new chain.
	app.IBCKeeper = ibckeeper.NewKeeper(app.cdc, app.keys[ibcexported.StoreKey], nil, app.StakingKeeper,
		app.UpgradeKeeper, scopedIBC, authority)
	app.ExternalStakingKeeper.SetIBC(&externalstakingkeeper.IBCKeepers{Channels: app.IBCKeeper.ChannelKeeper,
		Connections: app.IBCKeeper.ConnectionKeeper, Clients: app.IBCKeeper.ClientKeeper,
		Ports: app.IBCKeeper.PortKeeper, Scoped: scopedProvider})
	router := porttypes.NewRouter()
	router.AddRoute(externalstakingtypes.ModuleName, externalstaking.NewIBCModule(app.ExternalStakingKeeper))
	app.IBCKeeper.SetRouter(router)
}

// buildModules lists the modules, sets the block and genesis orders and registers services.
//
// Begin block: distribution pays the last block's signers before slashing jails any of them.
// End block: the vault's settlement and local staking run before staking computes validator
// updates; external staking flushes its outbox after IBC. Genesis: capability first (ports are
// bound in InitGenesis), distribution before staking (its hooks), Mesh after staking and IBC.
func (app *providerApp) buildModules(registry codectypes.InterfaceRegistry) error {
	cdc, vaultQueries := app.cdc, vaultkeeper.NewQueryServerImpl(app.VaultKeeper)
	app.modules = module.NewManager(
		auth.NewAppModule(cdc, app.AccountKeeper, nil, nil),
		bank.NewAppModule(cdc, app.BankKeeper, app.AccountKeeper, nil),
		staking.NewAppModule(cdc, app.StakingKeeper, app.AccountKeeper, app.BankKeeper, nil),
		slashing.NewAppModule(cdc, app.SlashingKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper, nil, registry),
		distr.NewAppModule(cdc, app.DistrKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper, nil),
		gov.NewAppModule(cdc, app.GovKeeper, app.AccountKeeper, app.BankKeeper, nil),
		upgrade.NewAppModule(app.UpgradeKeeper, app.AccountKeeper.AddressCodec()),
		consensus.NewAppModule(cdc, app.ConsensusKeeper),
		capability.NewAppModule(cdc, *app.CapabilityKeeper, false),
		ibc.NewAppModule(app.IBCKeeper),
		ibctm.NewAppModule(),
		vault.NewAppModule(cdc, app.VaultKeeper),
		localstaking.NewAppModule(cdc, app.LocalStakingKeeper, vaultQueries),
		externalstaking.NewAppModule(app.ExternalStakingKeeper, vaultQueries),
	)
	app.basics = module.NewBasicManagerFromManager(app.modules, nil)
	app.basics.RegisterLegacyAminoCodec(app.amino)
	app.basics.RegisterInterfaces(registry)
	app.modules.SetOrderPreBlockers(upgradetypes.ModuleName)
	app.modules.SetOrderBeginBlockers(capabilitytypes.ModuleName, distrtypes.ModuleName,
		slashingtypes.ModuleName, stakingtypes.ModuleName, ibcexported.ModuleName)
	app.modules.SetOrderEndBlockers(govtypes.ModuleName, vaulttypes.ModuleName, localstakingtypes.ModuleName,
		stakingtypes.ModuleName, ibcexported.ModuleName, externalstakingtypes.ModuleName)
	app.modules.SetOrderInitGenesis(capabilitytypes.ModuleName, authtypes.ModuleName, banktypes.ModuleName,
		distrtypes.ModuleName, stakingtypes.ModuleName, slashingtypes.ModuleName, govtypes.ModuleName,
		ibcexported.ModuleName, vaulttypes.ModuleName, localstakingtypes.ModuleName,
		externalstakingtypes.ModuleName, upgradetypes.ModuleName, consensustypes.ModuleName)
	return app.modules.RegisterServices(module.NewConfigurator(cdc, app.MsgServiceRouter(), app.GRPCQueryRouter()))
}

// finish mounts the stores, installs the ABCI handlers and the SDK's standard ante handler, and
// loads the latest version.
func (app *providerApp) finish() error {
	app.MountKVStores(app.keys)
	app.MountMemoryStores(app.memKeys)
	app.SetInitChainer(app.initChainer)
	app.SetPreBlocker(func(ctx sdk.Context, _ *abci.RequestFinalizeBlock) (*sdk.ResponsePreBlock, error) {
		return app.modules.PreBlock(ctx)
	})
	app.SetBeginBlocker(app.modules.BeginBlock)
	app.SetEndBlocker(app.modules.EndBlock)
	anteHandler, err := ante.NewAnteHandler(ante.HandlerOptions{AccountKeeper: app.AccountKeeper,
		BankKeeper: app.BankKeeper, SignModeHandler: app.txConfig.SignModeHandler(),
		SigGasConsumer: ante.DefaultSigVerificationGasConsumer})
	if err != nil {
		return err
	}
	app.SetAnteHandler(anteHandler)
	return app.LoadLatestVersion()
}

// initChainer runs every module's InitGenesis in the genesis order.
func (app *providerApp) initChainer(ctx sdk.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	var state map[string]json.RawMessage
	if err := json.Unmarshal(req.AppStateBytes, &state); err != nil {
		return nil, fmt.Errorf("decode genesis state: %w", err)
	}
	if err := app.UpgradeKeeper.SetModuleVersionMap(ctx, app.modules.GetVersionMap()); err != nil {
		return nil, err
	}
	return app.modules.InitGenesis(ctx, app.cdc, state)
}

// GetBaseApp returns the BaseApp (testutil.App).
func (app *providerApp) GetBaseApp() *baseapp.BaseApp { return app.BaseApp }

// AppCodec returns the app's codec (testutil.App).
func (app *providerApp) AppCodec() codec.Codec { return app.cdc }

// GetTxConfig returns the app's transaction configuration (testutil.App).
func (app *providerApp) GetTxConfig() client.TxConfig { return app.txConfig }

// GetIBCKeeper returns IBC core's keeper (testutil.App).
func (app *providerApp) GetIBCKeeper() *ibckeeper.Keeper { return app.IBCKeeper }

// GetStakingKeeper returns the staking keeper (testutil.App).
func (app *providerApp) GetStakingKeeper() ibctestingtypes.StakingKeeper { return app.StakingKeeper }

// DefaultGenesis returns every module's default genesis (testutil.App).
func (app *providerApp) DefaultGenesis() map[string]json.RawMessage {
	return app.basics.DefaultGenesis(app.cdc)
}
