package valuerange

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// checkAmount accepts set, non-negative integers.
func checkAmount(v math.Int) error {
	if v.IsNil() || v.IsNegative() {
		return ErrNegative
	}
	return nil
}

// add returns a+b for non-negative amounts, or ErrOverflow past the integer limit.
func add(a, b math.Int) (math.Int, error) {
	if err := checkAmount(b); err != nil {
		return a, err
	}
	if err := checkAmount(a); err != nil {
		return a, err
	}
	out, err := a.SafeAdd(b)
	if err != nil {
		return a, errorsmod.Wrap(ErrOverflow, err.Error())
	}
	return out, nil
}

// sub returns a-b for non-negative amounts, or ErrUnderflow if b > a.
func sub(a, b math.Int) (math.Int, error) {
	if err := checkAmount(b); err != nil {
		return a, err
	}
	if err := checkAmount(a); err != nil {
		return a, err
	}
	if b.GT(a) {
		return a, errorsmod.Wrapf(ErrUnderflow, "%s - %s", a, b)
	}
	return a.Sub(b), nil
}

// saturatingSub returns max(a-b, 0).
func saturatingSub(a, b math.Int) math.Int {
	if b.GTE(a) {
		return math.ZeroInt()
	}
	return a.Sub(b)
}

// checked returns next if it is a valid range, and prev with ErrInverted otherwise.
func checked(next, prev Range) (Range, error) {
	if next.Low.GT(next.High) {
		return prev, errorsmod.Wrapf(ErrInverted, "low %s > high %s", next.Low, next.High)
	}
	return next, nil
}
