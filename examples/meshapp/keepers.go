package meshapp

import (
	"cosmossdk.io/log"
	evidencekeeper "cosmossdk.io/x/evidence/keeper"
	evidencetypes "cosmossdk.io/x/evidence/types"
	upgradekeeper "cosmossdk.io/x/upgrade/keeper"
	upgradetypes "cosmossdk.io/x/upgrade/types"
	"github.com/spf13/cast"

	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/server"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authcodec "github.com/cosmos/cosmos-sdk/x/auth/codec"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	consensusparamkeeper "github.com/cosmos/cosmos-sdk/x/consensus/keeper"
	consensusparamtypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	mintkeeper "github.com/cosmos/cosmos-sdk/x/mint/keeper"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	paramskeeper "github.com/cosmos/cosmos-sdk/x/params/keeper"
	paramstypes "github.com/cosmos/cosmos-sdk/x/params/types"
	slashingkeeper "github.com/cosmos/cosmos-sdk/x/slashing/keeper"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	localstakingkeeper "github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/virtualstaking/supply"
)

// authority is the address allowed to change module parameters: the gov module account, so
// every parameter change goes through a proposal.
func authority() string {
	return authtypes.NewModuleAddress(govtypes.ModuleName).String()
}

// buildKeepers constructs the keepers of the standard modules in dependency order. IBC keepers
// are built in ibc.go because they depend on the capability scopes created there.
func (app *MeshApp) buildKeepers(appOpts servertypes.AppOptions, logger log.Logger, exts []StakingExtension) error {
	kv := app.keys.kv
	cdc := app.appCodec

	app.ParamsKeeper = newParamsKeeper(app)
	app.ConsensusParamsKeeper = consensusparamkeeper.NewKeeper(cdc,
		runtime.NewKVStoreService(kv[consensusparamtypes.StoreKey]), authority(), runtime.EventService{})
	app.SetParamStore(app.ConsensusParamsKeeper.ParamsStore)

	app.AccountKeeper = authkeeper.NewAccountKeeper(cdc, runtime.NewKVStoreService(kv[authtypes.StoreKey]),
		authtypes.ProtoBaseAccount, moduleAccountPermissions(),
		authcodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix()),
		sdk.GetConfig().GetBech32AccountAddrPrefix(), authority())
	app.BankKeeper = bankkeeper.NewBaseKeeper(cdc, runtime.NewKVStoreService(kv[banktypes.StoreKey]),
		app.AccountKeeper, blockedAddresses(), authority(), logger)
	app.StakingKeeper = stakingkeeper.NewKeeper(cdc, runtime.NewKVStoreService(kv[stakingtypes.StoreKey]),
		app.AccountKeeper, app.BankKeeper, authority(),
		authcodec.NewBech32Codec(sdk.GetConfig().GetBech32ValidatorAddrPrefix()),
		authcodec.NewBech32Codec(sdk.GetConfig().GetBech32ConsensusAddrPrefix()))
	if err := app.buildVirtualStakingEvents(logger); err != nil {
		return err
	}
	if err := app.buildStakingExtensions(exts); err != nil {
		return err
	}
	app.MintKeeper = mintkeeper.NewKeeper(cdc, runtime.NewKVStoreService(kv[minttypes.StoreKey]),
		app.mintStaking(supply.NewMintKeeper(app.StakingKeeper, app.virtualSupply)), app.AccountKeeper, app.BankKeeper, authtypes.FeeCollectorName, authority())
	app.DistrKeeper = distrkeeper.NewKeeper(cdc, runtime.NewKVStoreService(kv[distrtypes.StoreKey]),
		app.AccountKeeper, app.BankKeeper, app.StakingKeeper, authtypes.FeeCollectorName, authority())
	// x/slashing slashes through local staking's recorder, which marks each slashed validator
	// before x/staking applies the slash, even one that falls only on unbonding entries.
	app.slashRecorder = localstakingkeeper.NewSlashRecorder(app.StakingKeeper)
	app.SlashingKeeper = slashingkeeper.NewKeeper(cdc, app.legacyAmino,
		runtime.NewKVStoreService(kv[slashingtypes.StoreKey]), app.slashingStaking(app.VirtualStakingEvents.Decorate(app.slashRecorder)), authority())

	app.UpgradeKeeper = upgradekeeper.NewKeeper(skipUpgradeHeights(appOpts),
		runtime.NewKVStoreService(kv[upgradetypes.StoreKey]), cdc, cast.ToString(appOpts.Get(flags.FlagHome)),
		app.BaseApp, authority())

	// x/evidence slashes through x/slashing, so double-signs pass the slash recorder as downtime
	// does.
	app.EvidenceKeeper = *evidencekeeper.NewKeeper(cdc, runtime.NewKVStoreService(kv[evidencetypes.StoreKey]),
		app.StakingKeeper, app.SlashingKeeper, app.AccountKeeper.AddressCodec(), runtime.ProvideCometInfoService())

	app.GovKeeper = govkeeper.NewKeeper(cdc, runtime.NewKVStoreService(kv[govtypes.StoreKey]),
		app.AccountKeeper, app.BankKeeper, app.govStaking(supply.NewGovKeeper(app.StakingKeeper, app.virtualSupply)), app.DistrKeeper, app.MsgServiceRouter(),
		govtypes.DefaultConfig(), authority())
	return nil
}

// wireStakingHooks registers the staking hooks, after the Mesh keepers. SetHooks may be called
// only once, so every module that reacts to validator and delegation changes is listed here, and
// the list runs in order. x/distribution comes first: its hooks withdraw a delegator's rewards and
// record a validator's slash before anything else acts on the same change, so rewards are
// computed on the stake as it was. x/slashing follows (it creates signing records when a
// validator bonds). Local staking needs no hook: it sees slashes through the staking keeper
// x/slashing was built with. Staking extensions' hooks run after these.
func (app *MeshApp) wireStakingHooks() {
	hooks := append([]stakingtypes.StakingHooks{
		app.DistrKeeper.Hooks(),
		app.SlashingKeeper.Hooks(),
		app.VirtualStakingEvents.Hooks(),
	}, app.extensionHooks()...)
	app.StakingKeeper.SetHooks(stakingtypes.NewMultiStakingHooks(hooks...))
}

// newParamsKeeper creates the legacy params keeper. Only IBC still reads a params subspace, to
// migrate its parameters; the SDK modules keep their parameters in their own stores.
func newParamsKeeper(app *MeshApp) paramskeeper.Keeper {
	keeper := paramskeeper.NewKeeper(app.appCodec, app.legacyAmino,
		app.keys.kv[paramstypes.StoreKey], app.keys.transient[paramstypes.TStoreKey])
	registerIBCSubspaces(keeper)
	return keeper
}

// skipUpgradeHeights reads the heights at which the node operator chose to skip an upgrade.
func skipUpgradeHeights(appOpts servertypes.AppOptions) map[int64]bool {
	heights := map[int64]bool{}
	for _, h := range cast.ToIntSlice(appOpts.Get(server.FlagUnsafeSkipUpgrades)) {
		heights[int64(h)] = true
	}
	return heights
}
