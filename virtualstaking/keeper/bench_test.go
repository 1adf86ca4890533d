package keeper_test

import (
	"fmt"
	"testing"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/address"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	vstestutil "github.com/meshsecurity/mesh/virtualstaking/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// BenchmarkEpochBlockGas measures the gas of the end-blocks of one epoch with virtual stake on
// every validator of the chain (10 and 100), each validator's request standing for many provider
// delegators aggregated by the converter. The first epoch mints and delegates on every validator;
// each measured one then moves every target (half up, half down), withdrawing rewards on each.
// validators_per_block is 40, so at 100 validators the epoch spreads over several blocks:
// "blocks/epoch" counts them and "maxgas/block" is the heaviest, which the bound caps at about 40
// validators' worth however many validators there are. A native MsgDelegate on the same chain is
// reported as "ref-delegate-gas" for comparison.
func BenchmarkEpochBlockGas(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("validators=%d", n), func(b *testing.B) {
			e := newEnv(b, n, func(p *types.Params) { p.ValidatorsPerBlock = 40; p.EpochLength = 1000 })
			e.pairing("a", 1_000_000_000_000)
			for i := 0; i < n; i++ {
				e.request("a", i, 1_000_000)
			}
			e.epochNow()
			refGas := e.delegateGas()
			var total, heaviest uint64
			var blocks int
			b.ResetTimer()
			for iter := 0; iter < b.N; iter++ {
				for i := 0; i < n; i++ {
					e.request("a", i, int64(1_000_000+(iter%2+1)*(2*(i%2)-1)*100_000))
				}
				gas, maxBlock, count := e.measureEpoch()
				total, heaviest, blocks = total+gas, max(heaviest, maxBlock), blocks+count
			}
			b.ReportMetric(float64(total)/float64(b.N), "gas/epoch")
			b.ReportMetric(float64(heaviest), "maxgas/block")
			b.ReportMetric(float64(blocks)/float64(b.N), "blocks/epoch")
			b.ReportMetric(float64(refGas), "ref-delegate-gas")
		})
	}
}

// BenchmarkEpochGasThroughConverter measures an epoch's end-blocks with the real converter as the
// source of requests: 10 validators, each requested 10,000,000 in total by 10 and by 1,000
// provider delegators (10 × 1,000 requests recorded in the converter's state, as stake packets
// record them). Each measured epoch follows one delegator moving its stake on every validator (half
// up, half down by 100,000). Virtual staking reads one total per validator, so the gas does not
// depend on the number of delegators.
func BenchmarkEpochGasThroughConverter(b *testing.B) {
	const validators = 10
	for _, delegators := range []int{10, 1000} {
		b.Run(fmt.Sprintf("delegators=%d", delegators), func(b *testing.B) {
			e := newConverterEnv(b, validators, func(p *types.Params) { p.EpochLength = 1000 })
			ck := e.chain.App.ConverterKeeper
			ctx := e.chain.Context()
			require.NoError(b, ck.CreatePairing(ctx, vstestutil.ConverterPairing("a", math.NewInt(1_000_000_000_000), convertertypes.GOV_POLICY_ABSTAIN)))
			each := math.NewInt(int64(10_000_000 / delegators))
			for d := 0; d < delegators; d++ {
				for v := 0; v < validators; v++ {
					require.NoError(b, vstestutil.AddRequest(ctx, ck, "a", providerDelegator(d), e.val(v), each))
				}
			}
			e.epochNow()
			require.Equal(b, math.NewInt(10_000_000*validators), e.supply("a").Minted)
			refGas := e.delegateGas()
			var total, heaviest uint64
			b.ResetTimer()
			for iter := 0; iter < b.N; iter++ {
				ctx := e.chain.Context()
				for v := 0; v < validators; v++ {
					delta := math.NewInt(int64((2*(v%2) - 1) * 100_000))
					if iter%2 == 1 {
						delta = delta.Neg()
					}
					require.NoError(b, vstestutil.AddRequest(ctx, ck, "a", providerDelegator(0), e.val(v), delta))
				}
				gas, maxBlock, _ := e.measureEpoch()
				total, heaviest = total+gas, max(heaviest, maxBlock)
			}
			b.ReportMetric(float64(total)/float64(b.N), "gas/epoch")
			b.ReportMetric(float64(heaviest), "maxgas/block")
			b.ReportMetric(float64(delegators*validators), "requests")
			b.ReportMetric(float64(refGas), "ref-delegate-gas")
		})
	}
}

// providerDelegator is the d-th provider delegator's address.
func providerDelegator(d int) string {
	return sdk.AccAddress(address.Hash("provider-delegator", []byte(fmt.Sprint(d)))).String()
}

// delegateGas delivers a native MsgDelegate and returns its gas, the reference figure.
func (e *env) delegateGas() uint64 {
	user := e.chain.Accounts[0]
	gas, _, err := e.chain.DeliverTx(user, stakingtypes.NewMsgDelegate(user.Address.String(), e.val(0), e.coin(1_000_000)))
	require.NoError(e.t, err)
	return gas
}

// measureEpoch starts an epoch and produces blocks until it completes. Before each block, virtual
// staking's end-blocker runs on a cache of the committed state, where the epoch is due too, and its
// gas is measured. It returns the epoch's gas, its heaviest block's and its number of blocks.
func (e *env) measureEpoch() (total, heaviest uint64, blocks int) {
	e.t.Helper()
	require.NoError(e.t, e.k.NextEpoch.Set(e.chain.Context(), e.chain.Height()))
	for {
		ctx, _ := e.chain.Context().CacheContext()
		ctx = ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
		require.NoError(e.t, e.k.EndBlock(ctx))
		used := ctx.GasMeter().GasConsumed()
		total, heaviest, blocks = total+used, max(heaviest, used), blocks+1
		e.chain.NextBlock()
		run, err := e.k.Run.Get(e.chain.Context())
		require.NoError(e.t, err)
		if run.Phase == types.EPOCH_PHASE_IDLE {
			return total, heaviest, blocks
		}
		require.Less(e.t, blocks, 100, "epoch did not complete")
	}
}
