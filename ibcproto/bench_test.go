package ibcproto

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// The benchmarks feed every decoder its worst inputs at three sizes: 1 MiB (refused by size before
// parsing), MaxPacketSize/16 and MaxPacketSize (parsed). Each reports ns/byte; equal figures at the
// two parsed sizes show the decoder's time is linear in its input.

// oneMiB is the size of the largest hostile input the benchmarks try.
const oneMiB = 1 << 20

// filled returns prefix, then item repeated with sep in between, then suffix, padded with
// trailing spaces to exactly size bytes (the items stop where the next one would not fit).
func filled(prefix, item, sep, suffix string, size int) []byte {
	var sb strings.Builder
	sb.Grow(size)
	sb.WriteString(prefix)
	for n := 0; sb.Len()+len(sep)+len(item)+len(suffix) <= size; n++ {
		if n > 0 {
			sb.WriteString(sep)
		}
		sb.WriteString(item)
	}
	sb.WriteString(suffix)
	sb.WriteString(strings.Repeat(" ", size-sb.Len()))
	return []byte(sb.String())
}

// workload is one kind of input, built at any size, with the refusal expected below the size
// limit (nil when it decodes).
type workload struct {
	name   string
	limit  int
	build  func(size int) []byte
	decode func([]byte) func() error
	want   error
}

// Each decoder wrapper prepares its input once and returns the call the benchmark times.

func decodeProvider(bz []byte) func() error {
	return func() error {
		_, err := DecodeProviderPacket(bz)
		return err
	}
}

func decodeConsumer(bz []byte) func() error {
	return func() error {
		_, err := DecodeConsumerPacket(bz)
		return err
	}
}

func decodeAckBytes(bz []byte) func() error {
	return func() error {
		_, err := DecodeAck(bz)
		return err
	}
}

func decodeVersion(bz []byte) func() error {
	s := string(bz)
	return func() error {
		_, err := ParseVersion(s)
		return err
	}
}

// escaped is string content heavy in escapes, including a surrogate pair.
const escaped = `a\"\\\n\u00e9\ud83d\ude00`

const coinJSON = `{"denom":"uosmo","amount":"1000"}`

func packetWorkloads() []workload {
	return []workload{
		{name: "amount digits", limit: MaxPacketSize, decode: decodeProvider, want: ErrAmountOverflow, build: func(n int) []byte {
			return filled(`{"stake":{"delegator":"d","validator":"v","stake":{"denom":"u","amount":"`, "1", "", `"},"tx_id":1}}`, n)
		}},
		{name: "amount leading zeros", limit: MaxPacketSize, decode: decodeProvider, build: func(n int) []byte {
			return filled(`{"stake":{"delegator":"d","validator":"v","stake":{"denom":"u","amount":"`, "0", "", `7"},"tx_id":1}}`, n)
		}},
		{name: "stake escaped delegator", limit: MaxPacketSize, decode: decodeProvider, build: func(n int) []byte {
			return filled(`{"stake":{"delegator":"`, escaped, "", `","validator":"v","stake":`+coinJSON+`,"tx_id":1}}`, n)
		}},
		{name: "unstake long validator", limit: MaxPacketSize, decode: decodeProvider, build: func(n int) []byte {
			return filled(`{"unstake":{"delegator":"d","validator":"`, "v", "", `","unstake":`+coinJSON+`,"tx_id":1}}`, n)
		}},
		{name: "burn many validators", limit: MaxPacketSize, decode: decodeProvider, build: func(n int) []byte {
			return filled(`{"burn":{"validators":[`, `"junovaloper1qqqq"`, ",", `],"burn":`+coinJSON+`}}`, n)
		}},
		{name: "transfer_rewards coin with many unknown fields", limit: MaxPacketSize, decode: decodeProvider, build: func(n int) []byte {
			return filled(`{"transfer_rewards":{"rewards":{"denom":"u","amount":"1"`, `,"x":[[[0]]]`, "", `},"recipient":"r","tx_id":1}}`, n)
		}},
		{name: "valset_update many additions", limit: MaxPacketSize, decode: decodeConsumer, build: func(n int) []byte {
			return filled(`{"valset_update":{"height":1,"time":1,"additions":[`,
				`{"valoper":"junovaloper1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq","pub_key":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}`, ",",
				`],"removals":[],"updated":[],"jailed":[],"unjailed":[],"tombstoned":[],"slashed":[]}}`, n)
		}},
		{name: "valset_update many slashes", limit: MaxPacketSize, decode: decodeConsumer, build: func(n int) []byte {
			return filled(`{"valset_update":{"height":1,"time":1,"additions":[],"removals":[],"updated":[],"jailed":[],"unjailed":[],"tombstoned":[],"slashed":[`,
				`{"address":"junovaloper1q","infraction_height":1,"infraction_time":2,"power":3,"slash_amount":`+coinJSON+`,"slash_ratio":"0.05"}`, ",",
				`]}}`, n)
		}},
		{name: "internal_unstake escaped delegator", limit: MaxPacketSize, decode: decodeConsumer, build: func(n int) []byte {
			return filled(`{"internal_unstake":{"delegator":"`, escaped, "",
				`","validator":"v","normalize_amount":`+coinJSON+`,"inverted_amount":`+coinJSON+`}}`, n)
		}},
		{name: "distribute long validator", limit: MaxPacketSize, decode: decodeConsumer, build: func(n int) []byte {
			return filled(`{"distribute":{"validator":"`, "v", "", `","rewards":`+coinJSON+`}}`, n)
		}},
		{name: "distribute_batch many rewards", limit: MaxPacketSize, decode: decodeConsumer, build: func(n int) []byte {
			return filled(`{"distribute_batch":{"rewards":[`, `{"validator":"junovaloper1q","reward":"1000"}`, ",", `],"denom":"u"}}`, n)
		}},
		{name: "deep nesting", limit: MaxPacketSize, decode: decodeConsumer, want: ErrMalformedVariant, build: func(n int) []byte {
			return filled(`[`, strings.Repeat("[", 120)+strings.Repeat("]", 120), ",", `]`, n)
		}},
		{name: "duplicate keys", limit: MaxPacketSize, decode: decodeConsumer, want: ErrMalformedVariant, build: func(n int) []byte {
			return filled(`{`, `"distribute":0`, ",", `}`, n)
		}},
		{name: "ack result", limit: MaxPacketSize, decode: decodeAckBytes, build: func(n int) []byte {
			return filled(`{"result":"`, "AAAA", "", `"}`, n)
		}},
		{name: "ack error escaped", limit: MaxPacketSize, decode: decodeAckBytes, build: func(n int) []byte {
			return filled(`{"error":"`, escaped, "", `"}`, n)
		}},
		{name: "version many extensions", limit: MaxVersionSize, decode: decodeVersion, build: func(n int) []byte {
			return filled(`{"protocol":"mesh-security","version":"0.11.0","ext":[`, `"ext\u0041"`, ",", `]}`, n)
		}},
	}
}

// TestBenchmarkWorkloads pins what each benchmark input does, so the benchmarks measure the
// intended path: refused by size at 1 MiB, and below the limit decoded or refused as stated.
func TestBenchmarkWorkloads(t *testing.T) {
	for _, w := range packetWorkloads() {
		if err := w.decode(w.build(oneMiB))(); !errors.Is(err, ErrPacketTooLarge) {
			t.Fatalf("%s at 1 MiB: %v", w.name, err)
		}
		for _, size := range []int{w.limit / 16, w.limit} {
			err := w.decode(w.build(size))()
			if (w.want == nil && err != nil) || (w.want != nil && !errors.Is(err, w.want)) {
				t.Fatalf("%s at %d bytes: got %v, want %v", w.name, size, err, w.want)
			}
		}
	}
}

func BenchmarkDecodeLargeInput(b *testing.B) {
	for _, w := range packetWorkloads() {
		for _, size := range []int{oneMiB, w.limit / 16, w.limit} {
			input := w.build(size)
			decode := w.decode(input)
			b.Run(w.name+"/"+strconv.Itoa(size), func(b *testing.B) {
				b.SetBytes(int64(len(input)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					_ = decode()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(input)), "ns/byte")
			})
		}
	}
}

// BenchmarkParseAmount parses a 1 MiB amount string directly, past the packet size limit: the
// digit limit alone keeps it linear, whether it is refused (significant digits) or decoded
// (leading zeros).
func BenchmarkParseAmount(b *testing.B) {
	for _, c := range []struct{ name, text string }{
		{"digits", strings.Repeat("1", oneMiB)},
		{"leading zeros", strings.Repeat("0", oneMiB-1) + "7"},
	} {
		v := &jsonValue{kind: kindString, text: c.text}
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for i := 0; i < b.N; i++ {
				_, _ = parseAmount(v, "amount")
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(c.text)), "ns/byte")
		})
	}
}
