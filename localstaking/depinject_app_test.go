package localstaking_test

import (
	"testing"

	storetypes "cosmossdk.io/store/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking"
	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/localstaking/types/modulev1"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
)

// TestProvideModuleBindsSlashRecorder builds local staking the way depinject does, over the
// standard keepers of a meshapp chain and a fresh vault keeper: without a slash recorder it is
// refused with ErrNotWired; with the one ProvideSlashRecorder gives, the keeper binds to it and
// registers with the vault.
func TestProvideModuleBindsSlashRecorder(t *testing.T) {
	app := testutil.NewNetwork(t).AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov"}).App
	vault, err := vaultkeeper.NewKeeper(vaultkeeper.Config{
		Codec: app.AppCodec(), StoreService: runtime.NewKVStoreService(storetypes.NewKVStoreKey("vault2")),
		Authority: app.LocalStakingKeeper.Authority(), AccountKeeper: app.AccountKeeper, BankKeeper: app.BankKeeper,
	})
	require.NoError(t, err)
	in := localstaking.ModuleInputs{
		Config: &modulev1.Module{}, Cdc: app.AppCodec(),
		StoreService:  runtime.NewKVStoreService(storetypes.NewKVStoreKey("localstaking2")),
		AccountKeeper: app.AccountKeeper, BankKeeper: app.BankKeeper, StakingKeeper: app.StakingKeeper,
		SlashingKeeper: app.SlashingKeeper, DistrKeeper: app.DistrKeeper, GovKeeper: app.GovKeeper, VaultKeeper: vault,
	}
	_, err = localstaking.ProvideModule(in)
	require.ErrorIs(t, err, types.ErrNotWired)

	in.SlashRecorder = localstaking.ProvideSlashRecorder(app.StakingKeeper)
	out, err := localstaking.ProvideModule(in)
	require.NoError(t, err)
	handle, err := out.Keeper.Vault()
	require.NoError(t, err)
	require.NotNil(t, handle)
	require.NotNil(t, out.Module)
}
