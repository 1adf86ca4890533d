package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// BlockStep lets tests run a step of EndBlock under its guard.
func (k *Keeper) BlockStep(ctx sdk.Context, step string, run func(sdk.Context)) {
	k.blockStep(ctx, step, run)
}

// InitGenesisGuards lets tests load only the slash guards of a genesis state.
func (k *Keeper) InitGenesisGuards(ctx sdk.Context, guards []types.GenesisSlashGuard) error {
	return k.initGuards(ctx, guards)
}
