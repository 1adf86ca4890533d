package keeper_test

import (
	"errors"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// Users whose settlement keeps failing stay queued, and the queued pass resumes after the last user
// it tried, so a healthy user queued behind them is settled by the queued pass within two blocks
// even though the failing users outnumber the queued pass's share of the budget. The round-robin
// pass never reaches the healthy user in that time (it sorts last among eight accounts).
func TestFailingUsersStayQueuedWithoutBlockingTheQueue(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	p, err := f.Keeper.GetParams(f.Ctx)
	require.NoError(t, err)
	p.MaxSettlementsPerBlock = 4 // two for the queue, two for the round-robin pass
	_, err = f.Msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: p})
	require.NoError(t, err)

	failing := []sdk.AccAddress{user(1), user(2), user(3)}
	healthy := user(9)
	for i := byte(1); i <= 8; i++ {
		bonded(t, f, user(i), 100)
	}
	bonded(t, f, healthy, 100)
	for _, u := range failing {
		crossStake(t, f, u, c1, 50)
		require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(5)))
		require.NoError(t, f.Virtual.Vault.QueueSettlement(f.Ctx, u))
	}
	stakeLocal(t, f, healthy, 100)
	require.NoError(t, f.Custodial.Slash(f.Ctx, local, healthy, math.NewInt(10)))
	require.NoError(t, f.Custodial.Vault.QueueSettlement(f.Ctx, healthy))
	f.Virtual.FailPending = errors.New("always fails")

	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	require.Equal(t, int64(100), storedCollateral(t, f, healthy), "the first block's queued pass tries users 1 and 2")
	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	require.Equal(t, int64(90), storedCollateral(t, f, healthy), "the second resumes after user 2")
	for _, u := range append(failing, healthy) {
		queued, err := f.Keeper.SettlementQueue.Has(f.Ctx, u)
		require.NoError(t, err)
		require.Equal(t, !u.Equals(healthy), queued, "failing users stay queued, the settled one leaves")
	}

	f.Virtual.FailPending = nil
	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	for _, u := range failing {
		require.Equal(t, int64(95), storedCollateral(t, f, u))
		queued, err := f.Keeper.SettlementQueue.Has(f.Ctx, u)
		require.NoError(t, err)
		require.False(t, queued)
	}
	requireInvariants(t, f)
}
