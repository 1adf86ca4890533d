package meshapp

import (
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/types/module"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// StakingExtension plugs in a component that watches x/staking or changes what other modules see
// of it: it may decorate the staking keeper x/slashing (and through it x/evidence), x/mint and
// x/gov are built with, add staking hooks, and add a module that runs after every standard module
// in each block phase.
type StakingExtension struct {
	// StoreKeys lists persistent stores the extension needs mounted; New creates them.
	StoreKeys []string
	// Build creates the extension's parts once the staking keeper exists and before the keepers
	// that use it are built.
	Build func(deps StakingExtensionDeps) (StakingExtensionParts, error)
}

// StakingExtensionDeps are what a staking extension may use while it is built.
type StakingExtensionDeps struct {
	// Codec is the app's binary and JSON codec.
	Codec codec.Codec
	// StakingKeeper is x/staking's keeper.
	StakingKeeper *stakingkeeper.Keeper
	// StoreKeys holds the persistent stores requested in StakingExtension.StoreKeys, by name.
	StoreKeys map[string]*storetypes.KVStoreKey
}

// StakingExtensionParts are what a staking extension contributes; every field is optional.
type StakingExtensionParts struct {
	// Slashing wraps the staking keeper x/slashing slashes, jails and unjails through.
	Slashing func(slashingtypes.StakingKeeper) slashingtypes.StakingKeeper
	// Mint wraps the staking keeper x/mint reads the supply and bonded ratio from.
	Mint func(minttypes.StakingKeeper) minttypes.StakingKeeper
	// Gov wraps the staking keeper x/gov tallies through.
	Gov func(govtypes.StakingKeeper) govtypes.StakingKeeper
	// Hooks run after the app's own staking hooks.
	Hooks stakingtypes.StakingHooks
	// Module joins the module manager at the end of every begin-block, end-block and genesis
	// order.
	Module module.AppModule
	// Bind runs once every keeper exists, for references that would otherwise form a cycle.
	Bind func(app *MeshApp) error
}

// WithStakingExtension adds a staking extension to the app. Extensions wrap in the order given:
// the first wraps the app's own keeper, the next wraps the first.
func WithStakingExtension(ext StakingExtension) Option {
	return func(o *options) {
		o.stakingExts = append(o.stakingExts, ext)
	}
}

// buildStakingExtensions builds the extensions from the options.
func (app *MeshApp) buildStakingExtensions(exts []StakingExtension) error {
	for _, ext := range exts {
		parts, err := ext.Build(StakingExtensionDeps{
			Codec:         app.appCodec,
			StakingKeeper: app.StakingKeeper,
			StoreKeys:     app.namedStoreKeys(ext.StoreKeys),
		})
		if err != nil {
			return err
		}
		app.stakingParts = append(app.stakingParts, parts)
	}
	return nil
}

// slashingStaking is the staking keeper x/slashing is built with: inner wrapped by every
// extension that asked to.
func (app *MeshApp) slashingStaking(inner slashingtypes.StakingKeeper) slashingtypes.StakingKeeper {
	for _, p := range app.stakingParts {
		if p.Slashing != nil {
			inner = p.Slashing(inner)
		}
	}
	return inner
}

// mintStaking is the staking keeper x/mint is built with: base wrapped by every extension that
// asked to.
func (app *MeshApp) mintStaking(base minttypes.StakingKeeper) minttypes.StakingKeeper {
	keeper := base
	for _, p := range app.stakingParts {
		if p.Mint != nil {
			keeper = p.Mint(keeper)
		}
	}
	return keeper
}

// govStaking is the staking keeper x/gov is built with: base wrapped by every extension that
// asked to.
func (app *MeshApp) govStaking(base govtypes.StakingKeeper) govtypes.StakingKeeper {
	keeper := base
	for _, p := range app.stakingParts {
		if p.Gov != nil {
			keeper = p.Gov(keeper)
		}
	}
	return keeper
}

// extensionHooks are the extensions' staking hooks, in order.
func (app *MeshApp) extensionHooks() []stakingtypes.StakingHooks {
	var hooks []stakingtypes.StakingHooks
	for _, p := range app.stakingParts {
		if p.Hooks != nil {
			hooks = append(hooks, p.Hooks)
		}
	}
	return hooks
}

// extensionModules are the extensions' modules, in order.
func (app *MeshApp) extensionModules() []module.AppModule {
	var modules []module.AppModule
	for _, p := range app.stakingParts {
		if p.Module != nil {
			modules = append(modules, p.Module)
		}
	}
	return modules
}

// bindStakingExtensions runs the extensions' Bind steps.
func (app *MeshApp) bindStakingExtensions() error {
	for _, p := range app.stakingParts {
		if p.Bind == nil {
			continue
		}
		if err := p.Bind(app); err != nil {
			return err
		}
	}
	return nil
}
