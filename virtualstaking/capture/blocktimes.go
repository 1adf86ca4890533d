package capture

import (
	"context"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// prunePerBlock is how many expired heights BeginBlock drops at most: more than the one it adds,
// so the ring shrinks back after the evidence limits are lowered.
const prunePerBlock = 4

// BeginBlock records the block's time for its height and drops heights that are past both
// evidence limits (x/evidence accepts evidence within either the block limit or the time limit).
func (k *Keeper) BeginBlock(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if err := k.blockTimes.Set(ctx, sdkCtx.BlockHeight(), sdkCtx.BlockTime().UnixNano()); err != nil {
		k.logger.Error("block time not recorded", "height", sdkCtx.BlockHeight(), "error", err)
		return nil
	}
	k.pruneBlockTimes(sdkCtx)
	return nil
}

// pruneBlockTimes removes up to prunePerBlock of the oldest heights that no evidence can reach.
func (k *Keeper) pruneBlockTimes(ctx sdk.Context) {
	maxBlocks, maxAge := int64(0), time.Duration(0)
	if evidence := ctx.ConsensusParams().Evidence; evidence != nil {
		maxBlocks, maxAge = evidence.MaxAgeNumBlocks, evidence.MaxAgeDuration
	}
	var expired []int64
	err := k.blockTimes.Walk(ctx, nil, func(height, nanos int64) (bool, error) {
		tooOld := ctx.BlockHeight()-height > maxBlocks && ctx.BlockTime().Sub(time.Unix(0, nanos)) > maxAge
		if tooOld {
			expired = append(expired, height)
		}
		return !tooOld || len(expired) >= prunePerBlock, nil
	})
	if err != nil {
		k.logger.Error("block times not pruned", "error", err)
		return
	}
	for _, height := range expired {
		if err := k.blockTimes.Remove(ctx, height); err != nil {
			k.logger.Error("block time not pruned", "height", height, "error", err)
		}
	}
}

// blockTime is the recorded time of the block at height. A height the ring does not hold (before
// the keeper was installed, or already pruned) gives the current block's time, logged.
func (k *Keeper) blockTime(ctx context.Context, height int64) time.Time {
	nanos, err := k.blockTimes.Get(ctx, height)
	if err != nil {
		sdkCtx := sdk.UnwrapSDKContext(ctx)
		k.logger.Error("infraction time unknown, using the current block's", "height", height, "error", err)
		return sdkCtx.BlockTime()
	}
	return time.Unix(0, nanos).UTC()
}

// BlockTime returns the recorded time of the block at height, and whether the ring holds it.
func (k *Keeper) BlockTime(ctx context.Context, height int64) (time.Time, bool) {
	nanos, err := k.blockTimes.Get(ctx, height)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(0, nanos).UTC(), true
}
