package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/internal/safecall"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// guard runs one block step in a cache context and commits it only on success; a failing or
// panicking step is discarded and reported in an EventStepFailed, so a block handler never fails.
func (k *Keeper) guard(ctx context.Context, pairingID, valoper string, fn func(ctx context.Context) error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cache, write := sdkCtx.CacheContext()
	err := safecall.Run(types.ErrStepFailed, "virtual staking step", func() error { return fn(cache) })
	if err == nil {
		write()
		return
	}
	sdkCtx.Logger().Error("virtual staking step failed", "pairing", pairingID, "validator", valoper, "err", err)
	k.emit(ctx, &types.EventStepFailed{PairingId: pairingID, Validator: valoper, Error: err.Error()})
}
