package scriptedconsumer_test

import (
	"fmt"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil/scriptedconsumer"
)

// providerPackets are one packet of each provider variant.
func providerPackets() []ibcproto.ProviderPacket {
	return []ibcproto.ProviderPacket{
		ibcproto.StakePacket{Delegator: "prov1alice", Validator: "consvaloper1v", Stake: ibcproto.NewCoin("uprov", sdkmath.NewInt(1_000)), TxID: 1},
		ibcproto.UnstakePacket{Delegator: "prov1alice", Validator: "consvaloper1v", Unstake: ibcproto.NewCoin("uprov", sdkmath.NewInt(400)), TxID: 2},
		ibcproto.BurnPacket{Validators: []string{"consvaloper1v", "consvaloper1w"}, Burn: ibcproto.NewCoin("uprov", sdkmath.NewInt(30))},
		ibcproto.TransferRewardsPacket{Rewards: ibcproto.NewCoin("ucons", sdkmath.NewInt(7)), Recipient: "cons1bob", TxID: 3},
	}
}

// encodeProvider returns a provider packet's wire bytes.
func encodeProvider(t *testing.T, p ibcproto.ProviderPacket) []byte {
	t.Helper()
	bz, err := ibcproto.EncodeProviderPacket(p)
	require.NoError(t, err)
	return bz
}

// successAck is the protocol's success acknowledgement on the wire.
const successAck = `{"result":"e30="}`

func TestReceivedPacketsAreRecordedAndAcknowledgedWithSuccess(t *testing.T) {
	p := newPair(t, scriptedconsumer.Config{})
	ch := p.open(t)
	sent := providerPackets()
	for _, packet := range sent {
		p.prov.send(ch.ChannelB, packet)
	}
	p.provider.NextBlock()
	require.Len(t, p.link.PendingPackets(), len(sent))
	require.NoError(t, p.link.RelayAll())

	received := p.cons.Received()
	require.Len(t, received, len(sent))
	for i, r := range received {
		require.Equal(t, ch.ChannelA, r.ChannelID)
		require.Equal(t, uint64(i+1), r.Sequence)
		require.Equal(t, encodeProvider(t, sent[i]), r.Data)
		require.NoError(t, r.Invalid)
		require.Equal(t, sent[i].Variant(), r.Packet.Variant())
		require.Equal(t, r.Data, encodeProvider(t, r.Packet), "the record holds the decoded packet")
		require.True(t, r.Acked)
		require.Equal(t, successAck, string(r.Ack.Acknowledgement()))
		require.Equal(t, successAck, string(p.prov.acks[r.Sequence].Acknowledgement()))
	}
	require.Equal(t, uint64(1), received[0].Packet.(ibcproto.StakePacket).TxID)
	require.Empty(t, p.prov.errs)
}

func TestScriptedAnswers(t *testing.T) {
	p := newPair(t, scriptedconsumer.Config{})
	ch := p.open(t)
	packets := providerPackets()
	stake, unstake, burn, rewards := packets[0], packets[1], packets[2], packets[3]
	p.cons.SetPolicy(scriptedconsumer.ByVariant(map[string]scriptedconsumer.Answer{
		ibcproto.VariantStake: scriptedconsumer.Fail("insufficient bond"),
		ibcproto.VariantBurn:  scriptedconsumer.Hold(),
	}, scriptedconsumer.Succeed()))
	p.cons.AnswerNext(scriptedconsumer.Fail("scripted once"))

	// Sequences 1..5: unstake (scripted once), stake (policy), burn (held), transfer_rewards
	// (fallback), then bytes that are no provider packet.
	for _, packet := range []ibcproto.ProviderPacket{unstake, stake, burn, rewards} {
		p.prov.send(ch.ChannelB, packet)
	}
	p.prov.sendRaw(ch.ChannelB, []byte(`{"stake":{}}`))
	p.provider.NextBlock()
	require.NoError(t, p.link.RelayAll())

	invalidAck := fmt.Sprintf(`{"error":"ABCI code: %d: error handling packet: see events for details"}`,
		ibcproto.ErrMissingField.ABCICode())
	want := map[uint64]string{
		1: `{"error":"scripted once"}`,
		2: `{"error":"insufficient bond"}`,
		4: successAck,
		5: invalidAck,
	}
	require.Len(t, p.prov.acks, len(want))
	for seq, ack := range want {
		require.Equal(t, ack, string(p.prov.acks[seq].Acknowledgement()), "sequence %d", seq)
	}
	received := p.cons.Received()
	require.Len(t, received, 5)
	require.True(t, received[2].Answer.IsHold())
	require.False(t, received[2].Acked)
	require.Nil(t, received[4].Packet)
	require.ErrorIs(t, received[4].Invalid, ibcproto.ErrMissingField)
	require.Equal(t, invalidAck, string(received[4].Ack.Acknowledgement()))

	// The held burn stays unacknowledged: its commitment remains on the provider.
	require.Empty(t, p.consumer.PendingAcks())
	require.NotNil(t, p.provider.App.IBCKeeper.ChannelKeeper.GetPacketCommitment(p.provider.Context(), ch.PortB, ch.ChannelB, 3))

	require.ErrorIs(t, p.cons.Acknowledge(ch.ChannelA, 3, scriptedconsumer.Hold()), scriptedconsumer.ErrHoldIsNoAck)
	require.ErrorIs(t, p.cons.Acknowledge(ch.ChannelA, 4, scriptedconsumer.Succeed()), scriptedconsumer.ErrNotHeld)
	require.ErrorIs(t, p.cons.Acknowledge(ch.ChannelA, 9, scriptedconsumer.Succeed()), scriptedconsumer.ErrNotHeld)
	require.NoError(t, p.cons.Acknowledge(ch.ChannelA, 3, scriptedconsumer.Fail("late refusal")))
	require.ErrorIs(t, p.cons.Acknowledge(ch.ChannelA, 3, scriptedconsumer.Succeed()), scriptedconsumer.ErrNotHeld,
		"one ack per packet, even before EndBlock writes it")
	p.consumer.NextBlock()
	require.Len(t, p.consumer.PendingAcks(), 1)
	require.NoError(t, p.link.RelayAll())

	require.Equal(t, `{"error":"late refusal"}`, string(p.prov.acks[3].Acknowledgement()))
	require.Nil(t, p.provider.App.IBCKeeper.ChannelKeeper.GetPacketCommitment(p.provider.Context(), ch.PortB, ch.ChannelB, 3))
	held := p.cons.Received()[2]
	require.True(t, held.Acked)
	require.Equal(t, "late refusal", held.Ack.ErrorMessage())
	require.ErrorIs(t, p.cons.Acknowledge(ch.ChannelA, 3, scriptedconsumer.Succeed()), scriptedconsumer.ErrNotHeld)
	require.Empty(t, p.cons.Errors())

	// Back to the default policy.
	p.cons.SetPolicy(nil)
	p.prov.send(ch.ChannelB, stake)
	p.provider.NextBlock()
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, successAck, string(p.prov.acks[6].Acknowledgement()))
}

func TestProviderPacketTimesOutWhenNotRelayed(t *testing.T) {
	p := newPair(t, scriptedconsumer.Config{})
	ch := p.open(t)
	p.prov.send(ch.ChannelB, providerPackets()[0])
	p.provider.NextBlock()
	pending := p.link.PendingPackets()
	require.Len(t, pending, 1)

	require.NoError(t, p.link.TimeoutPacket(pending[0]))
	require.Equal(t, []uint64{1}, p.prov.timedOut)
	require.Empty(t, p.cons.Received())
	require.Empty(t, p.link.PendingPackets())
}
