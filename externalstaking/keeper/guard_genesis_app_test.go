package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

func TestGenesisKeepsTheSlashQueue(t *testing.T) {
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
	// 1% of 1,000 is 10: valA's 25 applies as the period's first, valB's waits.
	require.True(t, e.receive(slashReport("valA", 3, 1_000, "0.05", false)).Success())
	require.True(t, e.receive(slashReport("valB", 3, 1_000, "0.05", false)).Success())

	ctx = e.chain.Context()
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
