package meshapp_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdkmath "cosmossdk.io/math"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/examples/meshapp"
	externalstakingtypes "github.com/meshsecurity/mesh/externalstaking/types"
	localstakingtypes "github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
	virtualstakingtypes "github.com/meshsecurity/mesh/virtualstaking/types"
)

var meshModules = []string{
	vaulttypes.ModuleName, localstakingtypes.ModuleName, externalstakingtypes.ModuleName,
	virtualstakingtypes.ModuleName, convertertypes.ModuleName,
}

// TestUpgradeAddsMeshSecurity takes a running chain back to a state without Mesh Security (empty
// mesh stores, mesh modules absent from x/upgrade's version map), schedules the upgrade through
// x/upgrade and checks that at its height every module is initialised and a vault Msg works.
func TestUpgradeAddsMeshSecurity(t *testing.T) {
	c := testutil.NewChain(t, testutil.ChainConfig{ChainID: "upgrade-1", BondDenom: "uup"})
	ctx := c.Context()
	upgradeStore := ctx.KVStore(c.App.GetKey(upgradetypes.StoreKey))
	for _, name := range meshModules {
		upgradeStore.Delete(append([]byte{upgradetypes.VersionMapByte}, name...))
		store := ctx.KVStore(c.App.GetKey(name))
		it := store.Iterator(nil, nil)
		var keys [][]byte
		for ; it.Valid(); it.Next() {
			keys = append(keys, it.Key())
		}
		require.NoError(t, it.Close())
		for _, k := range keys {
			store.Delete(k)
		}
	}
	versions, err := c.App.UpgradeKeeper.GetModuleVersionMap(ctx)
	require.NoError(t, err)
	for _, name := range meshModules {
		require.NotContains(t, versions, name)
	}
	_, err = c.App.VaultKeeper.GetParams(ctx)
	require.Error(t, err, "the vault has no state before the upgrade")

	// The plan is due at the next block: this binary already has the handler, which x/upgrade
	// accepts only from the plan's height on (an older binary would stop there).
	height := c.Height() + 1
	require.NoError(t, c.App.UpgradeKeeper.ScheduleUpgrade(ctx, upgradetypes.Plan{Name: meshapp.MeshUpgradeName, Height: height}))
	c.NextBlock()
	require.Equal(t, height, c.Height())

	ctx = c.Context()
	done, err := c.App.UpgradeKeeper.GetDoneHeight(ctx, meshapp.MeshUpgradeName)
	require.NoError(t, err)
	require.Equal(t, height, done)
	versions, err = c.App.UpgradeKeeper.GetModuleVersionMap(ctx)
	require.NoError(t, err)
	for _, name := range meshModules {
		require.Contains(t, versions, name)
	}
	vaultParams, err := c.App.VaultKeeper.GetParams(ctx)
	require.NoError(t, err)
	require.Equal(t, vaulttypes.Params{Denom: "uup", MaxSettlementsPerBlock: vaulttypes.DefaultMaxSettlementsPerBlock}, vaultParams)
	esParams, err := c.App.ExternalStakingKeeper.GetParams(ctx)
	require.NoError(t, err)
	require.Equal(t, externalstakingtypes.DefaultParams(), esParams)
	vsParams, err := c.App.VirtualStakingKeeper.GetParams(ctx)
	require.NoError(t, err)
	require.Equal(t, virtualstakingtypes.DefaultParams(), vsParams)
	cvParams, err := c.App.ConverterKeeper.GetParams(ctx)
	require.NoError(t, err)
	require.Equal(t, convertertypes.DefaultParams(), cvParams)

	user := c.Accounts[0]
	_, _, err = c.DeliverTx(user, &vaulttypes.MsgBond{Owner: user.String(), Amount: sdk.NewCoin("uup", sdkmath.NewInt(1_000_000))})
	require.NoError(t, err)
	c.NextBlock()
	vaultAddr := c.App.AccountKeeper.GetModuleAddress(vaulttypes.ModuleName)
	require.Equal(t, "1000000", c.App.BankKeeper.GetBalance(c.Context(), vaultAddr, "uup").Amount.String())
}
