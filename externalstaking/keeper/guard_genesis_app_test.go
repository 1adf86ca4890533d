package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// queuedEnv is a chain with a slash report waiting: a stakes 500 on valA and on valB, the meter
// lets 1% of 1,000 (10) through a period; valA's 25 applies as the period's first, valB's waits.
func queuedEnv(t *testing.T) *env {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA", "valB")
	e.committedStake(a, "valA", 500)
	e.committedStake(a, "valB", 500)
	ctx := e.chain.Context()
	params, err := e.k.Params.Get(ctx)
	require.NoError(t, err)
	params.SlashMeterFraction = sdkmath.LegacyNewDecWithPrec(1, 2)
	require.NoError(t, e.k.Params.Set(ctx, params))
	require.True(t, e.receive(slashReport("valA", 3, 1_000, "0.05", false)).Success())
	require.True(t, e.receive(slashReport("valB", 3, 1_000, "0.05", false)).Success())
	return e
}

func TestGenesisKeepsTheSlashQueue(t *testing.T) {
	e := queuedEnv(t)
	ctx := e.chain.Context()
	exported, err := e.k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.Len(t, exported.SlashGuards, 1)
	gg := exported.SlashGuards[0]
	require.Equal(t, pairingID, gg.Pairing)
	require.Equal(t, "25", gg.Guard.Spent.String())
	require.Equal(t, "25", gg.Guard.Queued.String())
	require.Len(t, gg.Queue, 1)
	require.Equal(t, "valB", gg.Queue[0].Validator)

	fresh, _ := ctx.CacheContext()
	for _, clear := range []func() error{
		func() error { return e.k.SlashGuards.Clear(fresh, nil) },
		func() error { return e.k.SlashQueue.Clear(fresh, nil) },
		func() error { return e.k.QueuedForVal.Clear(fresh, nil) },
	} {
		require.NoError(t, clear())
	}
	require.NoError(t, e.k.InitGenesisGuards(fresh, exported.SlashGuards))
	again, err := e.k.ExportGenesis(fresh)
	require.NoError(t, err)
	require.Equal(t, exported, again)
	n, err := e.k.QueuedForVal.Get(fresh, collections.Join(pairingID, "valB"))
	require.NoError(t, err)
	require.Equal(t, uint64(1), n)
}

func TestGenesisValidationOfMetersQueuesAndTotals(t *testing.T) {
	e := queuedEnv(t)
	exported, err := e.k.ExportGenesis(e.chain.Context())
	require.NoError(t, err)
	require.NoError(t, exported.Validate())
	require.Len(t, exported.SlashGuards, 1)
	require.Len(t, exported.SlashGuards[0].Queue, 1)
	require.Len(t, exported.CrossStakes, 1)
	require.Equal(t, "975", exported.CrossStakes[0].Amount.String(), "1,000 less valA's 25")
	bz, err := exported.Marshal()
	require.NoError(t, err)
	neg, over := ints(-1), sdkmath.LegacyNewDec(2)
	guard := func(gs *types.GenesisState) *types.GenesisSlashGuard { return &gs.SlashGuards[0] }
	head := func(gs *types.GenesisState) *types.QueuedSlash { return &gs.SlashGuards[0].Queue[0] }
	cases := map[string]func(*types.GenesisState){
		"guard of an unknown pairing": func(gs *types.GenesisState) { guard(gs).Pairing = "nope" },
		"two guards for a pairing":    func(gs *types.GenesisState) { gs.SlashGuards = append(gs.SlashGuards, gs.SlashGuards[0]) },
		"negative spent":              func(gs *types.GenesisState) { guard(gs).Guard.Spent = neg },
		"queued unset":                func(gs *types.GenesisState) { guard(gs).Guard.Queued = sdkmath.Int{} },
		"negative suspect":            func(gs *types.GenesisState) { guard(gs).Guard.Suspect = neg },
		"tail before head":            func(gs *types.GenesisState) { guard(gs).Guard.Head = guard(gs).Guard.Tail + 1 },
		"tail beyond the queue":       func(gs *types.GenesisState) { guard(gs).Guard.Tail++ },
		"report without validator":    func(gs *types.GenesisState) { head(gs).Validator = "" },
		"report without arrival time": func(gs *types.GenesisState) { head(gs).ReceivedAt = time.Time{} },
		"negative estimate":           func(gs *types.GenesisState) { head(gs).Estimate = neg },
		"ratio above one":             func(gs *types.GenesisState) { head(gs).Ratio = &over },
		"negative amount":             func(gs *types.GenesisState) { head(gs).Amount = &neg },
		"queued off the estimates":    func(gs *types.GenesisState) { guard(gs).Guard.Queued = ints(24) },
		"reports out of order": func(gs *types.GenesisState) {
			g := guard(gs)
			earlier := g.Queue[0]
			earlier.ReceivedAt = earlier.ReceivedAt.Add(-time.Second)
			g.Queue = append(g.Queue, earlier)
			g.Guard.Tail++
			g.Guard.Queued = g.Guard.Queued.Add(earlier.Estimate)
		},
		"total of an unknown pairing": func(gs *types.GenesisState) { gs.CrossStakes[0].Pairing = "nope" },
		"two totals for a pairing":    func(gs *types.GenesisState) { gs.CrossStakes = append(gs.CrossStakes, gs.CrossStakes[0]) },
		"negative total":              func(gs *types.GenesisState) { gs.CrossStakes[0].Amount = neg },
		"total off the validators":    func(gs *types.GenesisState) { gs.CrossStakes[0].Amount = ints(976) },
		"total missing":               func(gs *types.GenesisState) { gs.CrossStakes = nil },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			var gs types.GenesisState
			require.NoError(t, gs.Unmarshal(bz))
			require.NoError(t, gs.Validate(), "the copy is valid before the change")
			mutate(&gs)
			require.ErrorIs(t, gs.Validate(), types.ErrInvalidGenesis)
		})
	}
}
