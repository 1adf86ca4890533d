package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

func TestReleaseCustodial(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 200)
	stakeLocal(t, f, u, 150)
	release := func(key string, owner sdk.AccAddress, amount int64) func(sdk.Context) error {
		return func(ctx sdk.Context) error { return f.Custodial.Vault.Release(ctx, key, owner, math.NewInt(amount)) }
	}
	requireFailsUnchanged(t, f, types.ErrInsufficientLien, release("", u, 151), u)
	requireFailsUnchanged(t, f, types.ErrInvalidAmount, release("", u, 0), u)
	requireFailsUnchanged(t, f, types.ErrNoLien, release("", user(2), 1), u)
	requireFailsUnchanged(t, f, lienholder.ErrInvalidHolderID, release("bad key", u, 1), u)

	require.NoError(t, f.Run(release("", u, 100)))
	require.Equal(t, int64(50), f.ModuleBalance(vtu.CustodialModule).Int64(), "tokens came back from the holder")
	require.Equal(t, int64(150), f.ModuleBalance(types.ModuleName).Int64())
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{local: {50, 50}})
	requireFigures(t, f, u, figures{200, 50, 50, 5, 5, 150, 150})
	requireInvariants(t, f)

	require.NoError(t, f.Run(release("", u, 50)))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{})
	requireFigures(t, f, u, figures{200, 0, 0, 0, 0, 200, 200})
	_, err := f.Keeper.Lent.Get(f.Ctx, local.String())
	require.Error(t, err, "nothing lent any more")
	requireInvariants(t, f)
}

func TestReleaseVirtualNeedsCommittedLien(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 100)
	crossStake(t, f, u, c1, 40)
	stakeRemote(t, f, u, c1, 30)
	requireFailsUnchanged(t, f, types.ErrInsufficientLien, func(ctx sdk.Context) error {
		return f.Virtual.Vault.Release(ctx, c1.Key, u, math.NewInt(41))
	}, u)
	require.NoError(t, f.Run(func(ctx sdk.Context) error { return f.Virtual.Vault.Release(ctx, c1.Key, u, math.NewInt(40)) }))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {0, 30}})
	requireFigures(t, f, u, figures{100, 0, 30, 0, 3, 70, 100})
	requireInvariants(t, f)
}

func TestCommitAndRollback(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 100)
	first := stakeRemote(t, f, u, c1, 30)
	second := stakeRemote(t, f, u, c1, 50)
	other := stakeRemote(t, f, u, c2, 10)
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {0, 80}, c2: {0, 10}})

	commit := func(v lienholder.Vault, key string, id uint64) func(sdk.Context) error {
		return func(ctx sdk.Context) error { return v.CommitLien(ctx, key, id) }
	}
	rollback := func(v lienholder.Vault, key string, id uint64) func(sdk.Context) error {
		return func(ctx sdk.Context) error { return v.RollbackLien(ctx, key, id) }
	}
	requireFailsUnchanged(t, f, types.ErrUnknownPendingLien, commit(f.Virtual.Vault, c1.Key, 99), u)
	requireFailsUnchanged(t, f, types.ErrForeignPendingLien, commit(f.Virtual.Vault, c1.Key, other), u)
	requireFailsUnchanged(t, f, types.ErrForeignPendingLien, commit(f.Custodial.Vault, "", first), u)
	requireFailsUnchanged(t, f, types.ErrUnknownPendingLien, rollback(f.Virtual.Vault, c1.Key, 99), u)
	requireFailsUnchanged(t, f, types.ErrForeignPendingLien, rollback(f.Virtual.Vault, c2.Key, first), u)

	require.NoError(t, f.Run(commit(f.Virtual.Vault, c1.Key, first)))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {30, 80}, c2: {0, 10}})
	require.NoError(t, f.Run(rollback(f.Virtual.Vault, c1.Key, second)))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {30, 30}, c2: {0, 10}})
	require.NoError(t, f.Run(rollback(f.Virtual.Vault, c2.Key, other)))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {30, 30}})
	requireFigures(t, f, u, figures{100, 30, 30, 3, 3, 70, 70})
	// a settled id is gone: a second commit is refused
	requireFailsUnchanged(t, f, types.ErrUnknownPendingLien, commit(f.Virtual.Vault, c1.Key, first), u)
	requireInvariants(t, f)
}

func TestRegisterHolder(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	_, err := f.Keeper.RegisterHolder(lienholder.KindLocal, f.Virtual)
	require.ErrorIs(t, err, types.ErrDuplicateHolder)
	_, err = f.Keeper.RegisterHolder("Bad Kind", f.Virtual)
	require.ErrorIs(t, err, lienholder.ErrInvalidHolderID)
	_, err = f.Keeper.RegisterHolder("dao", nil)
	require.ErrorIs(t, err, types.ErrUnknownHolder)
	require.Equal(t, []string{"external", "local"}, f.Keeper.HolderKinds())
}

func TestQueriesRejectBadInput(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	_, err := f.Query.Account(f.Ctx, &types.QueryAccountRequest{Address: "nope"})
	require.Error(t, err)
	_, err = f.Query.PendingLien(f.Ctx, &types.QueryPendingLienRequest{Id: 5})
	require.ErrorIs(t, err, types.ErrUnknownPendingLien)
	res := f.Account(t, user(9))
	require.True(t, res.Collateral.IsZero())
	require.Equal(t, vtu.Denom, res.Denom)
}

func TestLiensPagination(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.01"))
	u := user(1)
	bonded(t, f, u, 1000)
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		crossStake(t, f, u, lienholder.HolderID{Kind: lienholder.KindExternal, Key: k}, 10)
	}
	page := &types.QueryLiensRequest{Address: u.String()}
	page.Pagination = &query.PageRequest{Limit: 2}
	res, err := f.Query.Liens(f.Ctx, page)
	require.NoError(t, err)
	require.Equal(t, []string{"external/a", "external/b"}, holders(res.Liens))
	page.Pagination = &query.PageRequest{Key: res.Pagination.NextKey, Limit: 10}
	res, err = f.Query.Liens(f.Ctx, page)
	require.NoError(t, err)
	require.Equal(t, []string{"external/c", "external/d", "external/e"}, holders(res.Liens))
	lent, err := f.Query.Lent(f.Ctx, &types.QueryLentRequest{})
	require.NoError(t, err)
	require.Empty(t, lent.Lent)
}

func holders(liens []types.GenesisLien) []string {
	out := make([]string, len(liens))
	for i, l := range liens {
		out[i] = l.Holder
	}
	return out
}

// A custodial holder can bring collateral it already holds (a restaked delegation): collateral,
// lien and lent grow together, and no tokens move through the vault.
func TestAddCustodied(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 100)
	// the holder already holds the tokens (as a delegation would be)
	f.Fund(t, f.Accounts.GetModuleAddress(vtu.CustodialModule), 250)

	add := func(v lienholder.Vault, amount int64) func(sdk.Context) error {
		return func(ctx sdk.Context) error { return v.AddCustodied(ctx, "", u, math.NewInt(amount)) }
	}
	requireFailsUnchanged(t, f, types.ErrInvalidAmount, add(f.Custodial.Vault, 0), u)
	requireFailsUnchanged(t, f, types.ErrUnknownHolder, add(f.Virtual.Vault, 10), u)

	require.NoError(t, f.Run(add(f.Custodial.Vault, 250)))
	requireFigures(t, f, u, figures{350, 250, 250, 25, 25, 100, 100})
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{local: {250, 250}})
	require.Equal(t, int64(100), f.ModuleBalance(types.ModuleName).Int64())
	requireInvariants(t, f)
}

// A custodial holder names where a stake's tokens go: a module account by name or an ordinary
// account; either way they count as lent. A module x/auth does not know, or no destination at all,
// fails the stake with nothing moved.
func TestCustodyDestination(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u, elsewhere := user(1), user(9)
	bonded(t, f, u, 300)
	stake := func(sdk.Context) error {
		_, err := f.Msg.StakeLocal(f.Ctx, &types.MsgStakeLocal{Owner: u.String(), Amount: vtu.Coin(50), Validator: "val"})
		return err
	}
	for _, bad := range []lienholder.Destination{{Module: "nosuchmodule"}, {}} {
		f.Custodial.CustodyTo = &bad
		requireFailsUnchanged(t, f, types.ErrHolderFailed, stake, u)
	}

	f.Custodial.CustodyTo = &lienholder.Destination{Account: elsewhere}
	require.NoError(t, stake(f.Ctx))
	require.Equal(t, int64(50), f.Balance(elsewhere).Int64())
	f.Custodial.CustodyTo = nil
	require.NoError(t, stake(f.Ctx))
	require.Equal(t, int64(50), f.ModuleBalance(vtu.CustodialModule).Int64())
	require.Equal(t, int64(200), f.ModuleBalance(types.ModuleName).Int64())
	requireFigures(t, f, u, figures{300, 100, 100, 10, 10, 200, 200})
	lent, err := f.Keeper.Lent.Get(f.Ctx, local.String())
	require.NoError(t, err)
	require.Equal(t, int64(100), lent.Int64())
	requireInvariants(t, f)
}
