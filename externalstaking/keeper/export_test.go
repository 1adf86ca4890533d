package keeper

import sdk "github.com/cosmos/cosmos-sdk/types"

// BlockStep lets tests run a step of EndBlock under its guard.
func (k *Keeper) BlockStep(ctx sdk.Context, step string, run func(sdk.Context)) {
	k.blockStep(ctx, step, run)
}
