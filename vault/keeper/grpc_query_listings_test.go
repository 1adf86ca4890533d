package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

func listAccounts(t *testing.T, f *vtu.Fixture, withCollateral bool, page *query.PageRequest) *types.QueryAccountsResponse {
	t.Helper()
	res, err := f.Query.Accounts(f.Ctx, &types.QueryAccountsRequest{WithCollateral: withCollateral, Pagination: page})
	require.NoError(t, err)
	return res
}

func addresses(entries []types.AccountEntry) []string {
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		out = append(out, e.Address)
	}
	return out
}

func requireInvalidArgument(t *testing.T, err error) {
	t.Helper()
	require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
}

func TestAccountsListsStoredAccountsInAddressOrder(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	res := listAccounts(t, f, true, nil)
	require.Empty(t, res.Accounts)
	require.Equal(t, vtu.Denom, res.Denom)

	for i := byte(1); i <= 5; i++ {
		bonded(t, f, user(i), int64(i)*100)
	}
	stakeLocal(t, f, user(2), 150)
	// an account that is emptied is deleted and no longer listed
	bonded(t, f, user(6), 50)
	_, err := f.Msg.Unbond(f.Ctx, &types.MsgUnbond{Owner: user(6).String(), Amount: vtu.Coin(50)})
	require.NoError(t, err)

	want := []string{user(1).String(), user(2).String(), user(3).String(), user(4).String(), user(5).String()}
	bare := listAccounts(t, f, false, nil)
	require.Equal(t, want, addresses(bare.Accounts))
	for _, e := range bare.Accounts {
		require.Nil(t, e.Account, "figures only on request")
		require.Nil(t, e.Free)
		require.False(t, e.SettlementQueued)
	}

	full := listAccounts(t, f, true, nil)
	require.Equal(t, want, addresses(full.Accounts))
	u2 := full.Accounts[1]
	require.Equal(t, int64(200), u2.Account.Collateral.Int64())
	require.Equal(t, rangeOf(150, 150), u2.Account.MaxLien.Range())
	require.Equal(t, rangeOf(15, 15), u2.Account.TotalSlashable.Range())
	require.Equal(t, rangeOf(50, 50), u2.Free.Range())
	u5 := full.Accounts[4]
	require.Equal(t, int64(500), u5.Account.Collateral.Int64())
	require.Equal(t, rangeOf(500, 500), u5.Free.Range())
}

func TestAccountsPagination(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	for i := byte(1); i <= 5; i++ {
		bonded(t, f, user(i), 10)
	}
	var got []string
	page := &query.PageRequest{Limit: 2, CountTotal: true}
	for pages := 0; ; pages++ {
		require.Less(t, pages, 3, "five accounts fit in three pages of two")
		res := listAccounts(t, f, false, page)
		require.LessOrEqual(t, len(res.Accounts), 2)
		got = append(got, addresses(res.Accounts)...)
		if pages == 0 {
			require.Equal(t, uint64(5), res.Pagination.Total)
		}
		if res.Pagination.NextKey == nil {
			break
		}
		page = &query.PageRequest{Key: res.Pagination.NextKey, Limit: 2}
	}
	require.Equal(t, []string{user(1).String(), user(2).String(), user(3).String(), user(4).String(), user(5).String()}, got)

	byOffset := listAccounts(t, f, false, &query.PageRequest{Offset: 3, Limit: 10})
	require.Equal(t, []string{user(4).String(), user(5).String()}, addresses(byOffset.Accounts))

	_, err := f.Query.Accounts(f.Ctx, &types.QueryAccountsRequest{Pagination: &query.PageRequest{Offset: 1, Key: []byte{1}}})
	requireInvalidArgument(t, err)
	_, err = f.Query.Accounts(f.Ctx, nil)
	requireInvalidArgument(t, err)
}

func TestAccountsPageSizeIsCappedAt100(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	for i := 0; i < 101; i++ {
		bonded(t, f, sdk.AccAddress([]byte{'q', byte(i / 10), byte(i % 10)}), 1)
	}
	for _, limit := range []uint64{0, 101, 1 << 40} {
		res := listAccounts(t, f, false, &query.PageRequest{Limit: limit})
		require.Len(t, res.Accounts, 100, "limit %d", limit)
		require.NotNil(t, res.Pagination.NextKey)
		rest := listAccounts(t, f, false, &query.PageRequest{Key: res.Pagination.NextKey, Limit: limit})
		require.Len(t, rest.Accounts, 1)
		require.Nil(t, rest.Pagination.NextKey)
	}
}

// The listing shows stored figures and says when they are known to be stale; the Account query
// settles first.
func TestAccountsShowStoredFiguresAndTheQueue(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u1, u2 := user(1), user(2)
	bonded(t, f, u1, 500)
	bonded(t, f, u2, 300)
	crossStake(t, f, u1, c1, 150)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u1, math.NewInt(15)))
	require.NoError(t, f.Virtual.Vault.QueueSettlement(f.Ctx, u1))

	res := listAccounts(t, f, true, nil)
	require.Equal(t, []string{u1.String(), u2.String()}, addresses(res.Accounts))
	require.Equal(t, int64(500), res.Accounts[0].Account.Collateral.Int64(), "stored, not settled")
	require.True(t, res.Accounts[0].SettlementQueued)
	require.False(t, res.Accounts[1].SettlementQueued)
	require.Equal(t, int64(485), f.Account(t, u1).Collateral.Int64(), "the Account query settles")

	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	res = listAccounts(t, f, true, nil)
	require.Equal(t, int64(485), res.Accounts[0].Account.Collateral.Int64())
	require.False(t, res.Accounts[0].SettlementQueued)
	requireInvariants(t, f)
}

func pendingIDs(res *types.QueryAllPendingLiensResponse) []uint64 {
	out := make([]uint64, 0, len(res.PendingLiens))
	for _, p := range res.PendingLiens {
		out = append(out, p.Id)
	}
	return out
}

func TestAllPendingLiensNewestFirst(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	list := func(page *query.PageRequest) *types.QueryAllPendingLiensResponse {
		t.Helper()
		res, err := f.Query.AllPendingLiens(f.Ctx, &types.QueryAllPendingLiensRequest{Pagination: page})
		require.NoError(t, err)
		return res
	}
	require.Empty(t, list(nil).PendingLiens)

	u1, u2, u3 := user(1), user(2), user(3)
	for _, u := range []sdk.AccAddress{u1, u2, u3} {
		bonded(t, f, u, 1000)
	}
	require.Equal(t, uint64(1), stakeRemote(t, f, u2, c1, 10))
	require.Equal(t, uint64(2), stakeRemote(t, f, u1, c2, 20))
	require.Equal(t, uint64(3), stakeRemote(t, f, u3, c1, 30))
	require.Equal(t, uint64(4), stakeRemote(t, f, u1, c1, 40))
	require.Equal(t, uint64(5), stakeRemote(t, f, u2, c3, 50))
	require.NoError(t, f.Virtual.Vault.CommitLien(f.Ctx, c1.Key, 3))

	all := list(nil)
	require.Equal(t, []uint64{5, 4, 2, 1}, pendingIDs(all))
	first := all.PendingLiens[0]
	require.Equal(t, u2.String(), first.Owner)
	require.Equal(t, c3.String(), first.Holder)
	require.Equal(t, int64(50), first.Amount.Int64())
	require.Equal(t, int64(5), first.SlashableAmount.Int64())

	var got []uint64
	page := &query.PageRequest{Limit: 3}
	for {
		res := list(page)
		got = append(got, pendingIDs(res)...)
		if res.Pagination.NextKey == nil {
			break
		}
		page = &query.PageRequest{Key: res.Pagination.NextKey, Limit: 3}
	}
	require.Equal(t, []uint64{5, 4, 2, 1}, got)
	require.Equal(t, []uint64{2, 1}, pendingIDs(list(&query.PageRequest{Offset: 2})))
	require.Equal(t, []uint64{1, 2, 4, 5}, pendingIDs(list(&query.PageRequest{Reverse: true})), "reverse: oldest first")

	_, err := f.Query.AllPendingLiens(f.Ctx, &types.QueryAllPendingLiensRequest{Pagination: &query.PageRequest{Offset: 1, Key: []byte{1}}})
	requireInvalidArgument(t, err)
	_, err = f.Query.AllPendingLiens(f.Ctx, nil)
	requireInvalidArgument(t, err)
}
