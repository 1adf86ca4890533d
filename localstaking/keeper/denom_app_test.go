package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/localstaking/types"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestVaultDenomMustBeBondDenom: local staking delegates the vault's collateral, so with local
// staking registered the vault refuses a collateral denom other than the bond denom in its
// MsgUpdateParams, and local staking refuses to load its genesis or update its parameters while
// the vault's denom differs. Each refusal is ErrDenomMismatch and changes nothing.
func TestVaultDenomMustBeBondDenom(t *testing.T) {
	e := newEnv(t)
	k, vk := e.chain.App.LocalStakingKeeper, e.chain.App.VaultKeeper
	ctx, _ := e.chain.Context().CacheContext()
	vaultParams, err := vk.GetParams(ctx)
	require.NoError(t, err)
	require.Equal(t, denom, vaultParams.Denom)

	other := vaultParams
	other.Denom = "uother"
	_, err = vaultkeeper.NewMsgServerImpl(vk).UpdateParams(ctx, &vaulttypes.MsgUpdateParams{Authority: k.Authority(), Params: other})
	require.ErrorIs(t, err, types.ErrDenomMismatch)
	got, err := vk.GetParams(ctx)
	require.NoError(t, err)
	require.Equal(t, vaultParams, got)
	same := vaultParams
	same.MaxSettlementsPerBlock++
	_, err = vaultkeeper.NewMsgServerImpl(vk).UpdateParams(ctx, &vaulttypes.MsgUpdateParams{Authority: k.Authority(), Params: same})
	require.NoError(t, err, "a change that keeps the bond denom is accepted")

	require.NoError(t, vk.Params.Set(ctx, other))
	params := types.Params{MaxBatchesPerBlock: 7, MaxPositionsPerUser: 3}
	_, err = keeper.NewMsgServerImpl(k).UpdateParams(ctx, &types.MsgUpdateParams{Authority: k.Authority(), Params: params})
	require.ErrorIs(t, err, types.ErrDenomMismatch)
	current, err := k.GetParams(ctx)
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), current)
	require.ErrorIs(t, k.InitGenesis(ctx, *types.DefaultGenesis()), types.ErrDenomMismatch)
}
