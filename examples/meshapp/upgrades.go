package meshapp

import (
	"context"
	"fmt"

	storetypes "cosmossdk.io/store/types"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/spf13/cast"

	"github.com/cosmos/cosmos-sdk/client/flags"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	externalstakingtypes "github.com/meshsecurity/mesh/externalstaking/types"
	localstakingtypes "github.com/meshsecurity/mesh/localstaking/types"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
	virtualstakingtypes "github.com/meshsecurity/mesh/virtualstaking/types"
)

// MeshUpgradeName is the name of the software upgrade that adds the Mesh Security modules to a
// chain that runs without them. A governance MsgSoftwareUpgrade with this plan name schedules it.
const MeshUpgradeName = "add-mesh-security"

// meshStoreUpgrades lists the stores the upgrade creates: one per Mesh Security module.
func meshStoreUpgrades() *storetypes.StoreUpgrades {
	return &storetypes.StoreUpgrades{Added: []string{
		vaulttypes.StoreKey,
		localstakingtypes.StoreKey,
		externalstakingtypes.StoreKey,
		virtualstakingtypes.StoreKey,
		convertertypes.StoreKey,
	}}
}

// registerUpgrades installs the upgrade handler and, when the node restarts at the upgrade height
// with the new binary, the store loader that mounts the new stores before the first block. A node
// without a home directory (an in-memory test chain) has no upgrade info on disk to read.
func (app *MeshApp) registerUpgrades(appOpts servertypes.AppOptions) error {
	app.UpgradeKeeper.SetUpgradeHandler(MeshUpgradeName, app.addMeshSecurity)
	if cast.ToString(appOpts.Get(flags.FlagHome)) == "" {
		return nil
	}
	info, err := app.UpgradeKeeper.ReadUpgradeInfoFromDisk()
	if err != nil {
		return fmt.Errorf("read upgrade info: %w", err)
	}
	if info.Name == MeshUpgradeName && !app.UpgradeKeeper.IsSkipHeight(info.Height) {
		app.SetStoreLoader(upgradetypes.UpgradeStoreLoader(info.Height, meshStoreUpgrades()))
	}
	return nil
}

// addMeshSecurity adds the Mesh Security modules. The vault comes first, with the chain's bond
// denom as collateral (its default genesis cannot know it), since local staking checks that denom
// when it starts. Then the modules' migrations run in genesis order: a module missing from the
// chain's version map gets its default genesis, and the IBC modules bind their ports.
func (app *MeshApp) addMeshSecurity(ctx context.Context, _ upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
	if _, present := fromVM[vaulttypes.ModuleName]; !present {
		bondDenom, err := app.StakingKeeper.BondDenom(ctx)
		if err != nil {
			return nil, err
		}
		vault := vaulttypes.DefaultGenesis()
		vault.Params.Denom = bondDenom
		if err := app.VaultKeeper.InitGenesis(ctx, *vault); err != nil {
			return nil, err
		}
		versioned, ok := app.ModuleManager.Modules[vaulttypes.ModuleName].(module.HasConsensusVersion)
		if !ok {
			return nil, fmt.Errorf("the vault module has no consensus version")
		}
		fromVM[vaulttypes.ModuleName] = versioned.ConsensusVersion()
	}
	return app.ModuleManager.RunMigrations(ctx, app.configurator, fromVM)
}
