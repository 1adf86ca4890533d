package externalstaking_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/ibcproto"
)

// slashAll is a valset_update of height h reporting a downtime slash of every named validator.
func slashAll(h uint64, vals []string) ibcproto.ValsetUpdatePacket {
	pk := ibcproto.ValsetUpdatePacket{Height: h, Time: h}
	for _, v := range vals {
		pk.Slashed = append(pk.Slashed, ibcproto.ValidatorSlashInfo{Address: v, InfractionHeight: h - 1,
			InfractionTime: 1, Power: 1, SlashAmount: ibcproto.NewCoin("uprov", ints(1_000_000)), SlashRatio: "0.05"})
	}
	return pk
}

// BenchmarkRelayedThrottledSlashOfEveryValidator is the MsgRecvPacket of a valset_update slashing
// each of 100 validators, with the slash meter at 2%: 40 slashes apply, the rest queue. The
// cost grows with the validators reported, not with their stakers (each user's loss is settled
// later); 100 x 1 against 100 x 10 stakers shows it (larger populations take minutes to build
// through the keepers).
func BenchmarkRelayedThrottledSlashOfEveryValidator(b *testing.B) {
	vals := make([]string, 100)
	for i := range vals {
		vals[i] = fmt.Sprintf("val%03d", i)
	}
	for _, n := range []int{1, 10} {
		b.Run(fmt.Sprintf("validators=100/stakers=%d", n), func(b *testing.B) {
			p := newPair(b)
			ch := p.open()
			p.activate(ch, 1, vals...)
			for _, v := range vals {
				p.populate(ch.ChannelB, v, n)
			}
			p.guardParams("0.02", "0")
			var gas uint64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				require.NoError(b, p.cons.Queue(ch.ChannelA, slashAll(uint64(10+i), vals)))
				p.consumer.NextBlock()
				pending := p.link.PendingPackets()
				require.Len(b, pending, 1)
				b.StartTimer()
				require.NoError(b, p.link.ReceivePacket(pending[0]))
				gas += p.provider.LastTxGas()
				b.StopTimer()
				require.NoError(b, p.link.RelayAll())
				b.StartTimer()
			}
			b.ReportMetric(float64(gas)/float64(b.N), "gas/op")
			applied := uint64(0)
			for _, v := range vals {
				val, err := p.provider.App.ExternalStakingKeeper.Validators.Get(p.provider.Context(), collectionsJoin(v))
				require.NoError(b, err)
				applied += val.SlashCount
			}
			require.Equal(b, uint64(100*b.N), applied+p.guard().Tail, "every report applied or queued")
		})
	}
}
