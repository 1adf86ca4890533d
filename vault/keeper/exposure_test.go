package keeper_test

import (
	"fmt"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// requireExposure checks what the holders can slash, Σ ⌊amount·ratio⌋ over u's liens, and that
// it fits the collateral.
func requireExposure(t *testing.T, f *vtu.Fixture, u sdk.AccAddress, want int64) {
	t.Helper()
	res, err := f.Query.Liens(f.Ctx, &types.QueryLiensRequest{Address: u.String()})
	require.NoError(t, err)
	total := int64(0)
	for _, l := range res.Liens {
		total += l.Lien.Slashable.MulInt(l.Lien.Amount.High).TruncateInt64()
	}
	require.Equal(t, want, total)
	acct, err := f.Query.Account(f.Ctx, &types.QueryAccountRequest{Address: u.String()})
	require.NoError(t, err)
	require.LessOrEqual(t, total, acct.Collateral.Int64())
}

// Issue case: liens 80/80/40 at ratio 0.5 on collateral 100, one holder slashes 40. Branch A
// clamps only the lien above the new collateral 60 and leaves 70 slashable; the old vault trimmed
// the recorded figure to 60 without burning. Now the excess is propagated again, ⌈10/1.5⌉ = 7
// from each lien, and a unit of rounding drift is trimmed: liens 33/53/33, exposure 58 on 60.
func TestExposureAfterBranchAClamp(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.5"))
	u := user(1)
	bonded(t, f, u, 100)
	crossStake(t, f, u, c1, 80)
	crossStake(t, f, u, c2, 80)
	crossStake(t, f, u, c3, 40)
	supplyBefore := supply(f)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, mathInt(40)))
	require.NoError(t, f.Virtual.Vault.ReportSlash(f.Ctx, c1.Key, u))

	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {33, 33}, c2: {53, 53}, c3: {33, 33}})
	requireFigures(t, f, u, figures{60, 53, 53, 60, 60, 0, 0})
	requireExposure(t, f, u, 58)
	require.Equal(t, []int64{7, 27, 7}, burnedOn(f, u, c1, c2, c3))
	require.Equal(t, int64(40), supplyBefore.Sub(supply(f)).Int64(), "the vault burns only the lost collateral")
	requireInvariants(t, f)
}

// Issue case: ten 1-unit liens (each ⌊0.5⌋ = 0 slashable) dilute Branch B's ratio sum, cutting
// its burn from ⌈25/1.5⌉ = 17 to ⌈25/6.5⌉ = 4 per lien, which left 119 slashable on 100. The
// extra propagation takes the rest from the liens that can still lose something, and the result
// is the one without the small liens: 33/83/83, exposure 98 on 100.
func TestExposureWithZeroSlashableLiens(t *testing.T) {
	for _, small := range []int{0, 10} {
		t.Run(fmt.Sprintf("%d small liens", small), func(t *testing.T) {
			f := vtu.NewFixture(t, dec("0.5"))
			u := user(1)
			bonded(t, f, u, 150)
			for i := 0; i < small; i++ {
				crossStake(t, f, u, lienholder.HolderID{Kind: lienholder.KindExternal, Key: fmt.Sprintf("s%d", i)}, 1)
			}
			for _, h := range []lienholder.HolderID{c1, c2, c3} {
				crossStake(t, f, u, h, 100)
			}
			require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, mathInt(50)))
			require.NoError(t, f.Virtual.Vault.ReportSlash(f.Ctx, c1.Key, u))

			requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {33, 33}, c2: {83, 83}, c3: {83, 83}})
			requireFigures(t, f, u, figures{100, 83, 83, 100, 100, 0, 0})
			requireExposure(t, f, u, 98)
			require.Equal(t, []int64{17, 17, 17}, burnedOn(f, u, c1, c2, c3))
			requireInvariants(t, f)
		})
	}
}

// Issue case: a local slash of 50 in Branch B. The proportional burn of ⌈25/2⌉ = 13 destroys
// local stake too, so the collateral drops to the tokens left (200 − 50 − 13 = 137); the old
// vault then left 147 slashable on 137. The excess is now propagated again over the virtual liens
// (a custodial burn would lower the collateral with it): 7, then 1 more from each, and the
// drift is trimmed: exposure 135 on 137.
func TestExposureAfterCustodialBranchB(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.5"))
	u := user(1)
	bonded(t, f, u, 200)
	stakeLocal(t, f, u, 100)
	for _, h := range []lienholder.HolderID{c1, c2, c3} {
		crossStake(t, f, u, h, 100)
	}
	supplyBefore := supply(f)
	require.NoError(t, f.Custodial.Slash(f.Ctx, local, u, mathInt(50)))
	require.NoError(t, f.Custodial.Vault.ReportSlash(f.Ctx, "", u))

	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{local: {37, 37}, c1: {79, 79}, c2: {79, 79}, c3: {79, 79}})
	requireFigures(t, f, u, figures{137, 79, 79, 137, 137, 0, 0})
	requireExposure(t, f, u, 135)
	require.Equal(t, []int64{13, 21, 21, 21}, burnedOn(f, u, local, c1, c2, c3))
	require.Equal(t, int64(63), supplyBefore.Sub(supply(f)).Int64(), "50 slashed and 13 burned in the holder")
	require.Equal(t, int64(100), f.ModuleBalance(types.ModuleName).Int64())
	requireInvariants(t, f)
}

// burnedOn lists the propagated burns on each holder for u.
func burnedOn(f *vtu.Fixture, u sdk.AccAddress, ids ...lienholder.HolderID) []int64 {
	out := make([]int64, len(ids))
	for i, id := range ids {
		h := f.Virtual
		if id.Kind == lienholder.KindLocal {
			h = f.Custodial
		}
		out[i] = h.BurnedOf(f.Ctx, id, u).Int64()
	}
	return out
}
