package keeper_test

import (
	"context"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
)

// ledgerHolder is a virtual holder that keeps its own record of each user's committed stake, as
// external staking does, following BurnStake's rule: a burn comes off the committed stake first
// (saturating), and each commit credits what the vault says is left of the pending stake.
type ledgerHolder struct {
	*vtu.FakeHolder
	committed map[string]math.Int
}

func (h *ledgerHolder) stake(owner sdk.AccAddress) math.Int {
	if v, ok := h.committed[owner.String()]; ok {
		return v
	}
	return math.ZeroInt()
}

// BurnStake implements lienholder.LienHolder.
func (h *ledgerHolder) BurnStake(ctx context.Context, id lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	left := h.stake(owner).Sub(math.MinInt(amount, h.stake(owner)))
	h.committed[owner.String()] = left
	return h.FakeHolder.BurnStake(ctx, id, owner, amount)
}

// commit completes pending stake txID as an acknowledgement would.
func (h *ledgerHolder) commit(t *testing.T, ctx context.Context, key string, owner sdk.AccAddress, txID uint64) math.Int {
	t.Helper()
	left, err := h.Vault.PendingLeft(ctx, key, txID)
	require.NoError(t, err)
	require.NoError(t, h.Vault.CommitLien(ctx, key, txID))
	h.committed[owner.String()] = h.stake(owner).Add(left)
	return left
}

// A burn propagated onto a lien with a pending part falls on the committed stake first and the
// rest on the pending stake. A holder following the rule ends with exactly the lien: committed 20,
// pending 50, a burn of 30 takes the 20 committed and 10 of the pending stake, whose commit then
// adds 40 (not 50).
func TestBurnOnPendingStakeKeepsHolderInStep(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.5"))
	fake, err := vtu.NewVirtualHolder(dec("0.5"), f.HolderStore, 3)
	require.NoError(t, err)
	ledger := &ledgerHolder{FakeHolder: fake, committed: map[string]math.Int{}}
	fake.Vault, err = f.Keeper.RegisterHolder("ledger", ledger)
	require.NoError(t, err)
	lid := lienholder.HolderID{Kind: "ledger", Key: "a"}

	u := user(1)
	bonded(t, f, u, 100)
	require.Equal(t, int64(20), ledger.commit(t, f.Ctx, "a", u, stakeRemote(t, f, u, lid, 20)).Int64())
	pending := stakeRemote(t, f, u, lid, 50)
	stakeLocal(t, f, u, 60)
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{lid: {20, 70}, local: {60, 60}})

	// a local loss of 60 drops the collateral to 40: Branch A clamps the ledger lien 70 -> 40
	require.NoError(t, f.Custodial.Slash(f.Ctx, local, u, mathInt(60)))
	require.NoError(t, f.Custodial.Vault.ReportSlash(f.Ctx, "", u))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{lid: {0, 40}})
	require.Equal(t, int64(30), fake.BurnedOf(f.Ctx, lid, u).Int64())
	require.True(t, ledger.stake(u).IsZero(), "the burn took the committed 20 first")

	require.Equal(t, int64(40), ledger.commit(t, f.Ctx, "a", u, pending).Int64())
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{lid: {40, 40}})
	require.Equal(t, int64(40), ledger.stake(u).Int64(), "the holder's stake equals the lien")
	requireFigures(t, f, u, figures{40, 40, 40, 20, 20, 0, 0})
	requireInvariants(t, f)
}

// Two custodial holder kinds on one user, both slashed: settling the first loss propagates a
// proportional burn (Branch B, ⌈25/2⌉ = 13 per lien) while the second holder has already lost 95
// of its 100 to its own slash. The vault asks it for at most the 5 it still holds (the old vault
// asked for 13, which it could not burn, so the settlement failed every time), then applies its
// loss; the tokens left back the collateral exactly.
func TestPropagationNeverOverdrawsAnotherCustodialHolder(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.5"))
	treasury, err := vtu.NewCustodialHolder(dec("0.5"), f.HolderStore, 3, vtu.SecondCustodialModule, vtu.Denom, f.Bank)
	require.NoError(t, err)
	treasury.Vault, err = f.Keeper.RegisterHolder("treasury", treasury)
	require.NoError(t, err)
	tid := lienholder.HolderID{Kind: "treasury"}

	u := user(1)
	bonded(t, f, u, 200)
	stakeLocal(t, f, u, 100)
	stakeRemote(t, f, u, tid, 100)
	crossStake(t, f, u, c1, 100)
	crossStake(t, f, u, c2, 100)
	require.NoError(t, f.Custodial.Slash(f.Ctx, local, u, mathInt(50)))
	require.NoError(t, treasury.Slash(f.Ctx, tid, u, mathInt(95)))
	require.Equal(t, int64(5), f.ModuleBalance(vtu.SecondCustodialModule).Int64())

	require.NoError(t, f.Custodial.Vault.ReportSlash(f.Ctx, "", u))
	require.Equal(t, int64(5), treasury.BurnedOf(f.Ctx, tid, u).Int64())
	require.True(t, f.ModuleBalance(vtu.SecondCustodialModule).IsZero())
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{local: {2, 2}, c1: {1, 1}, c2: {1, 1}})
	requireFigures(t, f, u, figures{2, 2, 2, 2, 2, 0, 0})
	require.Equal(t, int64(2), f.ModuleBalance(vtu.CustodialModule).Int64())
	require.Equal(t, []int64{48, 99, 99}, burnedOn(f, u, local, c1, c2))
	requireInvariants(t, f)
}
