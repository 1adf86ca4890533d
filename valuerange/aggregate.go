package valuerange

import "cosmossdk.io/math"

// MaxRange returns the end-wise maximum of a and b. It never panics and always returns a valid
// range: an argument that is not valid is first replaced by its hull (see hull), so an unset or
// negative end counts as zero and an inverted argument counts as High..Low.
func MaxRange(a, b Range) Range {
	a, b = hull(a), hull(b)
	return Range{Low: math.MaxInt(a.Low, b.Low), High: math.MaxInt(a.High, b.High)}
}

// MinRange returns the end-wise minimum of a and b. Like MaxRange it never panics and always
// returns a valid range, replacing an argument that is not valid by its hull.
func MinRange(a, b Range) Range {
	a, b = hull(a), hull(b)
	return Range{Low: math.MinInt(a.Low, b.Low), High: math.MinInt(a.High, b.High)}
}

// Spread returns (smallest Low, largest High) over the given ranges, or Zero for none. Like
// MaxRange it never panics and always returns a valid range, replacing an argument that is not
// valid by its hull.
func Spread(ranges ...Range) Range {
	if len(ranges) == 0 {
		return Zero()
	}
	out := hull(ranges[0])
	for _, r := range ranges[1:] {
		r = hull(r)
		out = Range{Low: math.MinInt(out.Low, r.Low), High: math.MaxInt(out.High, r.High)}
	}
	return out
}

// Sum adds the ranges end-wise, failing with ErrOverflow past the integer limit and with the
// error from Validate for an invalid range.
func Sum(ranges ...Range) (Range, error) {
	out := Zero()
	for _, r := range ranges {
		if err := r.Validate(); err != nil {
			return Zero(), err
		}
		low, err := add(out.Low, r.Low)
		if err != nil {
			return Zero(), err
		}
		high, err := add(out.High, r.High)
		if err != nil {
			return Zero(), err
		}
		out = Range{Low: low, High: high}
	}
	return out, nil
}

// MulFloor scales both ends by ratio, rounding each down. An invalid receiver or ratio is an
// error.
func (r Range) MulFloor(ratio math.LegacyDec) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	low, err := MulFloor(r.Low, ratio)
	if err != nil {
		return r, err
	}
	high, err := MulFloor(r.High, ratio)
	if err != nil {
		return r, err
	}
	return Range{Low: low, High: high}, nil
}

// hull returns r if it is valid. Otherwise it treats an unset or negative end as zero and, if Low
// is then above High, swaps the ends, giving the smallest valid range that holds both ends. For
// the vault this errs on the safe side: High, the end checked against collateral, never shrinks.
func hull(r Range) Range {
	if r.Validate() == nil {
		return r
	}
	low, high := orZero(r.Low), orZero(r.High)
	if low.GT(high) {
		low, high = high, low
	}
	return Range{Low: low, High: high}
}

// orZero returns v if it is set and non-negative, and zero otherwise.
func orZero(v math.Int) math.Int {
	if checkAmount(v) != nil {
		return math.ZeroInt()
	}
	return v
}
