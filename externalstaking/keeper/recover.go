package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/internal/safecall"
)

// recovered runs fn and turns a panic inside it into an ErrAccounting error, for handlers that
// must answer packets and blocks whatever the consumer sent.
func recovered(what string, fn func() error) error {
	return safecall.Run(types.ErrAccounting, what, fn)
}

// blockStep runs one step of EndBlock in a cache context and keeps what it changed only when it
// ends normally; a panic is logged and reported by an event, and the block goes on.
func (k *Keeper) blockStep(ctx sdk.Context, step string, run func(sdk.Context)) {
	safecall.Step(ctx, types.ErrAccounting, "external staking", step, run, func(err error) {
		_ = k.emit(ctx, &types.EventBlockStepFailed{Step: step, Error: err.Error()})
	})
}
