package keeper

import (
	"fmt"

	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/valuerange"
)

// maxFinalizeRounds bounds the fix-up loop; two rounds always reach a fixed point (see finalize).
const maxFinalizeRounds = 4

// finalize restores the vault's invariants after the reference arithmetic, where the reference
// leaves them broken (reference 2.5 does not clamp after Branch B, and rounds per operation):
//
//  1. no lien above the collateral (Branch A style clamp, with burns);
//  2. the custodial liens together no larger than the collateral, since their tokens are part of it;
//  3. the collateral no larger than the tokens that back it: when custodial holders destroyed more
//     tokens than the collateral lost (a proportional burn during a custodial slash), the collateral
//     drops by the difference, where the reference would leave the vault short of tokens;
//  4. total slashable no larger than the collateral: rounding drift is trimmed from the liens'
//     slashable amounts, which moves no tokens.
//
// heldBefore is what the vault itself held for the user before settlement began. After step 3 the
// collateral is the custodial total plus heldBefore, so steps 1 and 2 can no longer change a
// custodial lien and the loop stops in the next round.
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
	b.trimSlashable()
	return changed, nil
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

// trimSlashable removes rounding drift so total slashable never exceeds the collateral.
func (b *book) trimSlashable() {
	excess := subFloor(b.slashable.High, b.collateral)
	for _, e := range b.liens {
		if excess.IsZero() {
			break
		}
		take := math.MinInt(excess, e.slashable.High)
		high := e.slashable.High.Sub(take)
		e.slashable = valuerange.Range{Low: math.MinInt(e.slashable.Low, high), High: high}
		excess = excess.Sub(take)
	}
	b.recompute()
}
