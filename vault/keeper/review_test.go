package keeper_test

import (
	"errors"
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
	require.Equal(t, int64(90), a.Collateral.Int64())
}

// An acknowledgement that arrives while another holder cannot settle still settles the
// acknowledging holder's own loss before closing its pending lien, so the user ends where they
// end when every holder settles: a 60 slash on a 20 + 50 pending lien, then a commit or rollback.
func TestAckSettlesOwnLossWhenAnotherHolderFails(t *testing.T) {
	type figures struct{ collateral, maxLien, slashable string }
	outcome := func(commit, otherFails bool) figures {
		f := vtu.NewFixture(t, dec("0.1"))
		u := user(1)
		bonded(t, f, u, 1000)
		stakeLocal(t, f, u, 10)
		crossStake(t, f, u, c1, 20)
		id := stakeRemote(t, f, u, c1, 50)
		require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(60)))
		if otherFails {
			f.Custodial.FailPending = errors.New("custodial holder unavailable")
		}
		ack := f.Virtual.Vault.RollbackLien
		if commit {
			ack = f.Virtual.Vault.CommitLien
		}
		require.NoError(t, ack(f.Ctx, c1.Key, id))
		queued, err := f.Keeper.SettlementQueue.Has(f.Ctx, u)
		require.NoError(t, err)
		require.Equal(t, otherFails, queued, "a deferred settlement queues the user")
		f.Custodial.FailPending = nil
		require.NoError(t, f.Keeper.Settle(f.Ctx, u))
		requireInvariants(t, f)
		a := f.Account(t, u)
		return figures{a.Collateral.String(), a.MaxLien.Range().String(), a.TotalSlashable.Range().String()}
	}
	for _, commit := range []bool{false, true} {
		settled := outcome(commit, false)
		require.Equal(t, settled, outcome(commit, true), "commit=%v", commit)
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
	require.Equal(t, int64(90), a.Collateral.Int64())
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
