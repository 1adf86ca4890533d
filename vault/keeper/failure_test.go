package keeper_test

import (
	"errors"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// A holder that fails while the vault settles makes the operation fail with ErrHolderFailed and
// change nothing; the crank keeps the user queued, emits an event, and does not fail the block.
func TestHolderFailuresDuringSettlement(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 200)
	stakeLocal(t, f, u, 190)
	crossStake(t, f, u, c1, 150)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(15)))

	report := func(ctx sdk.Context) error { return f.Virtual.Vault.ReportSlash(ctx, c1.Key, u) }
	f.Custodial.FailBurn = errors.New("no delegation to burn")
	requireFailsUnchanged(t, f, types.ErrHolderFailed, report, u)
	f.Custodial.FailBurn = nil
	f.Virtual.FailPending = errors.New("store unreadable")
	requireFailsUnchanged(t, f, types.ErrHolderFailed, report, u)
	requireFailsUnchanged(t, f, lienholder.ErrInvalidHolderID, func(ctx sdk.Context) error {
		return f.Virtual.Vault.ReportSlash(ctx, "bad key", u)
	}, u)

	require.NoError(t, f.Virtual.Vault.QueueSettlement(f.Ctx, u))
	events := len(f.Ctx.EventManager().Events())
	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	queued, err := f.Keeper.SettlementQueue.Has(f.Ctx, u)
	require.NoError(t, err)
	require.True(t, queued, "a failed user stays queued")
	require.Equal(t, "meshsecurity.vault.v1.EventSettlementFailed", f.Ctx.EventManager().Events()[events].Type)
	a, err := f.Keeper.Accounts.Get(f.Ctx, u)
	require.NoError(t, err)
	require.Equal(t, int64(200), a.Collateral.Int64())

	f.Virtual.FailPending = nil
	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	a, err = f.Keeper.Accounts.Get(f.Ctx, u)
	require.NoError(t, err)
	require.Equal(t, int64(185), a.Collateral.Int64(), "settled once the holder works again")
	queued, err = f.Keeper.SettlementQueue.Has(f.Ctx, u)
	require.NoError(t, err)
	require.False(t, queued, "a settled user leaves the queue")
	requireFigures(t, f, u, figures{185, 185, 185, 33, 33, 0, 0})
	requireInvariants(t, f)
}

// A query about a user whose holder fails answers with the stored figures instead of an error.
func TestQueryFallsBackToStoredFigures(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 200)
	crossStake(t, f, u, c1, 150)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(15)))
	f.Virtual.FailPending = errors.New("store unreadable")
	requireFigures(t, f, u, figures{200, 150, 150, 15, 15, 50, 50})
	f.Virtual.FailPending = nil
	requireFigures(t, f, u, figures{185, 135, 135, 14, 14, 50, 50})
}
