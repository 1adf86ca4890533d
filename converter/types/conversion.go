package types

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// MaxAmountBits bounds every amount the converter stores or converts (the wire protocol's
// 128 bits).
const MaxAmountBits = 128

// Normalize converts a remote amount to local tokens: floor(floor(remote * price) * adjustment),
// with adjustment = 1 - discount. For 1000 at price 0.5 and discount 0.4 it gives 300.
func Normalize(remote math.Int, price, adjustment math.LegacyDec) (math.Int, error) {
	if err := checkConversion(remote, price, adjustment); err != nil {
		return math.Int{}, err
	}
	value := price.MulInt(remote).TruncateInt()
	return adjustment.MulInt(value).TruncateInt(), nil
}

// Invert converts a local amount to remote tokens: floor(floor(local * inv(price)) *
// inv(adjustment)), each inverse floored to 18 decimals. The round trip loses a little: 600 at
// price 0.5 and discount 0.4 gives 1999.
func Invert(local math.Int, price, adjustment math.LegacyDec) (math.Int, error) {
	if err := checkConversion(local, price, adjustment); err != nil {
		return math.Int{}, err
	}
	if !adjustment.IsPositive() {
		return math.Int{}, errorsmod.Wrap(ErrInvalidPrice, "adjustment must be positive")
	}
	one := math.LegacyOneDec()
	value := one.QuoTruncate(price).MulInt(local).TruncateInt()
	return one.QuoTruncate(adjustment).MulInt(value).TruncateInt(), nil
}

// checkConversion refuses inputs outside the bounds in which the decimal arithmetic is exact
// and cannot overflow.
func checkConversion(amount math.Int, price, adjustment math.LegacyDec) error {
	if amount.IsNil() || amount.IsNegative() || amount.BigInt().BitLen() > MaxAmountBits {
		return errorsmod.Wrapf(ErrOverflow, "amount must be in [0, 2^%d)", MaxAmountBits)
	}
	if err := ValidatePrice(price); err != nil {
		return err
	}
	if adjustment.IsNil() || adjustment.IsNegative() || adjustment.GT(math.LegacyOneDec()) {
		return errorsmod.Wrap(ErrInvalidPrice, "adjustment must be in [0, 1]")
	}
	return nil
}

// maxAmount is 2^MaxAmountBits.
var maxAmount = math.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), MaxAmountBits))

// CheckAmount refuses a nil, negative or too large amount.
func CheckAmount(a math.Int) error {
	if a.IsNil() || a.IsNegative() || a.GTE(maxAmount) {
		return errorsmod.Wrapf(ErrOverflow, "amount must be in [0, 2^%d)", MaxAmountBits)
	}
	return nil
}
