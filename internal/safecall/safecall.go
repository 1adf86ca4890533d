// Package safecall runs code that must not take a block, packet or acknowledgement handler down
// with it: a panic inside becomes an error the caller can fall back on.
package safecall

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Run runs fn and returns its error. A panic inside fn is returned as base, wrapped with what and
// the panic's text; running out of gas is not a fault of fn and keeps unwinding, so the
// transaction still fails as baseapp expects.
func Run(base *errorsmod.Error, what string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, outOfGas := r.(storetypes.ErrorOutOfGas); outOfGas {
				panic(r)
			}
			err = base.Wrapf("%s panicked: %s", what, text(r))
		}
	}()
	return fn()
}

// text is a recovered panic value as text; an error gives its message only, never the stack
// frames an error's %v formatting may carry.
func text(r any) string {
	if err, ok := r.(error); ok {
		return err.Error()
	}
	return fmt.Sprint(r)
}

// Step runs one step of a block handler in a cache context and keeps what it changed only when
// it ends normally. A panic inside (running out of gas aside, which keeps unwinding) becomes an
// error wrapping base: it is logged as a failed block step of module and handed to failed, which
// reports it; the block goes on.
func Step(ctx sdk.Context, base *errorsmod.Error, module, step string, run func(sdk.Context), failed func(error)) {
	cache, write := ctx.CacheContext()
	err := Run(base, step, func() error {
		run(cache)
		return nil
	})
	if err != nil {
		ctx.Logger().Error(module+" block step failed", "step", step, "error", err.Error())
		failed(err)
		return
	}
	write()
}
