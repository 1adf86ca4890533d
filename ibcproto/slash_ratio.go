package ibcproto

import (
	"strings"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// maxRatioDecimals is the precision of the reference's Decimal.
const maxRatioDecimals = 18

// ParseSlashRatio reads a nominal slash ratio as the reference's Decimal does (digits, then
// optionally '.' and 1 to 18 digits; no sign, no exponent) and also refuses a ratio above 1,
// which can never be right.
func ParseSlashRatio(s string) (sdkmath.LegacyDec, error) {
	whole, frac, hasDot := strings.Cut(s, ".")
	if !isDigits(whole) || (hasDot && (!isDigits(frac) || len(frac) > maxRatioDecimals)) {
		return sdkmath.LegacyDec{}, errorsmod.Wrapf(ErrInvalidSlashRatio, "%s is not a decimal with at most %d places", excerpt(s), maxRatioDecimals)
	}
	whole = strings.TrimLeft(whole, "0")
	if whole != "" && (whole != "1" || strings.Trim(frac, "0") != "") {
		return sdkmath.LegacyDec{}, errorsmod.Wrapf(ErrInvalidSlashRatio, "%s is above 1", excerpt(s))
	}
	if whole == "" {
		whole = "0"
	}
	canonical := whole
	if hasDot {
		canonical += "." + frac
	}
	ratio, err := sdkmath.LegacyNewDecFromStr(canonical)
	if err != nil {
		return sdkmath.LegacyDec{}, errorsmod.Wrapf(ErrInvalidSlashRatio, "%s: %s", excerpt(s), err)
	}
	return ratio, nil
}
