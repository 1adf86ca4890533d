package types

import (
	"fmt"
	"math/big"

	"cosmossdk.io/math"
)

// The accounting keeps a validator's shares (and so its tokens, never more than its shares)
// below MaxValidatorShares and its points per share below MaxPointsPerShare. Every product the
// share and reward arithmetic forms (shares·tokens, shares·points per share, and their sums) then
// stays below 2^251, inside the 256 bits an Int holds: stakes, rewards and packets that would
// cross a bound are refused instead.
var (
	// MaxValidatorShares bounds the shares and the tokens of one validator: 2^120.
	MaxValidatorShares = math.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), 120))
	// MaxPointsPerShare bounds a validator's rewards accumulator: 2^130.
	MaxPointsPerShare = math.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), 130))
)

// validate checks a validator's figures are set, non-negative and within the bounds.
func (v Validator) validate() error {
	for _, f := range []struct {
		name  string
		value math.Int
		max   math.Int
	}{
		{"shares", v.Shares, MaxValidatorShares},
		{"tokens", v.Tokens, MaxValidatorShares},
		{"points_per_share", v.PointsPerShare, MaxPointsPerShare},
		{"points_leftover", v.PointsLeftover, MaxValidatorShares},
	} {
		if f.value.IsNil() || f.value.IsNegative() || f.value.GTE(f.max) {
			return fmt.Errorf("%s is missing or out of range", f.name)
		}
	}
	return nil
}
