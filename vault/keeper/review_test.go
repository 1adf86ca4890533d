package keeper_test

import (
	"errors"
	"fmt"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// A slash that removes a lien while a stake is pending makes that stake's commit a no-op, even
// when a new stake re-created the lien in the meantime.
func TestCommitAfterSlashRemovedLien(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 1000)
	first := stakeRemote(t, f, u, c1, 100)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(100)))
	require.NoError(t, f.Virtual.Vault.ReportSlash(f.Ctx, c1.Key, u))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{})

	second := stakeRemote(t, f, u, c1, 50)
	require.NoError(t, f.Virtual.Vault.CommitLien(f.Ctx, c1.Key, first))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {0, 50}})
	require.NoError(t, f.Virtual.Vault.RollbackLien(f.Ctx, c1.Key, second))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{})
	requireFigures(t, f, u, figures{900, 0, 0, 0, 0, 900, 900})
	requireInvariants(t, f)
}

// What a slash takes from a lien's pending part is charged to the oldest pending stake, so the
// result is the same whichever acknowledgement arrives first.
func TestPendingAbsorptionIsOrderIndependent(t *testing.T) {
	for _, commitFirst := range []bool{true, false} {
		f := vtu.NewFixture(t, dec("0.1"))
		u := user(1)
		bonded(t, f, u, 1000)
		crossStake(t, f, u, c1, 20)
		first := stakeRemote(t, f, u, c1, 50)
		require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(60)))
		require.NoError(t, f.Virtual.Vault.ReportSlash(f.Ctx, c1.Key, u))
		requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {0, 10}})
		second := stakeRemote(t, f, u, c1, 40)

		commit := func() { require.NoError(t, f.Virtual.Vault.CommitLien(f.Ctx, c1.Key, first)) }
		rollback := func() { require.NoError(t, f.Virtual.Vault.RollbackLien(f.Ctx, c1.Key, second)) }
		if commitFirst {
			commit()
			rollback()
		} else {
			rollback()
			commit()
		}
		requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {10, 10}})
		requireInvariants(t, f)
	}
}

// A holder's acknowledgement commits even when settling the user fails because of another
// holder: the settlement is deferred to the crank, and the pending lien is not lost.
func TestCommitSurvivesAnotherHoldersFailure(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 200)
	stakeLocal(t, f, u, 190)
	id := stakeRemote(t, f, u, c1, 150)
	require.NoError(t, f.Custodial.Slash(f.Ctx, local, u, math.NewInt(1)))
	f.Custodial.FailPending = errors.New("local staking store unreadable")

	require.NoError(t, f.Virtual.Vault.CommitLien(f.Ctx, c1.Key, id))
	stored, err := f.Keeper.Liens.Get(f.Ctx, joinKey(u, c1))
	require.NoError(t, err)
	require.Equal(t, int64(150), stored.Amount.Low.Int64())
	queued, err := f.Keeper.SettlementQueue.Has(f.Ctx, u)
	require.NoError(t, err)
	require.True(t, queued, "the deferred settlement is queued")

	f.Custodial.FailPending = nil
	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	requireFigures(t, f, u, figures{199, 189, 189, 34, 34, 10, 10}) // ⌊1·0.1⌋ = 0 off the slashable 19
	requireInvariants(t, f)
}

// A failing handle call changes nothing even when the caller has no cache context of its own.
func TestHandleCallsAreAtomic(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 200)
	stakeLocal(t, f, u, 190)
	id := stakeRemote(t, f, u, c1, 150)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(15)))
	f.Custodial.FailBurn = errors.New("cannot burn")
	before := takeSnapshot(t, f, u)
	require.ErrorIs(t, f.Virtual.Vault.ReportSlash(f.Ctx, c1.Key, u), types.ErrHolderFailed)
	require.Equal(t, before, takeSnapshot(t, f, u))
	// the ack still commits (settlement deferred), and the pending lien is gone exactly once
	require.NoError(t, f.Virtual.Vault.CommitLien(f.Ctx, c1.Key, id))
	require.ErrorIs(t, f.Virtual.Vault.CommitLien(f.Ctx, c1.Key, id), types.ErrUnknownPendingLien)
}

// Users that keep failing cannot hold up the crank: the others are settled within a bounded number
// of blocks.
func TestCrankIsFairToOtherUsers(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	p, err := f.Keeper.GetParams(f.Ctx)
	require.NoError(t, err)
	p.MaxSettlementsPerBlock = 1
	_, err = f.Msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: p})
	require.NoError(t, err)

	failing, healthy := user(1), user(2)
	for _, u := range []sdk.AccAddress{failing, healthy} {
		bonded(t, f, u, 100)
	}
	crossStake(t, f, failing, c1, 50)
	stakeLocal(t, f, healthy, 100)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, failing, math.NewInt(5)))
	require.NoError(t, f.Custodial.Slash(f.Ctx, local, healthy, math.NewInt(10)))
	f.Virtual.FailPending = errors.New("always fails")
	require.NoError(t, f.Virtual.Vault.QueueSettlement(f.Ctx, failing))
	require.NoError(t, f.Custodial.Vault.QueueSettlement(f.Ctx, healthy))

	for i := 0; i < 4; i++ {
		require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	}
	a, err := f.Keeper.Accounts.Get(f.Ctx, healthy)
	require.NoError(t, err)
	require.Equal(t, int64(90), a.Int64())
}

// An acknowledgement that arrives while an unrelated holder cannot settle closes its pending lien
// without settling; once the crank settles the user, every figure is what it is when all holders
// settle before the acknowledgement: local and c1 both slashed, a third holder (dao) failing.
func TestDeferredAckEndsWhereSettledAckEnds(t *testing.T) {
	type setup struct {
		ratio                         string
		local, cross, localLoss, loss int64
	}
	outcome := func(s setup, daoFails bool) string {
		f := vtu.NewFixture(t, dec(s.ratio))
		dao, err := vtu.NewVirtualHolder(dec("0.01"), f.HolderStore, 3)
		require.NoError(t, err)
		dao.Vault, err = f.Keeper.RegisterHolder("dao", dao)
		require.NoError(t, err)
		u := user(1)
		bonded(t, f, u, 1000)
		stakeLocal(t, f, u, s.local)
		crossStake(t, f, u, c1, s.cross)
		id := stakeRemote(t, f, u, lienholder.HolderID{Kind: "dao", Key: "x"}, 10)
		require.NoError(t, dao.Vault.CommitLien(f.Ctx, "x", id))
		pending := stakeRemote(t, f, u, c1, 1)
		require.NoError(t, f.Custodial.Slash(f.Ctx, local, u, math.NewInt(s.localLoss)))
		require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(s.loss)))
		if daoFails {
			dao.FailPending = errors.New("dao holder unavailable")
		}
		require.NoError(t, f.Virtual.Vault.CommitLien(f.Ctx, c1.Key, pending))
		dao.FailPending = nil
		require.NoError(t, f.Keeper.EndBlock(f.Ctx))
		requireInvariants(t, f)
		a := f.Account(t, u)
		localLien, err := f.Keeper.Liens.Get(f.Ctx, joinKey(u, local))
		require.NoError(t, err)
		crossLien, err := f.Keeper.Liens.Get(f.Ctx, joinKey(u, c1))
		require.NoError(t, err)
		return fmt.Sprintf("collateral %s local %v c1 %v burned local %s c1 %s", a.Collateral, localLien.Amount,
			crossLien.Amount, f.Custodial.BurnedOf(f.Ctx, local, u), f.Virtual.BurnedOf(f.Ctx, c1, u))
	}
	for _, s := range []setup{
		{"0.9", 500, 600, 300, 300},
		{"0.7", 700, 700, 500, 200},
		{"0.5", 500, 480, 200, 300},
		{"0.1", 900, 800, 100, 500},
	} {
		require.Equal(t, outcome(s, false), outcome(s, true), "%+v", s)
	}
}

// With a budget of one settlement per block and a queue that refills every block, the
// round-robin pass still runs, so users nobody queues are settled.
func TestCrankRoundRobinRunsWhileQueueRefills(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	setCrankBudget(t, f, 1)
	failing, healthy := user(1), user(2)
	for _, u := range []sdk.AccAddress{failing, healthy} {
		bonded(t, f, u, 100)
	}
	crossStake(t, f, failing, c1, 50)
	stakeLocal(t, f, healthy, 100)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, failing, math.NewInt(5)))
	require.NoError(t, f.Custodial.Slash(f.Ctx, local, healthy, math.NewInt(10)))
	f.Virtual.FailPending = errors.New("always fails")
	for i := 0; i < 3; i++ {
		require.NoError(t, f.Virtual.Vault.QueueSettlement(f.Ctx, failing))
		require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	}
	a, err := f.Keeper.Accounts.Get(f.Ctx, healthy)
	require.NoError(t, err)
	require.Equal(t, int64(90), a.Int64())
}

// When the budget exceeds the number of accounts, the round-robin pass settles each account once
// per block, also when it starts mid-way and wraps around.
func TestCrankSettlesEachAccountOncePerBlock(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	users := []sdk.AccAddress{user(1), user(2), user(3)}
	for _, u := range users {
		bonded(t, f, u, 100)
		crossStake(t, f, u, c1, 50)
		require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(5)))
	}
	f.Virtual.FailPending = errors.New("always fails")
	attempts := func() int {
		ctx := f.Ctx.WithEventManager(sdk.NewEventManager())
		require.NoError(t, f.Keeper.EndBlock(ctx))
		n := 0
		for _, e := range ctx.EventManager().Events() {
			if e.Type == proto.MessageName(&types.EventSettlementFailed{}) {
				n++
			}
		}
		return n
	}
	setCrankBudget(t, f, 1)
	require.Equal(t, 1, attempts())
	setCrankBudget(t, f, 10)
	require.Equal(t, len(users), attempts())
}

func setCrankBudget(t *testing.T, f *vtu.Fixture, budget uint32) {
	t.Helper()
	p, err := f.Keeper.GetParams(f.Ctx)
	require.NoError(t, err)
	p.MaxSettlementsPerBlock = budget
	_, err = f.Msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: p})
	require.NoError(t, err)
}
