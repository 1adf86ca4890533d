package keeper_test

import (
	"flag"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

var (
	randomSteps = flag.Int("vs.steps", 2000, "steps of the randomised virtual staking test")
	randomSeed  = flag.Int64("vs.seed", 20261206, "seed of the randomised virtual staking test")
)

// TestRandomisedEpochs interleaves requests, price staleness, cap and limit changes, epochs that
// span several blocks, downtime slashes and jailing, double-signs with tombstoning, and maturing
// unbonding entries, checking the invariants after every step. The seed and step count are flags.
func TestRandomisedEpochs(t *testing.T) {
	rng := rand.New(rand.NewSource(*randomSeed))
	e := newEnv(t, 6, func(p *types.Params) {
		p.EpochLength = 3
		p.ValidatorsPerBlock = 4
		p.AccountsPerPairing = 2
		p.UnwindBatch = 2
		p.MaxVirtualFraction = math.LegacyNewDecWithPrec(3, 1)
	}, maxEntries(3))
	pairings := []string{"p1", "p2", "p3"}
	for _, id := range pairings {
		e.pairing(id, 50_000_000)
	}
	jailed := map[int]bool{}
	absent, absentUntil := -1, int64(0)
	tombstones := 0
	for step := 0; step < *randomSteps; step++ {
		what := e.randomAction(rng, pairings, jailed, &absent, &absentUntil, &tombstones)
		if absent >= 0 && e.chain.Height() >= absentUntil {
			e.chain.SetPresent(e.chain.Validators[absent])
			absent = -1
		}
		res := e.chain.NextBlock()
		ctx := e.chain.Context()
		if err := e.k.CheckSupply(ctx); err != nil {
			for _, ev := range res.Events {
				if len(ev.Type) > 12 && ev.Type[:12] == "meshsecurity" {
					t.Logf("%s %v", ev.Type, ev.Attributes)
				}
			}
			for _, id := range pairings {
				s, _ := e.k.Supplies.Get(ctx, id)
				t.Logf("%s %+v", id, s)
			}
		}
		require.NoError(t, e.k.CheckAllowance(ctx), "step %d (%s)", step, what)
		require.NoError(t, e.k.CheckSupply(ctx), "step %d (%s)", step, what)
		for _, id := range pairings {
			if s, err := e.k.Supplies.Get(ctx, id); err == nil {
				require.False(t, s.Outstanding().IsNegative(), "step %d: %s outstanding %s", step, id, s.Outstanding())
				drift, n, err := e.k.SupplyDrift(ctx, id)
				require.NoError(t, err)
				require.True(t, drift.Abs().LTE(math.NewInt(int64(n))), "step %d: %s drifted %s over %d delegations", step, id, drift, n)
			}
		}
	}
	minted := math.ZeroInt()
	for _, id := range pairings {
		if s, err := e.k.Supplies.Get(e.chain.Context(), id); err == nil {
			minted = minted.Add(s.Minted)
		}
	}
	require.True(t, minted.IsPositive(), "the run minted virtual stake")
	t.Logf("seed %d, %d steps: minted %s, %d validators jailed, %d tombstoned", *randomSeed, *randomSteps, minted, len(jailed), tombstones)
}

// randomAction changes one thing before the next block and names it.
func (e *env) randomAction(rng *rand.Rand, pairings []string, jailed map[int]bool, absent *int, absentUntil *int64, tombstones *int) string {
	id := pairings[rng.Intn(len(pairings))]
	val := rng.Intn(len(e.chain.Validators))
	switch r := rng.Intn(100); {
	case r < 35:
		amount := int64(rng.Intn(5)) * 4_000_000
		e.request(id, val, amount)
		return fmt.Sprintf("request %s %d %d", id, val, amount)
	case r < 43:
		caps := []int64{0, 5_000_000, 20_000_000, 50_000_000, 100_000_000}
		c := caps[rng.Intn(len(caps))]
		e.conv.Views[id].MaxCap = math.NewInt(c)
		return fmt.Sprintf("cap %s %d", id, c)
	case r < 48:
		e.conv.Stale[id] = !e.conv.Stale[id]
		return fmt.Sprintf("stale %s %v", id, e.conv.Stale[id])
	case r < 51:
		params, err := e.k.Params.Get(e.chain.Context())
		require.NoError(e.t, err)
		params.MaxVirtualFraction = math.LegacyNewDecWithPrec(int64(1+rng.Intn(3)), 1)
		require.NoError(e.t, e.k.Params.Set(e.chain.Context(), params))
		return "fraction " + params.MaxVirtualFraction.String()
	case r < 53 && *absent < 0 && len(jailed) < 2 && !jailed[val]:
		e.chain.SetAbsent(e.chain.Validators[val])
		*absent, *absentUntil = val, e.chain.Height()+testutil.DefaultSignedBlocksWindow+2
		jailed[val] = true
		return fmt.Sprintf("downtime %d", val)
	case r < 54 && *tombstones == 0 && !jailed[val]:
		require.NoError(e.t, e.chain.InjectDoubleSign(e.chain.Validators[val]))
		jailed[val] = true
		*tombstones++
		return fmt.Sprintf("double-sign %d", val)
	case r < 56:
		require.NoError(e.t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod/2+time.Second))
		return "time"
	}
	return "block"
}
