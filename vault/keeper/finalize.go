package keeper

import (
	"fmt"

	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/valuerange"
)

// maxFinalizeRounds bounds the fix-up loop. Each round that burns takes at least one unit from
// every virtual lien that can still lose something, and the remaining excess after a round is at
// most about one unit per lien, so a handful of rounds reach the fixed point.
const maxFinalizeRounds = 64

// finalize restores the vault's invariants after the reference arithmetic, where the reference
// leaves them broken (it does not clamp after Branch B, Branch B cannot take more from a lien than
// it holds, and it rounds per operation):
//
//  1. no lien above the collateral (Branch A style clamp, with burns);
//  2. the custodial liens together no larger than the collateral, since their tokens are part of it;
//  3. the collateral no larger than the tokens that back it: when custodial holders destroyed more
//     tokens than the collateral lost (a proportional burn during a custodial slash), the collateral
//     drops by the difference, where the reference would leave the vault short of tokens;
//  4. total slashable no larger than the collateral: recorded slashable amounts that exceed a
//     lien's real exposure ⌊amount·ratio⌋ (rounding drift) are trimmed down to it, and what still
//     exceeds the collateral is real, so it is propagated again with burns on the virtual liens
//     that can still lose something, until Σ ⌊amount·ratio⌋ fits the collateral. A figure is never
//     lowered below the lien's exposure without moving tokens.
//
// Step 4 burns only virtual liens: burning a custodial lien destroys collateral tokens, so the
// collateral would drop with its exposure and the excess would not shrink. heldBefore is what the
// vault itself held for the user before settlement began. After step 3 the collateral is the
// custodial total plus heldBefore, so steps 1 and 2 can no longer change a custodial lien.
func (b *book) finalize(heldBefore math.Int) error {
	for round := 0; round < maxFinalizeRounds; round++ {
		changed, err := b.fixRound(heldBefore)
		if err != nil || !changed {
			return err
		}
	}
	return fmt.Errorf("no fixed point after %d rounds", maxFinalizeRounds)
}

func (b *book) fixRound(heldBefore math.Int) (bool, error) {
	changed := b.maxLien.High.GT(b.collateral)
	if err := b.clampAll(b.collateral); err != nil {
		return false, err
	}
	reduced, err := b.fitCustodial()
	if err != nil {
		return false, err
	}
	changed = changed || reduced
	if held := b.vaultHeld(); held.GT(heldBefore) {
		b.collateral = b.collateral.Sub(held.Sub(heldBefore))
		changed = true
	}
	if err := b.normalize(); err != nil {
		return false, err
	}
	burned, err := b.fitSlashable()
	return changed || burned, err
}

// fitCustodial lowers custodial liens, in holder order, until they fit the collateral.
func (b *book) fitCustodial() (bool, error) {
	excess := subFloor(b.custodialTotal(), b.collateral)
	if excess.IsZero() {
		return false, nil
	}
	for _, e := range b.liens {
		if !e.custodial || excess.IsZero() {
			continue
		}
		take := math.MinInt(excess, e.amount.High)
		var err error
		if e.amount, err = e.amount.SubSaturating(take); err != nil {
			return false, err
		}
		if err := e.reduceSlashable(take, take); err != nil {
			return false, err
		}
		b.addBurn(e, take)
		excess = excess.Sub(take)
	}
	b.recompute()
	return true, nil
}

// fitSlashable brings total slashable within the collateral (step 4 of finalize) and reports
// whether it burned anything.
func (b *book) fitSlashable() (bool, error) {
	excess := subFloor(b.slashable.High, b.collateral)
	if excess.IsZero() {
		return false, nil
	}
	excess, err := b.trimDrift(excess)
	if err != nil || excess.IsZero() {
		return false, err
	}
	return true, b.burnExposure(excess)
}

// trimDrift lowers recorded slashable amounts that exceed the liens' exposure ⌊amount·ratio⌋, in
// holder order, by up to excess in all, and returns what it could not trim.
func (b *book) trimDrift(excess math.Int) (math.Int, error) {
	for _, e := range b.liens {
		if excess.IsZero() {
			break
		}
		floor, err := valuerange.MulFloor(e.amount.High, e.ratio)
		if err != nil {
			return excess, err
		}
		take := math.MinInt(excess, subFloor(e.slashable.High, floor))
		high := e.slashable.High.Sub(take)
		e.slashable = valuerange.Range{Low: math.MinInt(e.slashable.Low, high), High: high}
		excess = excess.Sub(take)
	}
	b.recompute()
	return excess, nil
}

// burnExposure propagates excess exposure as the reference's Branch B does, ⌈excess·(1/Σ ratios)⌉
// from each lien, over the virtual liens that can still lose something (⌊amount·ratio⌋ > 0); a
// lien gives at most what it has.
func (b *book) burnExposure(excess math.Int) error {
	var targets []*lienEntry
	ratioSum := math.LegacyZeroDec()
	for _, e := range b.liens {
		floor, err := valuerange.MulFloor(e.amount.High, e.ratio)
		if err != nil {
			return err
		}
		if !e.custodial && floor.IsPositive() {
			targets = append(targets, e)
			ratioSum = ratioSum.Add(e.ratio)
		}
	}
	if len(targets) == 0 {
		return fmt.Errorf("slashable %s exceeds collateral %s and no virtual lien can give more", b.slashable.High, b.collateral)
	}
	inverse, err := valuerange.Inverse(ratioSum)
	if err != nil {
		return err
	}
	sub, err := valuerange.MulCeil(excess, inverse)
	if err != nil {
		return err
	}
	for _, e := range targets {
		take := math.MinInt(sub, e.amount.High)
		if e.amount, err = e.amount.SubSaturating(take); err != nil {
			return err
		}
		if err := e.reduceSlashable(take, take); err != nil {
			return err
		}
		b.addBurn(e, take)
	}
	return b.normalize()
}
