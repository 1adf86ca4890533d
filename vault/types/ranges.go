package types

import (
	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/valuerange"
)

// NewValueRange converts a valuerange.Range to its stored form.
func NewValueRange(r valuerange.Range) ValueRange { return ValueRange{Low: r.Low, High: r.High} }

// ZeroValueRange is the stored (0, 0).
func ZeroValueRange() ValueRange { return NewValueRange(valuerange.Zero()) }

// Range converts the stored form to a valuerange.Range, reading unset ends as zero.
func (v ValueRange) Range() valuerange.Range {
	return valuerange.Range{Low: orZero(v.Low), High: orZero(v.High)}
}

// Validate checks 0 ≤ low ≤ high.
func (v ValueRange) Validate() error { return valuerange.Range{Low: v.Low, High: v.High}.Validate() }

func orZero(i math.Int) math.Int {
	if i.IsNil() {
		return math.ZeroInt()
	}
	return i
}

// NewAccount returns an empty account.
func NewAccount() Account {
	return Account{Collateral: math.ZeroInt(), MaxLien: ZeroValueRange(), TotalSlashable: ZeroValueRange()}
}

// Free returns the collateral not used by liens: collateral minus the larger of max lien and total
// slashable, at the worst case (low) and best case (high), never below zero.
func (a Account) Free() valuerange.Range {
	used := valuerange.MaxRange(a.MaxLien.Range(), a.TotalSlashable.Range())
	c := orZero(a.Collateral)
	return valuerange.Range{Low: subFloor(c, used.High), High: subFloor(c, used.Low)}
}

func subFloor(a, b math.Int) math.Int {
	if b.GTE(a) {
		return math.ZeroInt()
	}
	return a.Sub(b)
}
