package meshapp

import (
	"fmt"
	"io"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/gogoproto/proto"

	"cosmossdk.io/log"
	storetypes "cosmossdk.io/store/types"
	evidencekeeper "cosmossdk.io/x/evidence/keeper"
	"cosmossdk.io/x/tx/signing"
	upgradekeeper "cosmossdk.io/x/upgrade/keeper"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/cosmos/cosmos-sdk/std"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	consensusparamkeeper "github.com/cosmos/cosmos-sdk/x/consensus/keeper"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	mintkeeper "github.com/cosmos/cosmos-sdk/x/mint/keeper"
	paramskeeper "github.com/cosmos/cosmos-sdk/x/params/keeper"
	slashingkeeper "github.com/cosmos/cosmos-sdk/x/slashing/keeper"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"

	capabilitykeeper "github.com/cosmos/ibc-go/modules/capability/keeper"
	ibctransferkeeper "github.com/cosmos/ibc-go/v8/modules/apps/transfer/keeper"
	ibckeeper "github.com/cosmos/ibc-go/v8/modules/core/keeper"
	ibctestingtypes "github.com/cosmos/ibc-go/v8/testing/types"

	converterkeeper "github.com/meshsecurity/mesh/converter/keeper"
	externalstakingkeeper "github.com/meshsecurity/mesh/externalstaking/keeper"
	localstakingkeeper "github.com/meshsecurity/mesh/localstaking/keeper"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	"github.com/meshsecurity/mesh/virtualstaking/capture"
	virtualstakingkeeper "github.com/meshsecurity/mesh/virtualstaking/keeper"
	"github.com/meshsecurity/mesh/virtualstaking/supply"
)

// AppName is the name the app reports through ABCI Info.
const AppName = "MeshApp"

var _ servertypes.Application = (*MeshApp)(nil)

// MeshApp is the example application. Keepers are exported so tests and derived chains can reach
// them; they are built once in New and never replaced.
type MeshApp struct {
	*baseapp.BaseApp

	legacyAmino       *codec.LegacyAmino
	appCodec          codec.Codec
	txConfig          client.TxConfig
	interfaceRegistry codectypes.InterfaceRegistry
	keys              storeKeys

	// Standard modules.
	AccountKeeper         authkeeper.AccountKeeper
	BankKeeper            bankkeeper.BaseKeeper
	StakingKeeper         *stakingkeeper.Keeper
	SlashingKeeper        slashingkeeper.Keeper
	MintKeeper            mintkeeper.Keeper
	DistrKeeper           distrkeeper.Keeper
	GovKeeper             *govkeeper.Keeper
	UpgradeKeeper         *upgradekeeper.Keeper
	ParamsKeeper          paramskeeper.Keeper
	EvidenceKeeper        evidencekeeper.Keeper
	ConsensusParamsKeeper consensusparamkeeper.Keeper

	// IBC. The IBC keeper must be a pointer so the router can be set after the applications
	// that use it are built.
	CapabilityKeeper     *capabilitykeeper.Keeper
	IBCKeeper            *ibckeeper.Keeper
	TransferKeeper       ibctransferkeeper.Keeper
	ScopedIBCKeeper      capabilitykeeper.ScopedKeeper
	ScopedTransferKeeper capabilitykeeper.ScopedKeeper

	// Mesh Security. Lien holders register with the vault keeper when they are built.
	VaultKeeper *vaultkeeper.Keeper
	// LocalStakingKeeper is the vault's local lien holder: real delegations on this chain.
	LocalStakingKeeper *localstakingkeeper.Keeper
	// ExternalStakingKeeper is the vault's external lien-holder kind (one holder per consumer
	// pairing) and the provider end of the Mesh Security channel.
	ExternalStakingKeeper       *externalstakingkeeper.Keeper
	ScopedExternalStakingKeeper capabilitykeeper.ScopedKeeper
	// VirtualStakingKeeper is the consumer's virtual staking: the converter's requests as real,
	// slashable delegations of minted tokens.
	VirtualStakingKeeper *virtualstakingkeeper.Keeper
	// ConverterKeeper is the consumer end of the Mesh Security channel: provider pairings, their
	// prices and requests, and the reports towards the providers.
	ConverterKeeper       *converterkeeper.Keeper
	ScopedConverterKeeper capabilitykeeper.ScopedKeeper
	// ConverterUnwinds records the pairings the converter hands to virtual staking's unwind.
	ConverterUnwinds *UnwindRecorder
	// slashRecorder is the staking keeper x/slashing slashes through; local staking binds to it.
	slashRecorder *localstakingkeeper.SlashRecorder
	// VirtualStakingEvents captures validator-set changes and slashes for virtual staking (staking
	// hooks and the decorator of the staking keeper x/slashing slashes through); it keeps its
	// records in virtual staking's store.
	VirtualStakingEvents *capture.Keeper
	// virtualSupply is virtual staking's figures for x/mint's and x/gov's decorated keepers, bound
	// once virtual staking is built.
	virtualSupply *supply.LateVirtualStake
	// stakingParts are the parts of the staking extensions from the options.
	stakingParts []StakingExtensionParts

	ModuleManager      *module.Manager
	BasicModuleManager module.BasicManager
	configurator       module.Configurator
}

// New builds the app on db. appOpts carries node configuration (home directory, skipped upgrade
// heights); baseAppOptions configure the BaseApp (chain id, pruning, minimum gas prices); opts plug
// in extra modules.
func New(
	logger log.Logger,
	db dbm.DB,
	traceStore io.Writer,
	loadLatest bool,
	appOpts servertypes.AppOptions,
	opts []Option,
	baseAppOptions ...func(*baseapp.BaseApp),
) (*MeshApp, error) {
	o := collectOptions(opts)
	interfaceRegistry, err := newInterfaceRegistry()
	if err != nil {
		return nil, err
	}
	appCodec := codec.NewProtoCodec(interfaceRegistry)
	legacyAmino := codec.NewLegacyAmino()
	txConfig := authtx.NewTxConfig(appCodec, authtx.DefaultSignModes)
	std.RegisterLegacyAminoCodec(legacyAmino)
	std.RegisterInterfaces(interfaceRegistry)

	bApp := baseapp.NewBaseApp(AppName, logger, db, txConfig.TxDecoder(), baseAppOptions...)
	bApp.SetCommitMultiStoreTracer(traceStore)
	bApp.SetInterfaceRegistry(interfaceRegistry)
	bApp.SetTxEncoder(txConfig.TxEncoder())

	app := &MeshApp{
		BaseApp:           bApp,
		legacyAmino:       legacyAmino,
		appCodec:          appCodec,
		txConfig:          txConfig,
		interfaceRegistry: interfaceRegistry,
		keys:              newStoreKeys(o.extraStoreNames()),
	}
	if err := bApp.RegisterStreamingServices(appOpts, app.keys.kv); err != nil {
		return nil, err
	}
	if err := app.buildKeepers(appOpts, logger, o.stakingExts); err != nil {
		return nil, err
	}
	if err := app.buildMeshKeepers(); err != nil {
		return nil, err
	}
	extraModules := append(app.buildIBC(o), app.extensionModules()...)
	if err := app.bindStakingExtensions(); err != nil {
		return nil, err
	}
	if err := app.buildModuleManager(extraModules); err != nil {
		return nil, err
	}
	if err := app.registerUpgrades(appOpts); err != nil {
		return nil, err
	}
	if err := app.finish(loadLatest, o); err != nil {
		return nil, err
	}
	return app, nil
}

// newInterfaceRegistry creates the registry with the address codecs x/tx needs to find signers.
func newInterfaceRegistry() (codectypes.InterfaceRegistry, error) {
	return codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          address.Bech32Codec{Bech32Prefix: sdk.GetConfig().GetBech32AccountAddrPrefix()},
			ValidatorAddressCodec: address.Bech32Codec{Bech32Prefix: sdk.GetConfig().GetBech32ValidatorAddrPrefix()},
		},
	})
}

// finish mounts the stores, installs the ABCI handlers and loads the latest version.
func (app *MeshApp) finish(loadLatest bool, o options) error {
	app.MountKVStores(app.keys.kv)
	app.MountTransientStores(app.keys.transient)
	app.MountMemoryStores(app.keys.memory)

	app.SetInitChainer(app.InitChainer)
	app.SetPreBlocker(app.PreBlocker)
	app.SetBeginBlocker(app.BeginBlocker)
	app.SetEndBlocker(app.EndBlocker)
	anteHandler, err := newAnteHandler(app, o.txGasMeterFn)
	if err != nil {
		return err
	}
	app.SetAnteHandler(anteHandler)

	if loadLatest {
		if err := app.LoadLatestVersion(); err != nil {
			return fmt.Errorf("load latest version: %w", err)
		}
	}
	return nil
}

// PreBlocker runs the modules' pre-blockers (x/upgrade applies a scheduled upgrade here).
func (app *MeshApp) PreBlocker(ctx sdk.Context, _ *abci.RequestFinalizeBlock) (*sdk.ResponsePreBlock, error) {
	return app.ModuleManager.PreBlock(ctx)
}

// BeginBlocker runs the modules' begin-blockers in the order set in order.go.
func (app *MeshApp) BeginBlocker(ctx sdk.Context) (sdk.BeginBlock, error) {
	return app.ModuleManager.BeginBlock(ctx)
}

// EndBlocker runs the modules' end-blockers in the order set in order.go.
func (app *MeshApp) EndBlocker(ctx sdk.Context) (sdk.EndBlock, error) {
	return app.ModuleManager.EndBlock(ctx)
}

// LoadHeight loads the state at a past height, for export.
func (app *MeshApp) LoadHeight(height int64) error {
	return app.LoadVersion(height)
}

// Name returns the app's name.
func (app *MeshApp) Name() string { return app.BaseApp.Name() }

// LegacyAmino returns the amino codec, used only for legacy JSON signing.
func (app *MeshApp) LegacyAmino() *codec.LegacyAmino { return app.legacyAmino }

// AppCodec returns the app's protobuf codec.
func (app *MeshApp) AppCodec() codec.Codec { return app.appCodec }

// InterfaceRegistry returns the app's interface registry.
func (app *MeshApp) InterfaceRegistry() codectypes.InterfaceRegistry { return app.interfaceRegistry }

// TxConfig returns the app's transaction configuration.
func (app *MeshApp) TxConfig() client.TxConfig { return app.txConfig }

// Configurator returns the configurator used to register services and migrations.
func (app *MeshApp) Configurator() module.Configurator { return app.configurator }

// GetBaseApp returns the BaseApp, as ibc-go's testing package expects.
func (app *MeshApp) GetBaseApp() *baseapp.BaseApp { return app.BaseApp }

// GetStakingKeeper returns the staking keeper, whose historical info light-client tests read.
func (app *MeshApp) GetStakingKeeper() ibctestingtypes.StakingKeeper { return app.StakingKeeper }

// GetIBCKeeper returns the IBC core keeper.
func (app *MeshApp) GetIBCKeeper() *ibckeeper.Keeper { return app.IBCKeeper }

// GetScopedIBCKeeper returns IBC core's capability scope.
func (app *MeshApp) GetScopedIBCKeeper() capabilitykeeper.ScopedKeeper { return app.ScopedIBCKeeper }

// GetTxConfig returns the app's transaction configuration.
func (app *MeshApp) GetTxConfig() client.TxConfig { return app.txConfig }

// GetKey returns the persistent store key of a module, or nil for a name the app does not mount.
func (app *MeshApp) GetKey(storeKey string) *storetypes.KVStoreKey { return app.keys.kv[storeKey] }
