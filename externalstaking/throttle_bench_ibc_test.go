package externalstaking_test

import (
	"encoding/binary"
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil/storeops"
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

// seedStakers writes n committed cross-stakes of 1,000 on each named validator, each by a user of
// its own, straight into external staking's collections: positions, per-user position counts,
// validator totals and the pairing's running total, as committed stakes leave them. The vault's
// side of the stakes is not written: neither a valset_update nor a block step reads it.
func (p *pair) seedStakers(vals []string, n int) {
	ctx := p.provider.Context()
	k := p.provider.App.ExternalStakingKeeper
	pairing, err := k.GetPairing(ctx, pairingID)
	require.NoError(p.t, err)
	stake, zero := sdkmath.NewInt(1_000), sdkmath.ZeroInt()
	added := zero
	user := uint64(0)
	for _, name := range vals {
		v, err := k.Validators.Get(ctx, collectionsJoin(name))
		require.NoError(p.t, err)
		require.True(p.t, v.Shares.IsZero(), "seeding starts from a validator without stake")
		for i := 0; i < n; i++ {
			user++
			owner := make(sdk.AccAddress, 20)
			binary.BigEndian.PutUint64(owner[12:], user)
			pos := types.Position{Shares: stake, UnstakingShares: zero, PendingStake: zero, Settled: stake,
				RewardAlignment: zero, Withdrawn: zero, SlashSeen: v.SlashCount, Generation: pairing.Generation}
			require.NoError(p.t, k.Positions.Set(ctx, collections.Join3(pairingID, owner, name), pos))
			require.NoError(p.t, k.PositionCount.Set(ctx, collections.Join(pairingID, owner), 1))
		}
		worth := stake.MulRaw(int64(n))
		v.Shares, v.Tokens = worth, worth
		require.NoError(p.t, k.Validators.Set(ctx, collectionsJoin(name), v))
		added = added.Add(worth)
	}
	require.NoError(p.t, k.CrossStake.Set(ctx, pairingID, added))
	require.NoError(p.t, k.CheckCrossStake(ctx))
	p.provider.NextBlock()
}

// meterParams sets the slash meter to fraction of the cross-stake per day, breaker off.
func (p *pair) meterParams(fraction string) {
	k := p.provider.App.ExternalStakingKeeper
	params, err := k.Params.Get(p.provider.Context())
	require.NoError(p.t, err)
	params.SlashMeterFraction = sdkmath.LegacyMustNewDecFromStr(fraction)
	params.SlashMeterPeriod = 24 * time.Hour
	params.BreakerThreshold = sdkmath.LegacyZeroDec()
	require.NoError(p.t, k.Params.Set(p.provider.Context(), params))
}

// BenchmarkRelayedThrottledSlashOfEveryValidator slashes each of 100 validators, with 10 and
// with 1,000 cross-stakers each (seeded straight into state), with the slash meter at 2% a day:
//   - MsgRecvPacket is the relayed transaction of a valset_update reporting all 100: of the first
//     packet 40 slashes apply and the rest queue, every later packet queues all 100;
//   - EndBlock is external staking's block step while that queue waits for the meter.
//
// Neither depends on the number of stakers: a slash is recorded per validator (each user's loss
// is settled later, alone) and the meter reads the pairing's running total of cross-stake.
func BenchmarkRelayedThrottledSlashOfEveryValidator(b *testing.B) {
	vals := make([]string, 100)
	for i := range vals {
		vals[i] = fmt.Sprintf("val%03d", i)
	}
	for _, n := range []int{10, 1_000} {
		b.Run(fmt.Sprintf("validators=100/stakers=%d", n), func(b *testing.B) {
			p := newPair(b)
			ch := p.open()
			p.activate(ch, 1, vals...)
			p.seedStakers(vals, n)
			p.meterParams("0.02")
			packets := 0
			b.Run("MsgRecvPacket", func(b *testing.B) {
				var gas uint64
				var ops storeops.Counts
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					packets++
					require.NoError(b, p.cons.Queue(ch.ChannelA, slashAll(uint64(10+packets), vals)))
					p.consumer.NextBlock()
					pending := p.link.PendingPackets()
					require.Len(b, pending, 1)
					b.StartTimer()
					require.NoError(b, p.link.ReceivePacket(pending[0]))
					gas, ops = gas+p.provider.LastTxGas(), ops.Plus(p.provider.LastTxStoreOps())
					b.StopTimer()
					require.NoError(b, p.link.RelayAll())
					b.StartTimer()
				}
				b.ReportMetric(float64(gas)/float64(b.N), "gas/op")
				storeops.ReportPerOp(b, ops, b.N)
			})
			b.Run("EndBlock while queued", func(b *testing.B) {
				g := p.guard()
				require.Greater(b, g.Tail, g.Head, "reports wait for the meter")
				var gas uint64
				var ops storeops.Counts
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					meter := storeops.Wrap(storetypes.NewInfiniteGasMeter(), &ops)
					ctx, _ := p.provider.Context().WithGasMeter(meter).CacheContext()
					require.NoError(b, p.provider.App.ExternalStakingKeeper.EndBlock(ctx))
					gas += meter.GasConsumed()
				}
				b.ReportMetric(float64(gas)/float64(b.N), "gas/op")
				storeops.ReportPerOp(b, ops, b.N)
				require.Equal(b, g, p.guard(), "nothing applied while the meter is spent")
			})
			applied := uint64(0)
			for _, v := range vals {
				val, err := p.provider.App.ExternalStakingKeeper.Validators.Get(p.provider.Context(), collectionsJoin(v))
				require.NoError(b, err)
				applied += val.SlashCount
			}
			g := p.guard()
			require.Equal(b, uint64(100*packets), applied+g.Tail-g.Head, "every report applied or queued")
			require.Equal(b, uint64(40), applied, "2% of the cross-stake: 40 slashes of 5% of a validator's 1/100")
			require.NoError(b, p.provider.App.ExternalStakingKeeper.CheckCrossStake(p.provider.Context()))
		})
	}
}
