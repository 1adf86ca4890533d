package keeper_test

import (
	"testing"

	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"
)

// TestBlockStepPanicIsDiscarded runs EndBlock steps under their guard: a step that panics after
// changing state leaves nothing behind, is logged and reported by an event, and the block goes
// on; a step that ends normally keeps its change; running out of gas keeps unwinding.
func TestBlockStepPanicIsDiscarded(t *testing.T) {
	e := newEnv(t)
	ctx := e.chain.Context()
	before, err := e.k.Params.Get(ctx)
	require.NoError(t, err)
	e.k.BlockStep(ctx, "flushing the outbox", func(c sdk.Context) {
		p := before
		p.MaxPacketsPerBlock = before.MaxPacketsPerBlock + 7
		require.NoError(t, e.k.Params.Set(c, p))
		var none map[string]int
		none["x"] = 1
	})
	after, err := e.k.Params.Get(ctx)
	require.NoError(t, err)
	require.Equal(t, before.MaxPacketsPerBlock, after.MaxPacketsPerBlock)
	var failed []string
	for _, ev := range ctx.EventManager().Events() {
		if ev.Type == "meshsecurity.externalstaking.v1.EventBlockStepFailed" {
			for _, a := range ev.Attributes {
				failed = append(failed, a.Key+"="+a.Value)
			}
		}
	}
	require.ElementsMatch(t, []string{"step=flushing the outbox",
		"error=flushing the outbox panicked: assignment to entry in nil map: external staking accounting error"}, failed)

	e.k.BlockStep(ctx, "watching clients", func(c sdk.Context) {
		p := before
		p.MaxPacketsPerBlock = before.MaxPacketsPerBlock + 1
		require.NoError(t, e.k.Params.Set(c, p))
	})
	after, err = e.k.Params.Get(ctx)
	require.NoError(t, err)
	require.Equal(t, before.MaxPacketsPerBlock+1, after.MaxPacketsPerBlock)

	require.PanicsWithValue(t, storetypes.ErrorOutOfGas{Descriptor: "test"}, func() {
		e.k.BlockStep(ctx, "watching clients", func(sdk.Context) { panic(storetypes.ErrorOutOfGas{Descriptor: "test"}) })
	})
	require.NoError(t, e.k.EndBlock(ctx))
}
