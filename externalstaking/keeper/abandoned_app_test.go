package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// A stake still queued when the authority closes the pairing is dropped from the outbox and
// rolled back: after the close and one unbonding period every unit of collateral is free.
func TestClosedPairingDropsQueuedStakeAndFreesTheLien(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 100)
	require.NoError(t, e.stake(a, "valA", 300))
	low, high := e.lien(a)
	requireRange(t, low, high, 100, 400, "lien with a queued stake")

	require.NoError(t, e.k.ClosePairing(e.chain.Context(), pairingID, "test"))
	require.NoError(t, e.net.AdvanceTime(unbonding*2))
	packets, _ := e.outbox()
	require.Empty(t, packets, "the closed pairing's packets are dropped")
	low, high = e.lien(a)
	requireRange(t, low, high, 100, 100, "lien once the dropped stake rolled back")

	require.Equal(t, ints(100).String(), e.withdraw(a).String())
	low, high = e.lien(a)
	requireRange(t, low, high, 0, 0, "lien after the withdrawal")
	require.NoError(t, e.deliver(a, &vaulttypes.MsgUnbond{Owner: a.String(), Amount: coin(1_000)}))
	require.Equal(t, ints(0).String(), e.collateral(a).String())
	e.checkInvariants()
}

// Packets in flight to a consumer that halted are never answered: once the closed pairing's
// release time passed, MsgWithdrawUnbonded rolls back the user's stake, unstake and reward
// withdrawal, the lien drops to zero and the reserved rewards come back.
func TestClosedPairingRollsBackOperationsInFlight(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 100)
	require.True(t, e.receive(ibcproto.DistributePacket{Validator: "valA", Rewards: ibcproto.NewCoin("ucons", ints(50))}).Success())
	require.NoError(t, e.stake(a, "valA", 300))
	require.Len(t, e.clearOutbox(), 1, "the stake is in flight")
	_, err := e.unstake(a, "valA", 40)
	require.NoError(t, err)
	require.NoError(t, e.deliver(a, &types.MsgWithdrawRewards{Owner: a.String(), PairingId: pairingID, Validator: "valA", Recipient: consumerRecipient}))
	require.Len(t, e.clearOutbox(), 1, "the reward transfer is in flight")
	require.Equal(t, ints(0).String(), e.rewards(a, "valA").String())

	require.NoError(t, e.k.ClosePairing(e.chain.Context(), pairingID, "consumer halted"))
	require.ErrorIs(t, e.k.ReopenPairing(e.chain.Context(), pairingID), types.ErrWrongPairingStatus)
	require.NoError(t, e.net.AdvanceTime(unbonding*2))
	require.ErrorIs(t, e.k.ReopenPairing(e.chain.Context(), pairingID), types.ErrWrongPairingStatus,
		"a pairing with operations pending does not reopen")
	low, high := e.lien(a)
	requireRange(t, low, high, 100, 400, "lien before the withdrawal")

	require.Equal(t, ints(100).String(), e.withdraw(a).String())
	low, high = e.lien(a)
	requireRange(t, low, high, 0, 0, "lien after the withdrawal")
	require.Equal(t, ints(50).String(), e.rewards(a, "valA").String(), "the reservation came back")
	require.NoError(t, e.deliver(a, &vaulttypes.MsgUnbond{Owner: a.String(), Amount: coin(1_000)}))
	require.Equal(t, ints(0).String(), e.collateral(a).String())
	e.checkInvariants()
	require.NoError(t, e.k.ReopenPairing(e.chain.Context(), pairingID))
}

// A pending operation that cannot roll back (here of no known kind) never keeps the user from
// withdrawing from a closed pairing: it is forgotten with an event.
func TestClosedPairingForgetsAnOperationThatCannotRollBack(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 100)
	ctx := e.chain.Context()
	bad := types.PendingTx{Id: 77, Pairing: pairingID, Owner: a.String(), Validator: "valA", Amount: ints(5), Shares: ints(0)}
	require.NoError(t, e.k.PendingTxs.Set(ctx, bad.Id, bad))
	require.NoError(t, e.k.PendingByUser.Set(ctx, collections.Join3(pairingID, a.String(), bad.Id)))
	require.NoError(t, e.k.ClosePairing(ctx, pairingID, "test"))
	require.NoError(t, e.net.AdvanceTime(unbonding*2))

	require.Equal(t, ints(100).String(), e.withdraw(a).String())
	has, err := e.k.PendingTxs.Has(e.chain.Context(), bad.Id)
	require.NoError(t, err)
	require.False(t, has)
	require.NoError(t, e.k.ReopenPairing(e.chain.Context(), pairingID))
}

// Users who never come back to withdraw do not keep a closed pairing from reopening: past its
// release time the authority abandons their pending operations in bounded batches, each rolled
// back as the user's own withdrawal would, and the pairing then reopens.
func TestAuthorityAbandonsStuckOperationsInBatches(t *testing.T) {
	e := newEnv(t)
	a, b := e.chain.Accounts[0], e.chain.Accounts[1]
	e.bond(1_000, a, b)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 100)
	e.committedStake(b, "valA", 100)
	require.NoError(t, e.stake(a, "valA", 300))
	require.NoError(t, e.stake(b, "valA", 300))
	require.Len(t, e.clearOutbox(), 2, "both stakes are in flight")
	msgs := keeper.NewMsgServerImpl(e.k)
	abandon := func(limit uint32) (*types.MsgAbandonPendingTxsResponse, error) {
		return msgs.AbandonPendingTxs(e.chain.Context(), &types.MsgAbandonPendingTxs{Authority: e.k.Authority(), PairingId: pairingID, Limit: limit})
	}

	_, err := abandon(1)
	require.ErrorIs(t, err, types.ErrWrongPairingStatus, "the pairing is open")
	require.NoError(t, e.k.ClosePairing(e.chain.Context(), pairingID, "consumer halted"))
	_, err = abandon(1)
	require.ErrorIs(t, err, types.ErrWrongPairingStatus, "before the release time")
	require.NoError(t, e.net.AdvanceTime(unbonding*2))
	require.ErrorIs(t, e.k.ReopenPairing(e.chain.Context(), pairingID), types.ErrWrongPairingStatus)
	_, err = msgs.AbandonPendingTxs(e.chain.Context(), &types.MsgAbandonPendingTxs{Authority: a.String(), PairingId: pairingID, Limit: 1})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	for _, limit := range []uint32{0, types.MaxAbandonBatch + 1} {
		_, err = abandon(limit)
		require.ErrorIs(t, err, types.ErrInvalidAmount)
	}

	res, err := abandon(1)
	require.NoError(t, err)
	require.Equal(t, types.MsgAbandonPendingTxsResponse{Abandoned: 1, More: true}, *res)
	res, err = abandon(types.MaxAbandonBatch)
	require.NoError(t, err)
	require.Equal(t, types.MsgAbandonPendingTxsResponse{Abandoned: 1, More: false}, *res)
	for _, u := range []testutil.Account{a, b} {
		low, high := e.lien(u)
		requireRange(t, low, high, 100, 100, "the stake in flight rolled back")
	}
	e.checkInvariants()
	require.NoError(t, e.k.ReopenPairing(e.chain.Context(), pairingID))
	for _, u := range []testutil.Account{a, b} {
		require.Equal(t, ints(100).String(), e.withdraw(u).String(), "the old generation's stake stays withdrawable")
	}
	e.checkInvariants()
}
