package ibcproto

import (
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// padTo appends spaces (insignificant JSON whitespace) to s until it is size bytes long.
func padTo(s string, size int) []byte {
	return []byte(s + strings.Repeat(" ", size-len(s)))
}

// decoders runs each decoder over its input kind, so one test covers all of them.
var decoders = []struct {
	name   string
	limit  int
	valid  string
	decode func([]byte) error
}{
	{"provider packet", MaxPacketSize, providerVectors[0].json, func(bz []byte) error {
		_, err := DecodeProviderPacket(bz)
		return err
	}},
	{"consumer packet", MaxPacketSize, consumerVectors[0].json, func(bz []byte) error {
		_, err := DecodeConsumerPacket(bz)
		return err
	}},
	{"acknowledgement", MaxPacketSize, `{"result":"e30="}`, func(bz []byte) error {
		_, err := DecodeAck(bz)
		return err
	}},
	{"channel version", MaxVersionSize, DefaultVersion(nil).String(), func(bz []byte) error {
		_, err := ParseVersion(string(bz))
		return err
	}},
}

func TestDecodersAcceptInputUpToTheLimit(t *testing.T) {
	for _, d := range decoders {
		require.NoError(t, d.decode(padTo(d.valid, d.limit)), d.name)
	}
}

func TestDecodersRefuseInputAboveTheLimitBeforeParsing(t *testing.T) {
	for _, d := range decoders {
		err := d.decode(padTo(d.valid, d.limit+1))
		require.ErrorIs(t, err, ErrPacketTooLarge, d.name)
		require.Contains(t, err.Error(), strconv.Itoa(d.limit+1)+" bytes exceeds the limit of "+strconv.Itoa(d.limit), d.name)
		// Not even the first byte is looked at: garbage of the same size gets the same refusal.
		require.ErrorIs(t, d.decode([]byte(strings.Repeat("\xff", d.limit+1))), ErrPacketTooLarge, d.name)
	}
}

func TestMaxAmountDigitsIsTheWidthOfTheLargestAmount(t *testing.T) {
	largest := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), AmountBits), big.NewInt(1))
	require.Len(t, largest.String(), maxAmountDigits)
	require.Equal(t, maxAmount, largest.String())
}

func TestAmountDigitLimit(t *testing.T) {
	zeros := strings.Repeat("0", 100_000)
	accepted := []struct{ amount, value string }{
		{maxAmount, maxAmount},
		{"0" + maxAmount, maxAmount},
		{zeros + maxAmount, maxAmount},
		{zeros, "0"},
		{zeros + "7", "7"},
		{"1" + strings.Repeat("0", 38), "1" + strings.Repeat("0", 38)},
	}
	for _, c := range accepted {
		p, err := DecodeProviderPacket([]byte(stakeWith(`"`+c.amount+`"`, "1")))
		require.NoError(t, err, "%d bytes", len(c.amount))
		require.Equal(t, c.value, p.(StakePacket).Stake.Amount.String())
		bz, err := EncodeProviderPacket(p)
		require.NoError(t, err)
		require.Equal(t, stakeWith(`"`+c.value+`"`, "1"), string(bz), "re-encodes canonically")
	}
	refused := []string{
		"340282366920938463463374607431768211456",                    // 2^128: 39 digits, too large
		strings.Repeat("9", 39),                                      // 39 digits above 2^128
		"1" + strings.Repeat("0", 39),                                // 40 significant digits
		zeros + "1" + strings.Repeat("0", 39),                        // 40 significant digits after leading zeros
		strings.Repeat("1", MaxPacketSize-len(stakeWith(`""`, "1"))), // as long as a packet can hold
	}
	for _, amount := range refused {
		_, err := DecodeProviderPacket([]byte(stakeWith(`"`+amount+`"`, "1")))
		require.ErrorIs(t, err, ErrAmountOverflow, "%d bytes", len(amount))
		require.Less(t, len(err.Error()), 300, "the message quotes only the start of the amount")
	}
}

func TestAmountDigitLimitInEveryAmountField(t *testing.T) {
	long := `"1` + strings.Repeat("0", 39) + `"`
	coin := `{"denom":"u","amount":` + long + `}`
	provider := []string{
		stakeWith(long, "1"),
		`{"unstake":{"delegator":"d","validator":"v","unstake":` + coin + `,"tx_id":1}}`,
		`{"burn":{"validators":["v"],"burn":` + coin + `}}`,
		`{"transfer_rewards":{"rewards":` + coin + `,"recipient":"r","tx_id":1}}`,
	}
	for _, in := range provider {
		_, err := DecodeProviderPacket([]byte(in))
		require.ErrorIs(t, err, ErrAmountOverflow, in)
	}
	consumer := []string{
		`{"internal_unstake":{"delegator":"d","validator":"v","normalize_amount":` + coin + `,"inverted_amount":{"denom":"u","amount":"1"}}}`,
		`{"distribute":{"validator":"v","rewards":` + coin + `}}`,
		`{"distribute_batch":{"rewards":[{"validator":"v","reward":` + long + `}],"denom":"u"}}`,
		`{"valset_update":{"height":1,"time":1,"additions":[],"removals":[],"updated":[],"jailed":[],"unjailed":[],"tombstoned":[],"slashed":[{"address":"a","infraction_height":1,"infraction_time":1,"power":1,"slash_amount":` + coin + `,"slash_ratio":"0.1"}]}}`,
	}
	for _, in := range consumer {
		_, err := DecodeConsumerPacket([]byte(in))
		require.ErrorIs(t, err, ErrAmountOverflow, in)
	}
}

func TestRefusalsQuoteOnlyTheStartOfLongValues(t *testing.T) {
	long := strings.Repeat("x", 100_000)
	inputs := map[string]error{
		`{"` + long + `":{}}`: ErrUnknownVariant,
		`{"stake":{"delegator":"d","validator":"v","stake":{"denom":"u","amount":"1"},"tx_id":1,"` + long + `":1}}`: ErrUnknownField,
		`"` + long + `"`:                               ErrMalformedVariant,
		stakeWith(`"`+long+`"`, "1"):                   ErrInvalidAmount,
		stakeWith(`"1"`, strings.Repeat("9", 100_000)): ErrInvalidNumber,
	}
	for in, want := range inputs {
		_, err := DecodeProviderPacket([]byte(in))
		require.ErrorIs(t, err, want)
		require.Less(t, len(err.Error()), 300, "message of %v", want)
		require.Contains(t, err.Error(), "(100000 bytes)")
	}
}
