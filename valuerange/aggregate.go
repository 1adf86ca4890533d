package valuerange

import "cosmossdk.io/math"

// MaxRange returns the end-wise maximum of a and b.
func MaxRange(a, b Range) Range {
	return Range{Low: math.MaxInt(a.Low, b.Low), High: math.MaxInt(a.High, b.High)}
}

// MinRange returns the end-wise minimum of a and b.
func MinRange(a, b Range) Range {
	return Range{Low: math.MinInt(a.Low, b.Low), High: math.MinInt(a.High, b.High)}
}

// Spread returns (smallest Low, largest High) over the given ranges, or Zero for none.
func Spread(ranges ...Range) Range {
	if len(ranges) == 0 {
		return Zero()
	}
	out := ranges[0]
	for _, r := range ranges[1:] {
		out = Range{Low: math.MinInt(out.Low, r.Low), High: math.MaxInt(out.High, r.High)}
	}
	return out
}

// Sum adds the ranges end-wise, failing with ErrOverflow past the integer limit.
func Sum(ranges ...Range) (Range, error) {
	out := Zero()
	for _, r := range ranges {
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

// MulFloor scales both ends by ratio, rounding each down.
func (r Range) MulFloor(ratio math.LegacyDec) (Range, error) {
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
