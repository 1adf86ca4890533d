package externalstaking_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/scriptedconsumer"
)

// stakeOf returns a user's (low, high) stake on the provider as strings.
func (p *pair) stakeOf(u testutil.Account, val string) (string, string) {
	low, high, err := p.provider.App.ExternalStakingKeeper.StakeOf(p.provider.Context(), pairingID, u.Address, val)
	require.NoError(p.t, err)
	return low.String(), high.String()
}

// lastReceived is the last provider packet the consumer received.
func (p *pair) lastReceived() ibcproto.ProviderPacket {
	got := p.cons.Received()
	require.NotEmpty(p.t, got)
	return got[len(got)-1].Packet
}

func TestCrossStakeOverTheChannel(t *testing.T) {
	p := newPair(t)
	ch := p.open()
	p.activate(ch, 1, "valA")
	a := p.provider.Accounts[0]

	// Stake, acknowledged with success: committed here and in the vault.
	require.NoError(t, p.bondAndStake(a, 1_000, 300, "valA"))
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, ibcproto.StakePacket{Delegator: a.String(), Validator: "valA",
		Stake: ibcproto.NewCoin("uprov", ints(300)), TxID: 1}, p.lastReceived())
	p.requireStake(a, "valA", "300", "300")
	p.requireLien(a, "300", "300")

	// An error acknowledgement rolls back here and in the vault.
	p.cons.AnswerNext(scriptedconsumer.Fail("insufficient bond"))
	require.NoError(t, p.stakeMore(a, 100, "valA"))
	require.NoError(t, p.link.RelayAll())
	p.requireStake(a, "valA", "300", "300")
	p.requireLien(a, "300", "300")

	// A timeout rolls back too.
	require.NoError(t, p.stakeMore(a, 50, "valA"))
	p.requireLien(a, "300", "350")
	pending := p.link.PendingPackets()
	require.Len(t, pending, 1)
	require.NoError(t, p.link.TimeoutPacket(pending[0]))
	p.requireStake(a, "valA", "300", "300")
	p.requireLien(a, "300", "300")

	// A held acknowledgement keeps the stake pending (worst case counted) until it arrives.
	p.cons.AnswerNext(scriptedconsumer.Hold())
	require.NoError(t, p.stakeMore(a, 20, "valA"))
	require.NoError(t, p.link.RelayAll())
	p.requireStake(a, "valA", "300", "320")
	held := p.cons.Received()[len(p.cons.Received())-1]
	require.NoError(t, p.cons.Acknowledge(held.ChannelID, held.Sequence, scriptedconsumer.Succeed()))
	p.consumer.NextBlock()
	require.NoError(t, p.link.RelayAll())
	p.requireStake(a, "valA", "320", "320")
	p.requireLien(a, "320", "320")

	// Unstake, acknowledged, then withdrawn after the unbonding period.
	_, _, err := p.provider.DeliverTx(a, &types.MsgUnstake{Owner: a.String(), PairingId: pairingID, Validator: "valA", Amount: ints(120)})
	require.NoError(t, err)
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, ibcproto.UnstakePacket{Delegator: a.String(), Validator: "valA",
		Unstake: ibcproto.NewCoin("uprov", ints(120)), TxID: types.FirstOwnTxID}, p.lastReceived())
	p.requireStake(a, "valA", "200", "200")
	require.NoError(t, p.net.AdvanceTime(unbonding))
	require.NoError(t, p.link.UpdateClients())
	_, _, err = p.provider.DeliverTx(a, &types.MsgWithdrawUnbonded{Owner: a.String(), PairingId: pairingID})
	require.NoError(t, err)
	p.requireLien(a, "200", "200")
	require.NoError(t, p.provider.App.ExternalStakingKeeper.CheckInvariants(p.provider.Context(), p.vaultQueries()))
}

func TestCounterpartyCloseLetsUsersWithdraw(t *testing.T) {
	p := newPair(t)
	ch := p.open()
	p.activate(ch, 1, "valA")
	a := p.provider.Accounts[0]
	require.NoError(t, p.bondAndStake(a, 1_000, 300, "valA"))
	require.NoError(t, p.link.RelayAll())
	p.requireLien(a, "300", "300")

	require.NoError(t, ch.Close())
	got := p.getPairing()
	require.Equal(t, types.PAIRING_STATUS_CLOSED, got.Status)
	require.False(t, got.ClosedAt.IsZero())

	_, _, err := p.provider.DeliverTx(a, &types.MsgWithdrawUnbonded{Owner: a.String(), PairingId: pairingID})
	require.NoError(t, err)
	p.requireLien(a, "300", "300")
	require.NoError(t, p.net.AdvanceTime(unbonding))
	_, _, err = p.provider.DeliverTx(a, &types.MsgWithdrawUnbonded{Owner: a.String(), PairingId: pairingID})
	require.NoError(t, err)
	p.requireLien(a, "0", "0")
}

func TestRewardsOverTheChannel(t *testing.T) {
	p := newPair(t)
	ch := p.open()
	p.activate(ch, 1, "valA")
	a, b := p.provider.Accounts[0], p.provider.Accounts[1]
	require.NoError(t, p.bondAndStake(a, 1_000, 100, "valA"))
	require.NoError(t, p.bondAndStake(b, 1_000, 200, "valA"))
	require.NoError(t, p.link.RelayAll())

	require.NoError(t, p.cons.Queue(ch.ChannelA, ibcproto.DistributePacket{Validator: "valA", Rewards: ibcproto.NewCoin("ucons", ints(91))}))
	p.consumer.NextBlock()
	require.NoError(t, p.link.RelayAll())
	sent := p.cons.Sent()
	require.Equal(t, scriptedconsumer.Acknowledged, sent[len(sent)-1].Outcome)
	require.True(t, sent[len(sent)-1].Ack.Success())

	// a withdraws 30 (of 30.33); a second withdrawal in flight finds nothing.
	p.cons.AnswerNext(scriptedconsumer.Hold())
	_, _, err := p.provider.DeliverTx(a, &types.MsgWithdrawRewards{Owner: a.String(), PairingId: pairingID, Validator: "valA", Recipient: consumerRecipient})
	require.NoError(t, err)
	_, _, err = p.provider.DeliverTx(a, &types.MsgWithdrawRewards{Owner: a.String(), PairingId: pairingID, Validator: "valA", Recipient: consumerRecipient})
	requireTxCode(t, err, types.ErrNoRewards)
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, ibcproto.TransferRewardsPacket{Rewards: ibcproto.NewCoin("ucons", ints(30)),
		Recipient: consumerRecipient, TxID: types.FirstOwnTxID}, p.lastReceived())
}
