package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

func TestHolderKinds(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	res, err := f.Query.HolderKinds(f.Ctx, &types.QueryHolderKindsRequest{})
	require.NoError(t, err)
	require.Equal(t, []types.HolderKind{
		{Kind: "external", Custody: "virtual", Keyed: true},
		{Kind: "local", Custody: "custodial", CustodyModule: vtu.CustodialModule, Keyed: true},
	}, res.Kinds)
	_, err = f.Query.HolderKinds(f.Ctx, nil)
	requireInvalidArgument(t, err)
}

// activeHolder is an active holder as (holder id, custody, liens, lent).
type activeHolder struct {
	holder, custody string
	liens           uint64
	lent            int64
}

func listActive(t *testing.T, f *vtu.Fixture, kind string, page *query.PageRequest) ([]activeHolder, *query.PageResponse) {
	t.Helper()
	res, err := f.Query.ActiveHolders(f.Ctx, &types.QueryActiveHoldersRequest{Kind: kind, Pagination: page})
	require.NoError(t, err)
	out := make([]activeHolder, 0, len(res.Holders))
	for _, h := range res.Holders {
		id, err := lienholder.NewHolderID(h.Kind, h.Key)
		require.NoError(t, err)
		require.Equal(t, id.String(), h.Holder)
		out = append(out, activeHolder{h.Holder, h.Custody, h.Liens, h.Lent.Int64()})
	}
	return out, res.Pagination
}

func TestActiveHoldersFollowTheLiens(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	active, _ := listActive(t, f, "", nil)
	require.Empty(t, active)

	u1, u2 := user(1), user(2)
	bonded(t, f, u1, 1000)
	bonded(t, f, u2, 1000)
	stakeLocal(t, f, u1, 100)
	stakeLocal(t, f, u2, 50)
	crossStake(t, f, u1, c1, 200)
	crossStake(t, f, u2, c1, 300)
	pending := stakeRemote(t, f, u2, c2, 70)

	active, _ = listActive(t, f, "", nil)
	require.Equal(t, []activeHolder{
		{"external/c1", "virtual", 2, 0},
		{"external/c2", "virtual", 1, 0},
		{"local", "custodial", 2, 150},
	}, active, "a pending lien makes its holder active")
	external, _ := listActive(t, f, "external", nil)
	require.Equal(t, active[:2], external)
	none, _ := listActive(t, f, "dao", nil)
	require.Empty(t, none)

	first, page := listActive(t, f, "external", &query.PageRequest{Limit: 1})
	require.Equal(t, active[:1], first)
	second, page := listActive(t, f, "external", &query.PageRequest{Key: page.NextKey, Limit: 1})
	require.Equal(t, active[1:2], second)
	require.Nil(t, page.NextKey)

	// holders stop being active with their last lien
	require.NoError(t, f.Virtual.Vault.RollbackLien(f.Ctx, c2.Key, pending))
	require.NoError(t, f.Run(func(ctx sdk.Context) error {
		return f.Custodial.Vault.Release(ctx, "", u1, math.NewInt(100))
	}))
	active, _ = listActive(t, f, "", nil)
	require.Equal(t, []activeHolder{
		{"external/c1", "virtual", 2, 0},
		{"local", "custodial", 1, 50},
	}, active)
	requireInvariants(t, f)

	// the invariant catches an index that disagrees with the liens
	cache, _ := f.Ctx.CacheContext()
	require.NoError(t, f.Keeper.HolderLiens.Set(cache, collections.Join("external", "c9"), 1))
	require.ErrorContains(t, f.Keeper.CheckInvariants(cache), "holder index: external/c9 counts 1 liens, 0 are stored")

	_, err := f.Query.ActiveHolders(f.Ctx, &types.QueryActiveHoldersRequest{Kind: "not a kind"})
	requireInvalidArgument(t, err)
	_, err = f.Query.ActiveHolders(f.Ctx, &types.QueryActiveHoldersRequest{Pagination: &query.PageRequest{Offset: 1, Key: []byte{1}}})
	requireInvalidArgument(t, err)
	_, err = f.Query.ActiveHolders(f.Ctx, nil)
	requireInvalidArgument(t, err)
}

// The holder index is derived state: a genesis import rebuilds it from the liens.
func TestActiveHoldersAfterGenesisImport(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u1, u2 := user(1), user(2)
	bonded(t, f, u1, 500)
	bonded(t, f, u2, 300)
	stakeLocal(t, f, u1, 200)
	crossStake(t, f, u1, c1, 150)
	stakeRemote(t, f, u2, c1, 100)
	stakeRemote(t, f, u2, c3, 40)
	want, _ := listActive(t, f, "", nil)
	require.Len(t, want, 3)

	exported, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	g := vtu.NewFixture(t, dec("0.1"))
	require.NoError(t, g.Keeper.InitGenesis(g.Ctx, *exported))
	got, _ := listActive(t, g, "", nil)
	require.Equal(t, want, got)
	// the new chain's bank holds what the vault does (collateral 800, of which 200 lent), so the
	// invariants, the holder index's among them, can be checked
	g.Fund(t, g.Accounts.GetModuleAddress(types.ModuleName), 600)
	requireInvariants(t, g)
}
