package valuerange

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// Range is a two-phase amount: the true value lies between Low and High, both inclusive, until
// every pending operation is committed or rolled back.
//
// A Range is valid when both ends are set and 0 ≤ Low ≤ High (see Validate). The zero value
// Range{} has both ends unset and is therefore invalid: operations on it return an error.
type Range struct {
	// Low is the value if pending increases roll back and pending decreases commit.
	Low math.Int
	// High is the value if pending increases commit and pending decreases roll back.
	High math.Int
}

// New returns the settled range (v, v). It does not check v: the result is valid exactly when v is
// set and non-negative, and every operation on an invalid result returns an error. Use FromBounds
// to check the input up front.
func New(v math.Int) Range { return Range{Low: v, High: v} }

// Zero returns the settled range (0, 0).
func Zero() Range { return New(math.ZeroInt()) }

// FromBounds returns (low, high) after checking 0 ≤ low ≤ high. On error the unchecked range is
// returned with it.
func FromBounds(low, high math.Int) (Range, error) {
	r := Range{Low: low, High: high}
	return r, r.Validate()
}

// Validate checks that both ends are set, non-negative, and Low ≤ High. An unset or negative end
// is ErrNegative and Low above High is ErrInverted.
func (r Range) Validate() error {
	if err := checkAmount(r.Low); err != nil {
		return errorsmod.Wrap(err, "low")
	}
	if err := checkAmount(r.High); err != nil {
		return errorsmod.Wrap(err, "high")
	}
	if r.Low.GT(r.High) {
		return errorsmod.Wrapf(ErrInverted, "low %s > high %s", r.Low, r.High)
	}
	return nil
}

// IsZero reports whether both ends are zero. It reports false for an invalid range, including
// Range{}, whose ends are unset rather than zero.
func (r Range) IsZero() bool {
	return r.Validate() == nil && r.Low.IsZero() && r.High.IsZero()
}

// Equal reports whether both ends are equal. It compares the ends as given and does not require
// either range to be valid: an unset end equals only another unset end.
func (r Range) Equal(o Range) bool { return intEqual(r.Low, o.Low) && intEqual(r.High, o.High) }

// String formats the range as "low..high"; an unset end is shown as "<nil>".
func (r Range) String() string { return fmt.Sprintf("%s..%s", r.Low, r.High) }

// Val returns the single value of a settled range, or ErrNotOneValue while operations pend. An
// invalid range is reported with the error from Validate.
func (r Range) Val() (math.Int, error) {
	if err := r.checkReceiver(); err != nil {
		return math.Int{}, err
	}
	if !r.Low.Equal(r.High) {
		return math.Int{}, errorsmod.Wrapf(ErrNotOneValue, "%s", r)
	}
	return r.Low, nil
}

// IsUnderMax reports whether High ≤ m. It reports false when the range is invalid or m is unset
// or negative, so a failed check never admits an amount.
func (r Range) IsUnderMax(m math.Int) bool {
	return r.Validate() == nil && checkAmount(m) == nil && r.High.LTE(m)
}

// IsOverMin reports whether Low ≥ m. It reports false when the range is invalid or m is unset or
// negative, so a failed check never admits an amount.
func (r Range) IsOverMin(m math.Int) bool {
	return r.Validate() == nil && checkAmount(m) == nil && r.Low.GTE(m)
}

// checkReceiver validates r as the receiver of an operation.
func (r Range) checkReceiver() error {
	if err := r.Validate(); err != nil {
		return errorsmod.Wrap(err, "receiver")
	}
	return nil
}

// intEqual compares two integers, treating unset as a value of its own.
func intEqual(a, b math.Int) bool {
	if a.IsNil() || b.IsNil() {
		return a.IsNil() && b.IsNil()
	}
	return a.Equal(b)
}
