package keeper

import (
	"fmt"

	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// recovered runs fn and turns a panic inside it into an ErrAccounting error, for handlers that
// must answer packets and blocks whatever the consumer sent. Running out of gas is not a fault
// of the handler and keeps unwinding.
func recovered(what string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, outOfGas := r.(storetypes.ErrorOutOfGas); outOfGas {
				panic(r)
			}
			err = types.ErrAccounting.Wrapf("%s panicked: %s", what, panicText(r))
		}
	}()
	return fn()
}

// panicText is a recovered panic value as text; an error gives its message only.
func panicText(r any) string {
	if err, ok := r.(error); ok {
		return err.Error()
	}
	return fmt.Sprint(r)
}

// blockStep runs one step of EndBlock in a cache context and keeps what it changed only when it
// ends normally; a panic is logged and reported by an event, and the block goes on.
func (k *Keeper) blockStep(ctx sdk.Context, step string, run func(sdk.Context)) {
	cache, write := ctx.CacheContext()
	err := recovered(step, func() error {
		run(cache)
		return nil
	})
	if err != nil {
		ctx.Logger().Error("external staking block step failed", "step", step, "error", err.Error())
		_ = k.emit(ctx, &types.EventBlockStepFailed{Step: step, Error: err.Error()})
		return
	}
	write()
}
