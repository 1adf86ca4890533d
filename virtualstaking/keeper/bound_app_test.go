package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// TestEpochWorkIsBoundedPerBlock: with 6 validators requested and 2 entries per block, an epoch
// spreads over several blocks, no block rebalances more than 2 validators, and the result is the
// same as in one block.
func TestEpochWorkIsBoundedPerBlock(t *testing.T) {
	e := newEnv(t, 6, func(p *types.Params) { p.ValidatorsPerBlock = 2; p.EpochLength = 50 })
	e.untilEpochNext()
	e.pairing("a", 24_000_000)
	for i := 0; i < 6; i++ {
		e.request("a", i, 8_000_000) // 48M requested, cap 24M: each target 4M
	}
	blocks := 0
	for {
		res := e.chain.NextBlock()
		e.checkInvariants()
		blocks++
		rebalanced := 0
		for _, ev := range res.Events {
			if ev.Type == "meshsecurity.virtualstaking.v1.EventRebalanced" {
				rebalanced++
			}
		}
		require.LessOrEqual(t, rebalanced, 2, "block %d", blocks)
		run, err := e.k.Run.Get(e.chain.Context())
		require.NoError(t, err)
		if run.Phase == types.EPOCH_PHASE_IDLE {
			break
		}
		require.Less(t, blocks, 20)
	}
	require.GreaterOrEqual(t, blocks, 6, "3 blocks to sum, 3 to apply")
	for i := 0; i < 6; i++ {
		require.Equal(t, math.NewInt(4_000_000), e.target("a", i))
	}
	require.Equal(t, math.NewInt(24_000_000), e.supply("a").Minted)
}
