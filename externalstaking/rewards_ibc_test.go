package externalstaking_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/scriptedconsumer"
)

// rewards is the user's pending rewards with a validator.
func (p *pair) rewards(u testutil.Account, val string) string {
	res, err := keeper.NewQueryServerImpl(p.provider.App.ExternalStakingKeeper).Stakes(p.provider.Context(),
		&types.QueryStakesRequest{PairingId: pairingID, Owner: u.String()})
	require.NoError(p.t, err)
	for _, s := range res.Stakes {
		if s.Validator == val {
			return s.PendingRewards.String()
		}
	}
	return "0"
}

// withdrawRewards sends MsgWithdrawRewards to consumerRecipient.
func (p *pair) withdrawRewards(u testutil.Account, val string) error {
	_, _, err := p.provider.DeliverTx(u, &types.MsgWithdrawRewards{Owner: u.String(), PairingId: pairingID,
		Validator: val, Recipient: consumerRecipient})
	return err
}

func TestRewardsToThreeUsersOnTwoValidators(t *testing.T) {
	p := newPair(t)
	ch := p.open()
	p.activate(ch, 1, "valA", "valB")
	a, b, c := p.provider.Accounts[0], p.provider.Accounts[1], p.provider.Accounts[2]
	for _, s := range []struct {
		u     testutil.Account
		stake int64
		val   string
	}{{a, 100, "valA"}, {b, 300, "valA"}, {c, 200, "valB"}} {
		require.NoError(t, p.bondAndStake(s.u, 1_000, s.stake, s.val))
		require.NoError(t, p.link.RelayAll())
	}

	// valA: 1000 over 400 shares; then a batch of 1 to valA (a remainder carried) and 7 to valB.
	p.send(ch, ibcproto.DistributePacket{Validator: "valA", Rewards: ibcproto.NewCoin("ucons", ints(1_000))},
		ibcproto.DistributeBatchPacket{Denom: "ucons", Rewards: []ibcproto.RewardInfo{
			{Validator: "valA", Reward: ints(1)}, {Validator: "valB", Reward: ints(7)}}})
	require.Equal(t, "250", p.rewards(a, "valA"))
	require.Equal(t, "750", p.rewards(b, "valA"))
	require.Equal(t, "7", p.rewards(c, "valB"))

	// a withdraws 250, the consumer holds its answer; a second withdrawal while the first is in
	// flight has nothing to pay.
	p.cons.AnswerNext(scriptedconsumer.Hold())
	require.NoError(t, p.withdrawRewards(a, "valA"))
	require.NoError(t, p.link.RelayAll())
	held := p.cons.Received()[len(p.cons.Received())-1]
	require.Equal(t, ibcproto.TransferRewardsPacket{Rewards: ibcproto.NewCoin("ucons", ints(250)),
		Recipient: consumerRecipient, TxID: types.FirstOwnTxID}, held.Packet)
	requireTxCode(t, p.withdrawRewards(a, "valA"), types.ErrNoRewards)

	// Three more to valA: the points per share are now 2.5e18 + 2.5e15 + 7.5e15, so a has earned
	// 251 in all.
	p.send(ch, ibcproto.DistributePacket{Validator: "valA", Rewards: ibcproto.NewCoin("ucons", ints(3))})
	require.Equal(t, "1", p.rewards(a, "valA"))
	require.Equal(t, "753", p.rewards(b, "valA"))

	// The first withdrawal fails: its 250 come back; the next one pays all 251.
	require.NoError(t, p.cons.Acknowledge(held.ChannelID, held.Sequence, scriptedconsumer.Fail("recipient refused")))
	p.consumer.NextBlock()
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, "251", p.rewards(a, "valA"))
	require.NoError(t, p.withdrawRewards(a, "valA"))
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, ibcproto.NewCoin("ucons", ints(251)), p.lastReceived().(ibcproto.TransferRewardsPacket).Rewards)
	require.Equal(t, "0", p.rewards(a, "valA"))

	// b's withdrawal times out: the reservation comes back.
	require.NoError(t, p.withdrawRewards(b, "valA"))
	pending := p.link.PendingPackets()
	require.Len(t, pending, 1)
	require.NoError(t, p.link.TimeoutPacket(pending[0]))
	require.Equal(t, "753", p.rewards(b, "valA"))

	require.NoError(t, p.withdrawRewards(c, "valB"))
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, ibcproto.NewCoin("ucons", ints(7)), p.lastReceived().(ibcproto.TransferRewardsPacket).Rewards)
	require.Equal(t, "0", p.rewards(c, "valB"))
	require.NoError(t, p.provider.App.ExternalStakingKeeper.CheckInvariants(p.provider.Context(), p.vaultQueries()))
}
