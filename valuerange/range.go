package valuerange

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// Range is a two-phase amount: the true value lies between Low and High, both inclusive, until
// every pending operation is committed or rolled back.
type Range struct {
	// Low is the value if pending increases roll back and pending decreases commit.
	Low math.Int
	// High is the value if pending increases commit and pending decreases roll back.
	High math.Int
}

// New returns the settled range (v, v).
func New(v math.Int) Range { return Range{Low: v, High: v} }

// Zero returns the settled range (0, 0).
func Zero() Range { return New(math.ZeroInt()) }

// FromBounds returns (low, high) after checking 0 ≤ low ≤ high.
func FromBounds(low, high math.Int) (Range, error) {
	r := Range{Low: low, High: high}
	return r, r.Validate()
}

// Validate checks that both ends are set, non-negative, and Low ≤ High.
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

// IsZero reports whether both ends are zero.
func (r Range) IsZero() bool { return r.Low.IsZero() && r.High.IsZero() }

// Equal reports whether both ends are equal.
func (r Range) Equal(o Range) bool { return r.Low.Equal(o.Low) && r.High.Equal(o.High) }

// String formats the range as "low..high".
func (r Range) String() string { return fmt.Sprintf("%s..%s", r.Low, r.High) }

// Val returns the single value of a settled range, or ErrNotOneValue while operations pend.
func (r Range) Val() (math.Int, error) {
	if !r.Low.Equal(r.High) {
		return math.Int{}, errorsmod.Wrapf(ErrNotOneValue, "%s", r)
	}
	return r.Low, nil
}

// IsUnderMax reports whether High ≤ m.
func (r Range) IsUnderMax(m math.Int) bool { return r.High.LTE(m) }

// IsOverMin reports whether Low ≥ m.
func (r Range) IsOverMin(m math.Int) bool { return r.Low.GTE(m) }
