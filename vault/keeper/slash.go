package keeper

import (
	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/valuerange"
)

// applySlash applies one holder's realised loss to the user's book, following the reference's
// vault slashing with its defects fixed: the loss is capped at the lien, a lien whose committed
// part is smaller than the loss loses its pending part too instead of failing, and zero liens take
// no part in proportional propagation. It returns the part of the loss the lien absorbed.
func (b *book) applySlash(e *lienEntry, loss math.Int) (math.Int, error) {
	applied := math.MinInt(loss, e.amount.High)
	oldCollateral := b.collateral
	newCollateral := subFloor(oldCollateral, applied)

	var err error
	if e.amount, err = e.amount.SubSaturating(applied); err != nil {
		return applied, err
	}
	if err = e.reduceSlashable(applied, applied); err != nil {
		return applied, err
	}
	b.recompute()

	used := valuerange.MaxRange(b.maxLien, b.slashable).High
	if free := subFloor(oldCollateral, used); free.LT(applied) {
		if err := b.propagate(newCollateral, applied.Sub(free)); err != nil {
			return applied, err
		}
	}
	b.collateral = newCollateral
	b.recompute()
	return applied, nil
}

// propagate takes claimed from the user's other liens so they fit the new collateral: Branch A
// clamps every lien above the new collateral when the largest lien dominates; Branch B takes an
// equal amount from every lien, sized by the sum of their ratios, when total slashable dominates.
func (b *book) propagate(newCollateral, claimed math.Int) error {
	if b.maxLien.High.GTE(b.slashable.High) {
		return b.clampAll(newCollateral)
	}
	return b.proportional(claimed)
}

// clampAll lowers every lien above max to max (Branch A), burning what it takes. A custodial lien
// is never taken below its own loss not yet applied: those tokens are already gone. The burn falls
// on the lien's committed part first and only the rest on its pending part, as every propagated
// burn does, so a holder that burns committed stake first stays in step with the lien (the
// reference takes a clamp from the pending part first, which no holder can mirror).
func (b *book) clampAll(max math.Int) error {
	for _, e := range b.liens {
		target := math.MaxInt(max, e.reserved())
		if e.amount.High.LTE(target) {
			continue
		}
		take := e.amount.High.Sub(target)
		lowBefore := e.amount.Low
		var err error
		if e.amount, err = e.amount.SubSaturating(take); err != nil {
			return err
		}
		if err := e.reduceSlashable(lowBefore.Sub(e.amount.Low), take); err != nil {
			return err
		}
		b.addBurn(e, take)
	}
	b.recompute()
	return nil
}

// proportional takes ⌈claimed · (1/Σ ratios)⌉ from every non-zero lien (Branch B); a custodial
// lien gives at most what it still holds beyond its own loss not yet applied.
func (b *book) proportional(claimed math.Int) error {
	ratioSum := math.LegacyZeroDec()
	for _, e := range b.liens {
		if e.amount.High.IsPositive() {
			ratioSum = ratioSum.Add(e.ratio)
		}
	}
	if !ratioSum.IsPositive() {
		return nil
	}
	inverse, err := valuerange.Inverse(ratioSum)
	if err != nil {
		return err
	}
	sub, err := valuerange.MulCeil(claimed, inverse)
	if err != nil {
		return err
	}
	for _, e := range b.liens {
		if e.amount.High.IsZero() {
			continue
		}
		take := sub
		if e.custodial {
			take = math.MinInt(sub, subFloor(e.amount.High, e.reserved()))
		}
		before := e.amount.High
		if e.amount, err = e.amount.SubSaturating(take); err != nil {
			return err
		}
		if err := e.reduceSlashable(take, take); err != nil {
			return err
		}
		b.addBurn(e, before.Sub(e.amount.High))
	}
	b.recompute()
	return nil
}

// reserved is what a propagation must leave on a custodial lien: the holder's own loss that this
// settlement has read but not applied yet, whose tokens the holder no longer has. It is zero for
// virtual liens, which saturate instead (see lienholder.LienHolder.BurnStake).
func (e *lienEntry) reserved() math.Int {
	if !e.custodial || e.unapplied.IsNil() {
		return math.ZeroInt()
	}
	return e.unapplied
}

// reduceSlashable lowers the lien's slashable amount by ⌊low·ratio⌋ and ⌊high·ratio⌋, never
// below zero (the reference fails on underflow here).
func (e *lienEntry) reduceSlashable(low, high math.Int) error {
	dl, err := valuerange.MulFloor(low, e.ratio)
	if err != nil {
		return err
	}
	dh, err := valuerange.MulFloor(high, e.ratio)
	if err != nil {
		return err
	}
	newHigh := subFloor(e.slashable.High, dh)
	e.slashable = valuerange.Range{Low: math.MinInt(subFloor(e.slashable.Low, dl), newHigh), High: newHigh}
	if e.amount.High.IsZero() {
		e.slashable = valuerange.Zero()
	}
	return nil
}
