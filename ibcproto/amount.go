package ibcproto

import (
	"math/big"
	"strings"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// AmountBits is the width of every amount on the wire: the reference's Uint128.
const AmountBits = 128

// parseAmount reads the decimal string of an amount. Like the reference's Uint128 it accepts
// leading zeros ("007" is 7); unlike it, it refuses a leading '+', which the reference never
// writes. The result is in [0, 2^128). An amount with more significant digits than 2^128 - 1 has
// is refused before conversion, so the work is linear in the string's length.
func parseAmount(v *jsonValue, where string) (sdkmath.Int, error) {
	if v.kind != kindString {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrInvalidType, "%s: amount must be a string, got %s", where, v.kind)
	}
	if !isDigits(v.text) {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrInvalidAmount, "%s: %s is not a decimal integer", where, excerpt(v.text))
	}
	significant := strings.TrimLeft(v.text, "0")
	if len(significant) > maxAmountDigits {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrAmountOverflow, "%s: %s has %d significant digits", where,
			excerpt(v.text), len(significant))
	}
	n := new(big.Int)
	if _, ok := n.SetString("0"+significant, 10); !ok {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrInvalidAmount, "%s: %s is not a decimal integer", where, excerpt(v.text))
	}
	if n.BitLen() > AmountBits {
		return sdkmath.Int{}, errorsmod.Wrapf(ErrAmountOverflow, "%s: %s", where, excerpt(v.text))
	}
	return sdkmath.NewIntFromBigInt(n), nil
}

// checkAmount reports whether an amount can be written on the wire: set, not negative, below 2^128.
func checkAmount(a sdkmath.Int) error {
	switch {
	case a.IsNil():
		return errorsmod.Wrap(ErrInvalidAmount, "amount is not set")
	case a.IsNegative():
		return errorsmod.Wrapf(ErrInvalidAmount, "amount %s is negative", a)
	case a.BigIntMut().BitLen() > AmountBits:
		return errorsmod.Wrapf(ErrAmountOverflow, "amount %s", a)
	}
	return nil
}

// appendAmount appends an amount as a JSON decimal string; the caller has checked it.
func appendAmount(buf []byte, a sdkmath.Int) []byte {
	buf = append(buf, '"')
	buf = a.BigIntMut().Append(buf, 10)
	return append(buf, '"')
}
