package ibcproto

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

func TestProviderPacketGoldenVectors(t *testing.T) {
	for _, v := range providerVectors {
		t.Run(v.name, func(t *testing.T) {
			bz, err := EncodeProviderPacket(v.packet)
			require.NoError(t, err)
			require.Equal(t, v.json, string(bz))

			decoded, err := DecodeProviderPacket([]byte(v.json))
			require.NoError(t, err)
			requireSameValue(t, v.packet, decoded)
			require.Equal(t, v.packet.Variant(), decoded.Variant())
		})
	}
}

func TestConsumerPacketGoldenVectors(t *testing.T) {
	for _, v := range consumerVectors {
		t.Run(v.name, func(t *testing.T) {
			bz, err := EncodeConsumerPacket(v.packet)
			require.NoError(t, err)
			require.Equal(t, v.json, string(bz))

			decoded, err := DecodeConsumerPacket([]byte(v.json))
			require.NoError(t, err)
			requireSameValue(t, v.packet, decoded)
			require.Equal(t, v.packet.Variant(), decoded.Variant())
		})
	}
}

func TestAckGoldenVectors(t *testing.T) {
	for _, v := range ackVectors {
		t.Run(v.name, func(t *testing.T) {
			require.Equal(t, v.json, string(v.ack.Acknowledgement()))

			decoded, err := DecodeAck([]byte(v.json))
			require.NoError(t, err)
			requireSameValue(t, v.ack, decoded)
			require.Equal(t, v.ack.Success(), decoded.Success())
		})
	}
}

func TestVersionGoldenVectors(t *testing.T) {
	for _, v := range versionVectors {
		t.Run(v.name, func(t *testing.T) {
			require.Equal(t, v.json, v.version.String())

			decoded, err := ParseVersion(v.json)
			require.NoError(t, err)
			requireSameValue(t, v.version, decoded)
		})
	}
	require.Equal(t, `{"protocol":"mesh-security","version":"0.11.0"}`, DefaultVersion(nil).String())
}

// A packet that a reference chain writes with insignificant differences (whitespace, escapes
// that we would not use, leading zeros in an amount) decodes to the same value and re-encodes
// canonically.
func TestDecodeAcceptsEquivalentSpellings(t *testing.T) {
	spelled := " {\n\t\"stake\" : { \"delegator\":\"osmo1\\u0064elegator\", \"validator\":\"junovaloper1val\"," +
		" \"stake\":{\"amount\":\"0001000\",\"denom\":\"uosmo\"}, \"tx_id\":7 } }\r\n"
	decoded, err := DecodeProviderPacket([]byte(spelled))
	require.NoError(t, err)
	requireSameValue(t, providerVectors[0].packet, decoded)

	bz, err := EncodeProviderPacket(decoded)
	require.NoError(t, err)
	require.Equal(t, providerVectors[0].json, string(bz))
}

func TestAckSuccessIsEmptyResult(t *testing.T) {
	require.True(t, NewSuccessAck().IsEmptyResult())
	require.Equal(t, []byte("{}"), NewSuccessAck().Result())
	require.False(t, NewResultAck([]byte(`{"a":1}`)).IsEmptyResult())
	require.False(t, NewErrorAck("x").IsEmptyResult())
	require.Equal(t, "x", NewErrorAck("x").ErrorMessage())
	require.Nil(t, NewErrorAck("x").Result())
}

func TestErrorAckFromErrorIsDeterministic(t *testing.T) {
	ack := NewErrorAckFromError(ErrInvalidAmount.Wrap("amount 12 at height 99"))
	require.False(t, ack.Success())
	require.Equal(t, `{"error":"ABCI code: 10: error handling packet: see events for details"}`, string(ack.Acknowledgement()))
}

// A Go string can hold bytes that are not UTF-8; they are written as U+FFFD so that the
// output is always a string the reference (and DecodeProviderPacket) can read.
func TestEncodeReplacesInvalidUTF8(t *testing.T) {
	bz, err := EncodeProviderPacket(TransferRewardsPacket{Rewards: NewCoin("u", sdkmath.NewInt(1)), Recipient: "a\xffb\xe2\x82", TxID: 1})
	require.NoError(t, err)
	require.Equal(t, "{\"transfer_rewards\":{\"rewards\":{\"denom\":\"u\",\"amount\":\"1\"},\"recipient\":\"a\uFFFDb\uFFFD\uFFFD\",\"tx_id\":1}}", string(bz))
	decoded, err := DecodeProviderPacket(bz)
	require.NoError(t, err)
	require.Equal(t, "a\uFFFDb\uFFFD\uFFFD", decoded.(TransferRewardsPacket).Recipient)
	require.Equal(t, "{\"error\":\"x\uFFFD\"}", string(NewErrorAck("x\x80").Acknowledgement()))
}
