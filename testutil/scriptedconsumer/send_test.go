package scriptedconsumer_test

import (
	"fmt"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/scriptedconsumer"
)

// consumerPackets are one packet of each consumer variant; the valset update fills every list,
// with the consumer chain's real consensus keys.
func consumerPackets(c *testutil.Chain) []ibcproto.ConsumerPacket {
	v0, v1 := c.Validators[0], c.Validators[1]
	add := func(v testutil.Validator) ibcproto.AddValidator {
		return ibcproto.AddValidator{Valoper: v.ValAddress().String(), PubKey: ibcproto.NewEd25519PubKey(v.ConsPubKey.Bytes())}
	}
	valoper0, valoper1 := v0.ValAddress().String(), v1.ValAddress().String()
	return []ibcproto.ConsumerPacket{
		ibcproto.ValsetUpdatePacket{
			Height: 12, Time: 1_767_225_600,
			Additions: []ibcproto.AddValidator{add(v0), add(v1)}, Removals: []string{"consvaloper1gone"},
			Updated: []ibcproto.AddValidator{add(v1)}, Jailed: []string{valoper0}, Unjailed: []string{valoper1},
			Tombstoned: []string{"consvaloper1cheat"},
			Slashed: []ibcproto.ValidatorSlashInfo{{
				Address: valoper0, InfractionHeight: 10, InfractionTime: 1_767_225_500, Power: 100,
				SlashAmount: ibcproto.NewCoin("uprov", sdkmath.NewInt(5)), SlashRatio: "0.05",
			}},
		},
		ibcproto.InternalUnstakePacket{Delegator: "prov1alice", Validator: valoper0,
			NormalizeAmount: ibcproto.NewCoin("ucons", sdkmath.NewInt(50)), InvertedAmount: ibcproto.NewCoin("uprov", sdkmath.NewInt(100))},
		ibcproto.DistributePacket{Validator: valoper0, Rewards: ibcproto.NewCoin("ucons", sdkmath.NewInt(900))},
		ibcproto.DistributeBatchPacket{Denom: "ucons", Rewards: []ibcproto.RewardInfo{
			{Validator: valoper0, Reward: sdkmath.NewInt(11)}, {Validator: valoper1, Reward: sdkmath.NewInt(22)},
		}},
	}
}

// encodeConsumer returns a consumer packet's wire bytes.
func encodeConsumer(t *testing.T, p ibcproto.ConsumerPacket) []byte {
	t.Helper()
	bz, err := ibcproto.EncodeConsumerPacket(p)
	require.NoError(t, err)
	return bz
}

func TestSentPacketsReachTheProviderAndAcksAreRecorded(t *testing.T) {
	p := newPair(t, scriptedconsumer.Config{})
	ch := p.open(t)
	p.prov.answers[ibcproto.VariantDistribute] = ibcproto.NewErrorAck("unknown validator")
	packets := consumerPackets(p.consumer)
	for _, packet := range packets {
		require.NoError(t, p.cons.Queue(ch.ChannelA, packet))
	}
	p.cons.QueueRaw(ch.ChannelA, []byte("not json"))
	p.cons.QueueRaw(ch.ChannelA, encodeConsumer(t, packets[2]))
	require.NoError(t, p.cons.Queue("channel-99", packets[2]))
	unencodable := ibcproto.DistributePacket{Validator: "v", Rewards: ibcproto.NewCoin("ucons", sdkmath.NewInt(-1))}
	require.ErrorIs(t, p.cons.Queue(ch.ChannelA, unencodable), ibcproto.ErrInvalidAmount)

	// Nothing leaves before EndBlock; then everything does, from a block without transactions.
	require.Empty(t, p.link.PendingPackets())
	require.Empty(t, p.cons.Sent())
	res := p.consumer.NextBlock()
	require.Empty(t, res.TxResults)
	require.Len(t, p.link.PendingPackets(), 6)
	errs := p.cons.Errors()
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], scriptedconsumer.ErrNoChannel)
	for _, s := range p.cons.Sent() {
		require.Equal(t, scriptedconsumer.Pending, s.Outcome)
	}

	require.NoError(t, p.link.RelayAll())
	require.Len(t, p.prov.received, 5)
	for i, packet := range packets {
		require.Equal(t, encodeConsumer(t, packet), encodeConsumer(t, p.prov.received[i]), packet.Variant())
	}
	require.Equal(t, [][]byte{[]byte("not json")}, p.prov.invalid)

	sent := p.cons.Sent()
	require.Len(t, sent, 6)
	invalidAck := fmt.Sprintf(`{"error":"ABCI code: %d: error handling packet: see events for details"}`,
		ibcproto.ErrInvalidJSON.ABCICode())
	wantAcks := []string{successAck, successAck, `{"error":"unknown validator"}`, successAck, invalidAck, `{"error":"unknown validator"}`}
	for i, s := range sent {
		require.Equal(t, ch.ChannelA, s.ChannelID)
		require.Equal(t, uint64(i+1), s.Sequence)
		require.Equal(t, scriptedconsumer.Acknowledged, s.Outcome, "sequence %d", s.Sequence)
		require.Equal(t, wantAcks[i], string(s.AckBytes), "sequence %d", s.Sequence)
		require.NoError(t, s.AckInvalid)
		require.Equal(t, wantAcks[i], string(s.Ack.Acknowledgement()))
	}
	require.True(t, sent[0].Ack.IsEmptyResult())
	require.Equal(t, "unknown validator", sent[2].Ack.ErrorMessage())
	require.Equal(t, ibcproto.VariantValsetUpdate, sent[0].Packet.Variant())
	require.Nil(t, sent[4].Packet, "raw bytes that do not decode")
	require.Equal(t, ibcproto.VariantDistribute, sent[5].Packet.Variant(), "raw bytes that decode")
}

func TestSentPacketTimesOut(t *testing.T) {
	p := newPair(t, scriptedconsumer.Config{})
	ch := p.open(t)
	require.NoError(t, p.cons.Queue(ch.ChannelA, consumerPackets(p.consumer)[2]))
	p.consumer.NextBlock()
	pending := p.link.PendingPackets()
	require.Len(t, pending, 1)
	require.Equal(t, uint64(p.consumer.LastBlockTime().Add(scriptedconsumer.DefaultPacketLifetime).UnixNano()),
		pending[0].TimeoutTimestamp)

	require.NoError(t, p.link.TimeoutPacket(pending[0]))
	sent := p.cons.Sent()
	require.Len(t, sent, 1)
	require.Equal(t, scriptedconsumer.TimedOut, sent[0].Outcome)
	require.Nil(t, sent[0].AckBytes)
	require.Empty(t, p.prov.received)
}

func TestBondedValsetAnnouncesTheConsumerValidators(t *testing.T) {
	p := newPair(t, scriptedconsumer.Config{})
	ch := p.open(t)
	update, err := scriptedconsumer.BondedValset(p.consumer)
	require.NoError(t, err)

	require.Equal(t, uint64(p.consumer.Height()), update.Height)
	require.Equal(t, uint64(p.consumer.LastBlockTime().Unix()), update.Time)
	require.Len(t, update.Additions, len(p.consumer.Validators))
	keys := map[string]string{}
	for _, v := range p.consumer.Validators {
		keys[v.ValAddress().String()] = string(v.ConsPubKey.Bytes())
	}
	for _, add := range update.Additions {
		key, err := add.PubKey.Ed25519()
		require.NoError(t, err)
		require.Equal(t, keys[add.Valoper], string(key), add.Valoper)
		delete(keys, add.Valoper)
	}
	require.Empty(t, keys, "every validator announced once")

	require.NoError(t, p.cons.Queue(ch.ChannelA, update))
	p.consumer.NextBlock()
	require.NoError(t, p.link.RelayAll())
	require.Len(t, p.prov.received, 1)
	require.Equal(t, encodeConsumer(t, update), encodeConsumer(t, p.prov.received[0]))
	require.Equal(t, successAck, string(p.cons.Sent()[0].AckBytes))
}
