package keeper_test

import (
	"context"
	"errors"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// forbiddenCalls makes every handle call about u that the re-entrancy rule forbids from inside a
// holder call about u, and returns their errors by name. otherTx is a pending lien of u with c2.
func forbiddenCalls(ctx context.Context, f *vtu.Fixture, u sdk.AccAddress, otherTx uint64) map[string]error {
	_, leftErr := f.Virtual.Vault.PendingLeft(ctx, c2.Key, otherTx)
	return map[string]error{
		"Release":      f.Virtual.Vault.Release(ctx, c1.Key, u, mathInt(1)),
		"AddCustodied": f.Custodial.Vault.AddCustodied(ctx, "", u, mathInt(1)),
		"ReportSlash":  f.Virtual.Vault.ReportSlash(ctx, c1.Key, u),
		"CommitLien":   f.Virtual.Vault.CommitLien(ctx, c2.Key, otherTx),
		"RollbackLien": f.Virtual.Vault.RollbackLien(ctx, c2.Key, otherTx),
		"PendingLeft":  leftErr,
	}
}

func requireAllReentrant(t *testing.T, errs map[string]error) {
	t.Helper()
	require.Len(t, errs, 6, "every forbidden call was tried")
	for name, err := range errs {
		require.ErrorIs(t, err, types.ErrReentrant, name)
	}
}

// A holder may not call back into the vault about the user from SlashSettled, BurnStake or
// AcceptLien (except to complete its own pending lien); QueueSettlement and calls about other
// users are allowed. Every refused call changes nothing.
func TestReentrantCallsAreRefused(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u, other := user(1), user(2)
	bonded(t, f, u, 1000)
	bonded(t, f, other, 100)
	crossStake(t, f, u, c1, 100)
	otherTx := stakeRemote(t, f, u, c2, 50)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, other, mathInt(0)))

	var errs map[string]error
	var allowed []error
	f.Virtual.OnSettled = func(ctx context.Context, _ lienholder.HolderID, owner sdk.AccAddress, _ math.Int) error {
		errs = forbiddenCalls(ctx, f, owner, otherTx)
		allowed = []error{f.Virtual.Vault.QueueSettlement(ctx, owner), f.Virtual.Vault.ReportSlash(ctx, c1.Key, other)}
		return nil
	}
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, mathInt(5)))
	require.NoError(t, f.Virtual.Vault.ReportSlash(f.Ctx, c1.Key, u))
	f.Virtual.OnSettled = nil
	requireAllReentrant(t, errs)
	require.Equal(t, []error{nil, nil}, allowed)
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {95, 95}, c2: {0, 50}})
	requireFigures(t, f, u, figures{995, 95, 95, 10, 15, 900, 900})

	// BurnStake: a cross-slash clamps the local lien (reference scenario 3)
	w := user(3)
	bonded(t, f, w, 200)
	stakeLocal(t, f, w, 190)
	crossStake(t, f, w, c1, 150)
	wTx := stakeRemote(t, f, w, c2, 10)
	f.Custodial.OnBurn = func(ctx context.Context, _ lienholder.HolderID, owner sdk.AccAddress, _ math.Int) error {
		errs = forbiddenCalls(ctx, f, owner, wTx)
		return nil
	}
	errs = nil
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, w, mathInt(15)))
	require.NoError(t, f.Virtual.Vault.ReportSlash(f.Ctx, c1.Key, w))
	f.Custodial.OnBurn = nil
	requireAllReentrant(t, errs)
	requireLiens(t, f, w, map[lienholder.HolderID][2]int64{local: {185, 185}, c1: {135, 135}, c2: {0, 10}})

	// AcceptLien: a virtual holder may commit its own pending lien and nothing else about the user
	var ownCommit error
	f.Virtual.OnAccept = func(ctx context.Context, req lienholder.LienRequest) error {
		errs = forbiddenCalls(ctx, f, req.Owner, otherTx)
		ownCommit = f.Virtual.Vault.CommitLien(ctx, req.Holder.Key, req.TxID)
		return nil
	}
	errs = nil
	stakeRemote(t, f, u, c3, 30)
	f.Virtual.OnAccept = nil
	requireAllReentrant(t, errs)
	require.NoError(t, ownCommit)
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {95, 95}, c2: {0, 50}, c3: {30, 30}})

	// a custodial holder's AcceptLien has no pending lien to complete
	f.Custodial.OnAccept = func(ctx context.Context, req lienholder.LienRequest) error {
		errs = forbiddenCalls(ctx, f, req.Owner, otherTx)
		return nil
	}
	errs = nil
	stakeLocal(t, f, u, 40)
	f.Custodial.OnAccept = nil
	requireAllReentrant(t, errs)
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{local: {40, 40}, c1: {95, 95}, c2: {0, 50}, c3: {30, 30}})
	requireInvariants(t, f)
}

// Issue scenario: losses of 10 and 20 on two holders, the first trying to release 1 from
// SlashSettled. The release is refused and each loss is applied once: collateral 970, the second
// lien 80, 30 tokens burned (the old vault applied the second loss twice: 950, 60, 50).
func TestReleaseFromSlashSettledAppliesEachLossOnce(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 1000)
	crossStake(t, f, u, c1, 100)
	crossStake(t, f, u, c2, 100)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, mathInt(10)))
	require.NoError(t, f.Virtual.Slash(f.Ctx, c2, u, mathInt(20)))
	var releaseErr error
	f.Virtual.OnSettled = func(ctx context.Context, id lienholder.HolderID, owner sdk.AccAddress, _ math.Int) error {
		if id == c1 {
			releaseErr = f.Virtual.Vault.Release(ctx, c1.Key, owner, mathInt(1))
		}
		return nil
	}
	supplyBefore := supply(f)
	require.NoError(t, f.Virtual.Vault.ReportSlash(f.Ctx, c2.Key, u))
	require.ErrorIs(t, releaseErr, types.ErrReentrant)
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {90, 90}, c2: {80, 80}})
	require.Equal(t, int64(970), f.Account(t, u).Collateral.Int64())
	require.Equal(t, int64(30), supplyBefore.Sub(supply(f)).Int64())
	requireInvariants(t, f)
}

// Issue scenario: a holder whose SlashSettled fails no longer blocks the settlement: the loss is
// applied once (collateral 970, not 1000 forever), kept as unconfirmed while the holder fails, and
// confirmed once it recovers, without being applied again.
func TestFailingSlashSettledDoesNotBlockSettlement(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 1000)
	crossStake(t, f, u, c1, 100)
	crossStake(t, f, u, c2, 100)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, mathInt(10)))
	require.NoError(t, f.Virtual.Slash(f.Ctx, c2, u, mathInt(20)))
	f.Virtual.OnSettled = func(_ context.Context, id lienholder.HolderID, _ sdk.AccAddress, _ math.Int) error {
		if id == c1 {
			return errors.New("notification store unavailable")
		}
		return nil
	}
	unconfirmed := func() int64 {
		v, err := f.Keeper.UnconfirmedLosses.Get(f.Ctx, joinKey(u, c1))
		if err != nil {
			return 0
		}
		return v.Int64()
	}
	for block := 0; block < 3; block++ {
		require.NoError(t, f.Keeper.EndBlock(f.Ctx))
		stored, err := f.Keeper.Accounts.Get(f.Ctx, u)
		require.NoError(t, err)
		require.Equal(t, int64(970), stored.Int64(), "block %d", block)
		require.Equal(t, int64(10), unconfirmed(), "block %d", block)
		requireInvariants(t, f)
	}
	pending, err := f.Virtual.PendingSlash(f.Ctx, c1, u)
	require.NoError(t, err)
	require.Equal(t, int64(10), pending.Int64(), "the failed notification's change was discarded")

	f.Virtual.OnSettled = nil
	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	require.Equal(t, int64(0), unconfirmed())
	pending, err = f.Virtual.PendingSlash(f.Ctx, c1, u)
	require.NoError(t, err)
	require.True(t, pending.IsZero())
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {90, 90}, c2: {80, 80}})
	requireFigures(t, f, u, figures{970, 90, 90, 17, 17, 880, 880})
	requireInvariants(t, f)
}

// Issue scenario: a custodial holder releasing 1 from SlashSettled while the user bonds. The release
// is refused, so Bond's save cannot bring back a lien the holder no longer backs: lien and lent
// stay equal (the old vault left lien 90, lent 89).
func TestCustodialReleaseDuringBondKeepsLienEqualToLent(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 200)
	stakeLocal(t, f, u, 100)
	require.NoError(t, f.Custodial.Slash(f.Ctx, local, u, mathInt(10)))
	var releaseErr error
	f.Custodial.OnSettled = func(ctx context.Context, _ lienholder.HolderID, owner sdk.AccAddress, _ math.Int) error {
		releaseErr = f.Custodial.Vault.Release(ctx, "", owner, mathInt(1))
		return nil
	}
	f.Fund(t, u, 50)
	_, err := f.Msg.Bond(f.Ctx, &types.MsgBond{Owner: u.String(), Amount: vtu.Coin(50)})
	require.NoError(t, err)
	require.ErrorIs(t, releaseErr, types.ErrReentrant)
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{local: {90, 90}})
	lent, err := f.Keeper.Lent.Get(f.Ctx, local.String())
	require.NoError(t, err)
	require.Equal(t, int64(90), lent.Int64())
	require.Equal(t, int64(90), f.ModuleBalance(vtu.CustodialModule).Int64())
	require.Equal(t, int64(240), f.Account(t, u).Collateral.Int64())
	requireInvariants(t, f)
}
