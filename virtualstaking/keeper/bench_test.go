package keeper_test

import (
	"fmt"
	"testing"

	storetypes "cosmossdk.io/store/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// BenchmarkEpochBlockGas measures the gas of the end-blocks of one epoch with virtual stake on
// every validator of the chain (10 and 100), each validator's request standing for 1,000 provider
// delegators aggregated by the converter (virtual staking reads one figure per validator, so the
// number of delegators does not appear). The first epoch mints and delegates on every validator;
// the measured one then moves every target (half up, half down), withdrawing rewards on each.
// validators_per_block is 40, so at 100 validators the epoch spreads over several blocks:
// "blocks/epoch" counts them and "maxgas/block" is the heaviest. A native MsgDelegate on the same
// chain is reported as "ref-delegate-gas" for comparison.
func BenchmarkEpochBlockGas(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("validators=%d", n), func(b *testing.B) {
			e := newEnv(b, n, func(p *types.Params) { p.ValidatorsPerBlock = 40; p.EpochLength = 1000 })
			e.pairing("a", 1_000_000_000_000)
			for i := 0; i < n; i++ {
				e.request("a", i, 1_000_000)
			}
			e.epoch()
			user := e.chain.Accounts[0]
			refGas, _, err := e.chain.DeliverTx(user, stakingtypes.NewMsgDelegate(user.Address.String(), e.val(0), e.coin(1_000_000)))
			require.NoError(b, err)
			var total, maxBlock uint64
			var blocks int
			b.ResetTimer()
			for iter := 0; iter < b.N; iter++ {
				for i := 0; i < n; i++ {
					e.request("a", i, int64(1_000_000+(iter+1)*(2*(i%2)-1)*100_000))
				}
				require.NoError(b, e.k.NextEpoch.Set(e.chain.Context(), e.chain.Height()))
				for {
					ctx, _ := e.chain.Context().CacheContext()
					ctx = ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
					require.NoError(b, e.k.EndBlock(ctx))
					used := ctx.GasMeter().GasConsumed()
					total += used
					maxBlock = max(maxBlock, used)
					blocks++
					e.chain.NextBlock()
					run, err := e.k.Run.Get(e.chain.Context())
					require.NoError(b, err)
					if run.Phase == types.EPOCH_PHASE_IDLE {
						break
					}
				}
			}
			b.ReportMetric(float64(total)/float64(b.N), "gas/epoch")
			b.ReportMetric(float64(maxBlock), "maxgas/block")
			b.ReportMetric(float64(blocks)/float64(b.N), "blocks/epoch")
			b.ReportMetric(float64(refGas), "ref-delegate-gas")
		})
	}
}
