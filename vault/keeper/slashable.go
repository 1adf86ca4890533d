package keeper

import (
	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/valuerange"
)

// slashableBounds returns ⌊amount·ratio⌋ and ⌈amount·ratio⌉: what a holder can take from a lien
// of amount at ratio, and the most a lien's recorded slashable amount may say.
func slashableBounds(amount math.Int, ratio math.LegacyDec) (math.Int, math.Int, error) {
	floor, err := valuerange.MulFloor(amount, ratio)
	if err != nil {
		return floor, floor, err
	}
	ceil, err := valuerange.MulCeil(amount, ratio)
	return floor, ceil, err
}

// clampInt returns v limited to [lo, hi].
func clampInt(v, lo, hi math.Int) math.Int { return math.MaxInt(lo, math.MinInt(v, hi)) }

// normalize keeps the lien's recorded slashable amount, at each end of its range, between
// ⌊amount·ratio⌋ and ⌈amount·ratio⌉. The per-operation rounding of the reference (each stake,
// release and slash rounds its own share down) drifts from the lien's real exposure by up to a unit
// per operation: below it after many small stakes, which would let the holders slash more than
// the collateral covers, and above it after many small releases, which would lock collateral for
// nothing. Within one unit of the exact product the two agree, so the recorded figure never
// understates what the holders can take.
func (e *lienEntry) normalize() error {
	if e.amount.High.IsZero() {
		e.slashable = valuerange.Zero()
		return nil
	}
	highFloor, highCeil, err := slashableBounds(e.amount.High, e.ratio)
	if err != nil {
		return err
	}
	lowFloor, lowCeil, err := slashableBounds(e.amount.Low, e.ratio)
	if err != nil {
		return err
	}
	high := clampInt(e.slashable.High, highFloor, highCeil)
	low := math.MinInt(clampInt(e.slashable.Low, lowFloor, lowCeil), high)
	e.slashable = valuerange.Range{Low: low, High: high}
	return nil
}

// normalize normalizes every lien and recomputes the aggregates.
func (b *book) normalize() error {
	for _, e := range b.liens {
		if err := e.normalize(); err != nil {
			return err
		}
	}
	b.recompute()
	return nil
}

// exposure is Σ ⌊amount·ratio⌋ over the liens' worst case: what the holders together can take.
func (b *book) exposure() (math.Int, error) {
	total := math.ZeroInt()
	for _, e := range b.liens {
		floor, err := valuerange.MulFloor(e.amount.High, e.ratio)
		if err != nil {
			return total, err
		}
		total = total.Add(floor)
	}
	return total, nil
}
