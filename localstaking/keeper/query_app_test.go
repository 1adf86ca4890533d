package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/localstaking/types"
)

// TestQueriesCapPageSize records more positions, batches and unbonding entries for one user than
// fit in a page, then checks that every paginated query answers at most MaxPageLimit items
// whatever limit it is asked for, and that Unbondings pages like the others: the page's NextKey
// leads to the rest, and Total counts every entry.
func TestQueriesCapPageSize(t *testing.T) {
	e := newEnv(t)
	k := e.chain.App.LocalStakingKeeper
	owner := e.chain.Accounts[0].Address
	ctx, _ := e.chain.Context().CacheContext()
	const n = keeper.MaxPageLimit + 20
	due := ctx.BlockTime().Add(time.Hour)
	for i := 0; i < n; i++ {
		val := sdk.ValAddress(append(make([]byte, 19), byte(i)))
		p := types.Position{Principal: sdkmath.NewInt(10), Queued: sdkmath.NewInt(1), DueTime: due}
		require.NoError(t, k.Positions.Set(ctx, collections.Join(owner, val), p))
		require.NoError(t, k.BatchQueue.Set(ctx, collections.Join3(due, owner, val)))
		require.NoError(t, k.Unbondings.Set(ctx, collections.Join3(owner, val, int64(i+1)),
			types.Unbonding{Principal: sdkmath.NewInt(1), CompletionTime: due}))
	}
	q := keeper.NewQueryServerImpl(k)
	huge := &query.PageRequest{Limit: 10 * keeper.MaxPageLimit, CountTotal: true}
	requireFullPage := func(items int, page *query.PageResponse) {
		t.Helper()
		require.Equal(t, keeper.MaxPageLimit, items)
		require.NotEmpty(t, page.NextKey)
		require.Equal(t, uint64(n), page.Total)
	}

	del, err := q.Delegations(ctx, &types.QueryDelegationsRequest{Owner: owner.String(), Pagination: huge})
	require.NoError(t, err)
	requireFullPage(len(del.Positions), del.Pagination)
	batches, err := q.PendingBatches(ctx, &types.QueryPendingBatchesRequest{Pagination: huge})
	require.NoError(t, err)
	requireFullPage(len(batches.Batches), batches.Pagination)
	ubd, err := q.Unbondings(ctx, &types.QueryUnbondingsRequest{Owner: owner.String(), Pagination: huge})
	require.NoError(t, err)
	requireFullPage(len(ubd.Unbondings), ubd.Pagination)
	require.Equal(t, int64(1), ubd.Unbondings[0].CreationHeight)

	rest, err := q.Unbondings(ctx, &types.QueryUnbondingsRequest{Owner: owner.String(),
		Pagination: &query.PageRequest{Key: ubd.Pagination.NextKey, Limit: 10 * keeper.MaxPageLimit}})
	require.NoError(t, err)
	require.Len(t, rest.Unbondings, n-keeper.MaxPageLimit)
	require.Empty(t, rest.Pagination.NextKey)
	require.Equal(t, int64(keeper.MaxPageLimit+1), rest.Unbondings[0].CreationHeight)

	unpaged, err := q.Unbondings(ctx, &types.QueryUnbondingsRequest{Owner: owner.String()})
	require.NoError(t, err)
	require.Len(t, unpaged.Unbondings, keeper.MaxPageLimit)
	other, err := q.Unbondings(ctx, &types.QueryUnbondingsRequest{Owner: e.chain.Accounts[1].String()})
	require.NoError(t, err)
	require.Empty(t, other.Unbondings, "pages stay within the owner's records")
}
