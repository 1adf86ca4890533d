package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

func TestUnstakeUnbondWithdraw(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 300)

	data, err := e.unstake(a, "valA", 100)
	require.NoError(t, err)
	packet, err := ibcproto.DecodeProviderPacket(data)
	require.NoError(t, err)
	require.Equal(t, ibcproto.UnstakePacket{Delegator: a.String(), Validator: "valA",
		Unstake: ibcproto.NewCoin(denom, ints(100)), TxID: types.FirstOwnTxID}, packet)
	low, high := e.stakeOf(a, "valA")
	requireRange(t, low, high, 200, 300, "pending unstake")

	e.ack(data, false)
	low, high = e.stakeOf(a, "valA")
	requireRange(t, low, high, 300, 300, "unstake rolled back by an error ack")
	data, err = e.unstake(a, "valA", 100)
	require.NoError(t, err)
	e.timeout(data)
	low, high = e.stakeOf(a, "valA")
	requireRange(t, low, high, 300, 300, "unstake rolled back by a timeout")

	data, err = e.unstake(a, "valA", 100)
	require.NoError(t, err)
	e.ack(data, true)
	ackTime := e.chain.LastBlockTime()
	low, high = e.stakeOf(a, "valA")
	requireRange(t, low, high, 200, 200, "unstake committed")
	require.Equal(t, []types.Unbonding{{Amount: ints(100), Start: ackTime, ReleaseAt: ackTime.Add(unbonding)}},
		e.unbondings(a, "valA"))
	low, high = e.lien(a)
	requireRange(t, low, high, 300, 300, "the lien stays while unbonding")
	e.checkInvariants()

	require.Equal(t, "0", e.withdraw(a).String(), "nothing matured yet")
	require.NoError(t, e.net.AdvanceTime(unbonding+time.Second))
	require.Equal(t, "100", e.withdraw(a).String())
	low, high = e.lien(a)
	requireRange(t, low, high, 200, 200, "the lien after the withdrawal")
	require.Empty(t, e.unbondings(a, "valA"))
	require.Equal(t, ints(1_000), e.collateral(a))
	e.checkInvariants()
}

func TestUnstakeRefusals(t *testing.T) {
	e := newEnv(t)
	a, b := e.chain.Accounts[0], e.chain.Accounts[1]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 300)
	_, err := e.unstake(a, "valA", 250)
	require.NoError(t, err)

	_, err = e.unstake(a, "valA", 51)
	requireTxErr(t, err, types.ErrNotEnoughStake)
	_, err = e.unstake(a, "valA", 0)
	requireTxErr(t, err, types.ErrInvalidAmount)
	_, err = e.unstake(b, "valA", 1)
	requireTxErr(t, err, types.ErrNoPosition)
	err = e.deliver(a, &types.MsgUnstake{Owner: a.String(), PairingId: "nope", Validator: "valA", Amount: ints(1)})
	requireTxErr(t, err, types.ErrUnknownPairing)
	low, high := e.stakeOf(a, "valA")
	requireRange(t, low, high, 50, 300, "refusals change nothing")
	e.checkInvariants()
}

func TestClosedPairingReleasesAfterUnbondingPeriod(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 300)
	data, err := e.unstake(a, "valA", 100)
	require.NoError(t, err)
	e.ack(data, true)

	// The consumer closes the channel: the pairing closes at T in O(1).
	require.NoError(t, e.ibc.OnChanCloseConfirm(e.chain.Context(), types.PortID, channel))
	p, err := e.k.GetPairing(e.chain.Context(), pairingID)
	require.NoError(t, err)
	require.Equal(t, types.PAIRING_STATUS_CLOSED, p.Status)
	closedAt := e.chain.LastBlockTime()
	require.Equal(t, closedAt, p.ClosedAt)
	_, err = e.unstake(a, "valA", 10)
	requireTxErr(t, err, types.ErrWrongPairingStatus)

	require.NoError(t, e.net.AdvanceTime(unbonding/2))
	require.Equal(t, "0", e.withdraw(a).String(), "nothing before T + unbonding period")
	require.NoError(t, e.net.AdvanceTime(unbonding/2+time.Second))
	require.Equal(t, "300", e.withdraw(a).String(), "bonded and unbonding stake both leave")
	low, high := e.lien(a)
	requireRange(t, low, high, 0, 0, "no lien left")
	require.Equal(t, ints(1_000), e.collateral(a))
	e.checkInvariants()

	// The authority reopens it; it waits for a new channel.
	require.NoError(t, e.k.ReopenPairing(e.chain.Context(), pairingID))
	p, err = e.k.GetPairing(e.chain.Context(), pairingID)
	require.NoError(t, err)
	require.Equal(t, types.PAIRING_STATUS_ACTIVE, p.Status)
	require.Empty(t, p.ChannelId)
	require.Equal(t, uint64(1), p.Generation)
}

func TestInternalUnstakeReleasesAtOnce(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 300)

	ack := e.receive(ibcproto.InternalUnstakePacket{Delegator: a.String(), Validator: "valA",
		NormalizeAmount: ibcproto.NewCoin("ucons", ints(1_200)), InvertedAmount: ibcproto.NewCoin(denom, ints(120))})
	require.True(t, ack.Success())
	low, high := e.stakeOf(a, "valA")
	requireRange(t, low, high, 180, 180, "after the internal unstake")
	require.Equal(t, "120", e.withdraw(a).String(), "released at once")
	e.checkInvariants()

	ack = e.receive(ibcproto.InternalUnstakePacket{Delegator: a.String(), Validator: "valB",
		NormalizeAmount: ibcproto.NewCoin("ucons", ints(1)), InvertedAmount: ibcproto.NewCoin(denom, ints(1))})
	require.False(t, ack.Success(), "no stake with valB")
}
