// Package safecall runs code that must not take a block, packet or acknowledgement handler down
// with it: a panic inside becomes an error the caller can fall back on.
package safecall

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	storetypes "cosmossdk.io/store/types"
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
