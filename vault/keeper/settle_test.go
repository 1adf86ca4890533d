package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"

	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// Reference 2.5, scenario 3 (Branch A): collateral 200, local lien 190 at 10%, cross lien 150 at
// 10%; the cross holder reports a slash of 15.
func TestSettleBranchAScenario3(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 200)
	stakeLocal(t, f, u, 190)
	crossStake(t, f, u, c1, 150)
	requireFigures(t, f, u, figures{200, 190, 190, 34, 34, 10, 10})
	supplyBefore := supply(f)

	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(15)))
	require.NoError(t, f.Virtual.Vault.ReportSlash(f.Ctx, c1.Key, u))

	// collateral 185, max lien 185, total slashable 34 -> 33 (⌊1.5⌋ = 1)
	requireFigures(t, f, u, figures{185, 185, 185, 33, 33, 0, 0})
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{local: {185, 185}, c1: {135, 135}})
	// the local lien is clamped 190 -> 185: 5 burned by the custodial holder ...
	require.Equal(t, int64(5), f.Custodial.BurnedOf(f.Ctx, local, u).Int64())
	require.True(t, f.Virtual.BurnedOf(f.Ctx, c1, u).IsZero())
	// ... and the vault burns the other 10 of the cross-slashed 15 from what it held.
	require.True(t, f.ModuleBalance(types.ModuleName).IsZero())
	require.Equal(t, int64(185), f.ModuleBalance(vtu.CustodialModule).Int64())
	require.Equal(t, supplyBefore.SubRaw(15), supply(f))
	requireInvariants(t, f)
}

// Reference 2.5, scenario 5 (Branch B): cross ratios 50%, local 10%; collateral 200; liens local
// 100, c1 180, c2 80, c3 100; a slash of 90 on c1.
func TestSettleBranchBScenario5(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.5"))
	f.Custodial.Ratio = dec("0.1")
	u := user(1)
	bonded(t, f, u, 200)
	stakeLocal(t, f, u, 100)
	crossStake(t, f, u, c1, 180)
	crossStake(t, f, u, c2, 80)
	crossStake(t, f, u, c3, 100)
	requireFigures(t, f, u, figures{200, 180, 180, 190, 190, 10, 10})
	supplyBefore := supply(f)

	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(90)))
	require.NoError(t, f.Virtual.Vault.ReportSlash(f.Ctx, c1.Key, u))

	// ratio sum 1.6, sub = ⌈35 · 0.625⌉ = 22 off every lien
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{local: {78, 78}, c1: {68, 68}, c2: {58, 58}, c3: {78, 78}})
	requireFigures(t, f, u, figures{110, 78, 78, 110, 110, 0, 0})
	for _, h := range []lienholder.HolderID{c1, c2, c3} {
		require.Equal(t, int64(22), f.Virtual.BurnedOf(f.Ctx, h, u).Int64(), h.String())
	}
	require.Equal(t, int64(22), f.Custodial.BurnedOf(f.Ctx, local, u).Int64())
	// tokens: 22 destroyed by the custodial holder, 68 by the vault (it held 100, keeps 32)
	require.Equal(t, int64(32), f.ModuleBalance(types.ModuleName).Int64())
	require.Equal(t, supplyBefore.SubRaw(90), supply(f))
	requireInvariants(t, f)
}

// Reference 4.3: a local slash of 19 on a local lien of 190 (10%) with cross liens of 100 and 50
// at 10%: free is recomputed after the lien shrinks, so nothing propagates.
func TestSettleLocalSlashNoPropagation(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 200)
	stakeLocal(t, f, u, 190)
	crossStake(t, f, u, c1, 100)
	crossStake(t, f, u, c2, 50)
	supplyBefore := supply(f)

	require.NoError(t, f.Custodial.Slash(f.Ctx, local, u, math.NewInt(19)))
	// settled lazily: the query already shows the settled figures ...
	requireFigures(t, f, u, figures{181, 171, 171, 33, 33, 10, 10})
	// ... and the next message settles for real
	require.NoError(t, f.Custodial.Vault.ReportSlash(f.Ctx, "", u))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{local: {171, 171}, c1: {100, 100}, c2: {50, 50}})
	require.True(t, f.Virtual.TotalBurned(f.Ctx).IsZero())
	require.True(t, f.Custodial.TotalBurned(f.Ctx).IsZero())
	require.Equal(t, supplyBefore.SubRaw(19), supply(f), "only x/staking's own burn")
	require.Equal(t, int64(10), f.ModuleBalance(types.ModuleName).Int64())
	requireInvariants(t, f)
}

// A slash larger than the lien's committed part (a stake in flight) takes the pending part too
// instead of failing (the CosmWasm implementation fails the slash there), and the later commit
// saturates instead of aborting.
func TestSettleSlashIntoPendingLien(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 100)
	crossStake(t, f, u, c1, 20)
	id := stakeRemote(t, f, u, c1, 50)
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {20, 70}})

	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(30)))
	require.NoError(t, f.Virtual.Vault.ReportSlash(f.Ctx, c1.Key, u))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {0, 40}})
	require.Equal(t, int64(70), f.Account(t, u).Collateral.Int64())

	require.NoError(t, f.Virtual.Vault.CommitLien(f.Ctx, c1.Key, id))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {40, 40}})
	requireInvariants(t, f)
}

// Settlement happens lazily: the EndBlock crank settles queued users and then every account in a
// bounded round-robin.
func TestEndBlockCrankSettles(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	p, err := f.Keeper.GetParams(f.Ctx)
	require.NoError(t, err)
	p.MaxSettlementsPerBlock = 2
	_, err = f.Msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: p})
	require.NoError(t, err)

	users := []int64{1, 2, 3}
	for _, i := range users {
		u := user(byte(i))
		bonded(t, f, u, 100)
		stakeLocal(t, f, u, 100)
		crossStake(t, f, u, c1, 100)
		require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(10)))
	}
	require.NoError(t, f.Virtual.Vault.QueueSettlement(f.Ctx, user(3)))

	stored := func(i byte) int64 {
		a, err := f.Keeper.Accounts.Get(f.Ctx, user(i))
		require.NoError(t, err)
		return a.Collateral.Int64()
	}
	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	// queued user 3 first, then one round-robin slot: user 1
	require.Equal(t, []int64{90, 100, 90}, []int64{stored(1), stored(2), stored(3)})
	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	require.Equal(t, []int64{90, 90, 90}, []int64{stored(1), stored(2), stored(3)})
	for _, i := range users {
		require.Equal(t, int64(10), f.Custodial.BurnedOf(f.Ctx, local, user(byte(i))).Int64())
	}
	requireInvariants(t, f)
}
