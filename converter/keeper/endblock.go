package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/converter/types"
)

// EndBlock ends a batch of retiring validators' requests, drains the report queue into valset
// drafts, then sends at most one valset_update per
// pairing and the queued packets, within the per-block bound. It never fails: problems become
// events, and a step that panics is discarded on its own.
func (k *Keeper) EndBlock(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil
	}
	k.blockStep(sdkCtx, "retiring requests", func(c sdk.Context) {
		cache, write := c.CacheContext()
		if err := k.retireRequests(cache, RetireBatch); err != nil {
			k.emit(c, &types.EventBlockStepFailed{Step: "retiring requests", Error: err.Error()})
			return
		}
		write()
	})
	k.blockStep(sdkCtx, "draining reports", func(c sdk.Context) { k.drainReports(c, params) })
	var used uint32
	k.blockStep(sdkCtx, "sending valset updates", func(c sdk.Context) {
		used = k.flushValsets(c, params, params.MaxPacketsPerBlock)
	})
	k.blockStep(sdkCtx, "flushing the outbox", func(c sdk.Context) {
		if used < params.MaxPacketsPerBlock {
			k.flushOutbox(c, params, params.MaxPacketsPerBlock-used)
		}
	})
	return nil
}
