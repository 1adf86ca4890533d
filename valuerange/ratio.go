package valuerange

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// decimalOne is 10^18, the number of atomics in one 18-digit decimal.
var decimalOne = new(big.Int).Exp(big.NewInt(10), big.NewInt(math.LegacyPrecision), nil)

// MulFloor returns ⌊x·ratio⌋ computed exactly, as the reference's mul_floor does.
func MulFloor(x math.Int, ratio math.LegacyDec) (math.Int, error) {
	return mulRatio(x, ratio, false)
}

// MulCeil returns ⌈x·ratio⌉ computed exactly, as the reference's mul_ceil does.
func MulCeil(x math.Int, ratio math.LegacyDec) (math.Int, error) {
	return mulRatio(x, ratio, true)
}

// Inverse returns 1/ratio as an 18-digit decimal rounded down, as the reference's Decimal.inv
// does. A zero or negative ratio is an error.
func Inverse(ratio math.LegacyDec) (math.LegacyDec, error) {
	if ratio.IsNil() || !ratio.IsPositive() {
		return math.LegacyDec{}, errorsmod.Wrap(ErrInvalidRatio, "inverse of a non-positive ratio")
	}
	num := new(big.Int).Mul(decimalOne, decimalOne)
	atomics := num.Quo(num, ratio.BigInt())
	if atomics.BitLen() > math.MaxBitLen {
		return math.LegacyDec{}, errorsmod.Wrap(ErrOverflow, "inverse too large")
	}
	return math.LegacyNewDecFromBigIntWithPrec(atomics, math.LegacyPrecision), nil
}

func mulRatio(x math.Int, ratio math.LegacyDec, ceil bool) (math.Int, error) {
	if err := checkAmount(x); err != nil {
		return math.Int{}, err
	}
	if ratio.IsNil() || ratio.IsNegative() {
		return math.Int{}, errorsmod.Wrap(ErrInvalidRatio, "negative or unset ratio")
	}
	prod := new(big.Int).Mul(x.BigInt(), ratio.BigInt())
	quo, rem := new(big.Int).QuoRem(prod, decimalOne, new(big.Int))
	if ceil && rem.Sign() > 0 {
		quo.Add(quo, big.NewInt(1))
	}
	if quo.BitLen() > math.MaxBitLen {
		return math.Int{}, errorsmod.Wrap(ErrOverflow, "product too large")
	}
	return math.NewIntFromBigInt(quo), nil
}
