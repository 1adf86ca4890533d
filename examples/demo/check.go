package main

import (
	"errors"
	"fmt"
	"time"

	sdkmath "cosmossdk.io/math"
)

// time10s is a margin past an unbonding period's end.
const time10s = 10 * time.Second

// equal reports a figure that differs from what the protocol promises.
func equal(what string, got, want sdkmath.Int) error {
	if got.Equal(want) {
		return nil
	}
	return fmt.Errorf("%s: got %s, want %s", what, got, want)
}

// all joins the mismatches of one step.
func all(errs ...error) error { return errors.Join(errs...) }
