package ibcproto

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

type negativeVector struct {
	name  string
	input string
	err   error
}

// stakeWith builds a stake packet whose coin amount and tx id are spelled as given.
func stakeWith(amount, txID string) string {
	return `{"stake":{"delegator":"d","validator":"v","stake":{"denom":"uosmo","amount":` + amount + `},"tx_id":` + txID + `}}`
}

var providerNegativeVectors = []negativeVector{
	{"amount as number", stakeWith(`1000`, `1`), ErrInvalidType},
	{"amount as null", stakeWith(`null`, `1`), ErrInvalidType},
	{"negative amount", stakeWith(`"-5"`, `1`), ErrInvalidAmount},
	{"negative zero amount", stakeWith(`"-0"`, `1`), ErrInvalidAmount},
	{"non-numeric amount", stakeWith(`"12a"`, `1`), ErrInvalidAmount},
	{"empty amount", stakeWith(`""`, `1`), ErrInvalidAmount},
	{"amount with plus sign", stakeWith(`"+5"`, `1`), ErrInvalidAmount},
	{"amount with exponent", stakeWith(`"1e3"`, `1`), ErrInvalidAmount},
	{"amount with fraction", stakeWith(`"1.0"`, `1`), ErrInvalidAmount},
	{"amount with space", stakeWith(`" 5"`, `1`), ErrInvalidAmount},
	{"amount of 2^128", stakeWith(`"340282366920938463463374607431768211456"`, `1`), ErrAmountOverflow},
	{"amount far above 2^128", stakeWith(`"`+strings.Repeat("9", 100)+`"`, `1`), ErrAmountOverflow},
	{"amount of 40 significant digits", stakeWith(`"1`+strings.Repeat("0", 39)+`"`, `1`), ErrAmountOverflow},
	{"amount of 40 significant digits after zeros", stakeWith(`"000`+strings.Repeat("1", 40)+`"`, `1`), ErrAmountOverflow},
	{"tx id as string", stakeWith(`"1"`, `"7"`), ErrInvalidType},
	{"tx id null", stakeWith(`"1"`, `null`), ErrInvalidType},
	{"negative tx id", stakeWith(`"1"`, `-1`), ErrInvalidNumber},
	{"negative zero tx id", stakeWith(`"1"`, `-0`), ErrInvalidNumber},
	{"fractional tx id", stakeWith(`"1"`, `7.0`), ErrInvalidNumber},
	{"exponent tx id", stakeWith(`"1"`, `1e2`), ErrInvalidNumber},
	{"tx id of 2^64", stakeWith(`"1"`, `18446744073709551616`), ErrInvalidNumber},
	{"unknown variant", `{"delegate":{"delegator":"d"}}`, ErrUnknownVariant},
	{"consumer variant", `{"distribute":{"validator":"v","rewards":{"denom":"u","amount":"1"}}}`, ErrUnknownVariant},
	{"variant in wrong case", `{"Stake":{}}`, ErrUnknownVariant},
	{"unknown packet field", `{"stake":{"delegator":"d","validator":"v","stake":{"denom":"u","amount":"1"},"tx_id":1,"memo":""}}`, ErrUnknownField},
	{"missing field", `{"stake":{"delegator":"d","validator":"v","stake":{"denom":"u","amount":"1"}}}`, ErrMissingField},
	{"missing coin amount", `{"stake":{"delegator":"d","validator":"v","stake":{"denom":"u"},"tx_id":1}}`, ErrMissingField},
	{"duplicate field", `{"stake":{"delegator":"d","delegator":"e","validator":"v","stake":{"denom":"u","amount":"1"},"tx_id":1}}`, ErrDuplicateField},
	{"null string field", `{"stake":{"delegator":null,"validator":"v","stake":{"denom":"u","amount":"1"},"tx_id":1}}`, ErrInvalidType},
	{"body not an object", `{"stake":[]}`, ErrInvalidType},
	{"validators not strings", `{"burn":{"validators":[1],"burn":{"denom":"u","amount":"1"}}}`, ErrInvalidType},
	{"validators null", `{"burn":{"validators":null,"burn":{"denom":"u","amount":"1"}}}`, ErrInvalidType},
	{"two variants", `{"burn":{"validators":[],"burn":{"denom":"u","amount":"1"}},"stake":{}}`, ErrMalformedVariant},
	{"unit variant", `"stake"`, ErrMalformedVariant},
	{"empty object", `{}`, ErrMalformedVariant},
	{"array", `[]`, ErrMalformedVariant},
	{"empty input", ``, ErrInvalidJSON},
	{"truncated", `{"stake":{"delegator":"d"`, ErrInvalidJSON},
	{"trailing data", `{"burn":{"validators":[],"burn":{"denom":"u","amount":"1"}}}x`, ErrInvalidJSON},
	{"two values", `{"burn":{"validators":[],"burn":{"denom":"u","amount":"1"}}} {}`, ErrInvalidJSON},
	{"trailing comma", `{"burn":{"validators":["a",],"burn":{"denom":"u","amount":"1"}}}`, ErrInvalidJSON},
	{"invalid utf-8", "{\"burn\":{\"validators\":[\"\xff\"],\"burn\":{\"denom\":\"u\",\"amount\":\"1\"}}}", ErrInvalidJSON},
	{"lone leading surrogate", `{"burn":{"validators":["\ud800"],"burn":{"denom":"u","amount":"1"}}}`, ErrInvalidJSON},
	{"lone trailing surrogate", `{"burn":{"validators":["\udc00"],"burn":{"denom":"u","amount":"1"}}}`, ErrInvalidJSON},
	{"raw control character", "{\"burn\":{\"validators\":[\"a\nb\"],\"burn\":{\"denom\":\"u\",\"amount\":\"1\"}}}", ErrInvalidJSON},
	{"invalid escape", `{"burn":{"validators":["\x41"],"burn":{"denom":"u","amount":"1"}}}`, ErrInvalidJSON},
	{"leading zero number", stakeWith(`"1"`, `07`), ErrInvalidJSON},
	{"single quotes", `{'stake':{}}`, ErrInvalidJSON},
	{"nesting too deep", strings.Repeat("[", 200) + strings.Repeat("]", 200), ErrInvalidJSON},
}

var consumerNegativeVectors = []negativeVector{
	{"unknown field in slash info", `{"valset_update":{"height":1,"time":2,"additions":[],"removals":[],"updated":[],"jailed":[],"unjailed":[],"tombstoned":[],"slashed":[{"address":"a","infraction_height":1,"infraction_time":1,"power":1,"slash_amount":{"denom":"u","amount":"1"},"slash_ratio":"0.1","extra":1}]}}`, ErrUnknownField},
	{"unknown field in addition", `{"valset_update":{"height":1,"time":2,"additions":[{"valoper":"v","pub_key":"k","moniker":"m"}],"removals":[],"updated":[],"jailed":[],"unjailed":[],"tombstoned":[],"slashed":[]}}`, ErrUnknownField},
	{"valset update without slashed", `{"valset_update":{"height":1,"time":2,"additions":[],"removals":[],"updated":[],"jailed":[],"unjailed":[],"tombstoned":[]}}`, ErrMissingField},
	{"removals null", `{"valset_update":{"height":1,"time":2,"additions":[],"removals":null,"updated":[],"jailed":[],"unjailed":[],"tombstoned":[],"slashed":[]}}`, ErrInvalidType},
	{"negative height", `{"valset_update":{"height":-1,"time":2,"additions":[],"removals":[],"updated":[],"jailed":[],"unjailed":[],"tombstoned":[],"slashed":[]}}`, ErrInvalidNumber},
	{"slash amount as number", `{"valset_update":{"height":1,"time":2,"additions":[],"removals":[],"updated":[],"jailed":[],"unjailed":[],"tombstoned":[],"slashed":[{"address":"a","infraction_height":1,"infraction_time":1,"power":1,"slash_amount":{"denom":"u","amount":1},"slash_ratio":"0.1"}]}}`, ErrInvalidType},
	{"reward as number", `{"distribute_batch":{"rewards":[{"validator":"v","reward":10}],"denom":"u"}}`, ErrInvalidType},
	{"reward of 2^128", `{"distribute_batch":{"rewards":[{"validator":"v","reward":"340282366920938463463374607431768211456"}],"denom":"u"}}`, ErrAmountOverflow},
	{"unknown field in reward info", `{"distribute_batch":{"rewards":[{"validator":"v","reward":"1","x":0}],"denom":"u"}}`, ErrUnknownField},
	{"negative internal unstake amount", `{"internal_unstake":{"delegator":"d","validator":"v","normalize_amount":{"denom":"u","amount":"-1"},"inverted_amount":{"denom":"o","amount":"1"}}}`, ErrInvalidAmount},
	{"provider variant", `{"stake":{"delegator":"d","validator":"v","stake":{"denom":"u","amount":"1"},"tx_id":1}}`, ErrUnknownVariant},
	{"unknown distribute field", `{"distribute":{"validator":"v","rewards":{"denom":"u","amount":"1"},"tx_id":1}}`, ErrUnknownField},
}

var ackNegativeVectors = []negativeVector{
	{"unknown variant", `{"ok":"e30="}`, ErrUnknownVariant},
	{"result not a string", `{"result":1}`, ErrInvalidType},
	{"error null", `{"error":null}`, ErrInvalidType},
	{"both variants", `{"result":"e30=","error":"x"}`, ErrMalformedVariant},
	{"result with line break", `{"result":"e30=\n"}`, ErrInvalidBase64},
	{"result in url alphabet", `{"result":"e3-_"}`, ErrInvalidBase64},
	{"result with non-zero trailing bits", `{"result":"e31="}`, ErrInvalidBase64},
	{"result with extra padding", `{"result":"e30=="}`, ErrInvalidBase64},
	{"not json", `e30=`, ErrInvalidJSON},
}

func TestProviderPacketNegativeVectors(t *testing.T) {
	for _, v := range providerNegativeVectors {
		t.Run(v.name, func(t *testing.T) {
			_, err := DecodeProviderPacket([]byte(v.input))
			require.ErrorIs(t, err, v.err)
		})
	}
}

func TestConsumerPacketNegativeVectors(t *testing.T) {
	for _, v := range consumerNegativeVectors {
		t.Run(v.name, func(t *testing.T) {
			_, err := DecodeConsumerPacket([]byte(v.input))
			require.ErrorIs(t, err, v.err)
		})
	}
}

func TestAckNegativeVectors(t *testing.T) {
	for _, v := range ackNegativeVectors {
		t.Run(v.name, func(t *testing.T) {
			_, err := DecodeAck([]byte(v.input))
			require.ErrorIs(t, err, v.err)
		})
	}
}

func TestUnpaddedResultAckIsAccepted(t *testing.T) {
	ack, err := DecodeAck([]byte(`{"result":"e30"}`))
	require.NoError(t, err)
	require.True(t, ack.IsEmptyResult())
	require.Equal(t, `{"result":"e30="}`, string(ack.Acknowledgement()))
}

// cosmwasm's Coin has no deny_unknown_fields, so the reference accepts extra coin fields; so do we.
func TestUnknownCoinFieldIsIgnoredAsTheReferenceDoes(t *testing.T) {
	p, err := DecodeProviderPacket([]byte(`{"burn":{"validators":["v"],"burn":{"denom":"u","amount":"3","note":{"a":[1,null,true]}}}}`))
	require.NoError(t, err)
	burn, ok := p.(BurnPacket)
	require.True(t, ok)
	require.Equal(t, "u", burn.Burn.Denom)
	require.Equal(t, int64(3), burn.Burn.Amount.Int64())
}

func TestSurrogatePairDecodes(t *testing.T) {
	p, err := DecodeProviderPacket([]byte(`{"burn":{"validators":["\ud83d\ude00"],"burn":{"denom":"u","amount":"1"}}}`))
	require.NoError(t, err)
	require.Equal(t, []string{"\U0001F600"}, p.(BurnPacket).Validators)
}
