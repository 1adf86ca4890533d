package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/lienholder"
)

// burnTarget is one position a propagated burn may take stake from.
type burnTarget struct {
	val string
	v   types.Validator
	was math.Int
	pos types.Position
	cut math.Int
}

// BurnStake implements lienholder.LienHolder. The burn comes off the validator whose slash the
// user settled last, then is spread over the user's other validators (an equal share each, capped
// at what each holds, and the remainder on the first that can take it whole), then off unbonding
// entries; it saturates at what the user holds. The consumer learns of it by a burn packet.
func (k *Keeper) BurnStake(ctx context.Context, holder lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	targets, err := k.burnTargets(ctx, holder.Key, owner)
	if err != nil || len(targets) == 0 || !amount.IsPositive() {
		return err
	}
	left := amount
	if first, err := k.LastSlashed.Get(ctx, collectionsPair(holder.Key, owner)); err == nil {
		for i := range targets {
			if targets[i].val == first {
				left = takeBonded(&targets[i], left)
			}
		}
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	left = distributeBurn(targets, left)
	for i := range targets {
		left = takeUnbonding(&targets[i], left)
	}
	for i := range targets {
		left = takeReserved(&targets[i], left)
	}
	return k.finishBurn(ctx, holder.Key, owner, targets, amount, amount.Sub(left))
}

// burnTargets loads the user's positions with their validators, slashes applied.
func (k *Keeper) burnTargets(ctx context.Context, pairing string, owner sdk.AccAddress) ([]burnTarget, error) {
	vals, positions, err := k.userPositions(ctx, pairing, owner)
	if err != nil {
		return nil, err
	}
	targets := make([]burnTarget, 0, len(vals))
	for i, pos := range positions {
		v, err := k.loadValidator(ctx, pairing, vals[i])
		if err != nil {
			return nil, err
		}
		if err := k.materialize(ctx, pairing, vals[i], v, &pos); err != nil {
			return nil, err
		}
		targets = append(targets, burnTarget{val: vals[i], v: v, was: v.Tokens, pos: pos, cut: math.ZeroInt()})
	}
	return targets, nil
}

// bondedFree is the bonded stake of a target not reserved by pending unstakes.
func bondedFree(t *burnTarget) math.Int {
	return tokensOf(t.v, t.pos.Shares.Sub(t.pos.UnstakingShares))
}

// takeBonded burns up to want from the target's free bonded stake and returns what is left.
func takeBonded(t *burnTarget, want math.Int) math.Int {
	return burnShares(t, want, t.pos.Shares.Sub(t.pos.UnstakingShares))
}

// burnShares burns up to want out of held shares of the target and returns what is left of want.
// It rounds the shares down (all of them when want covers their whole value), so the user never
// loses more than want: a unit rounding leaves behind is stake the vault no longer counts, never
// a loss to settle again.
func burnShares(t *burnTarget, want, held math.Int) math.Int {
	value := tokensOf(t.v, held)
	take := math.MinInt(value, want)
	if !take.IsPositive() {
		return want
	}
	shares := held
	if take.LT(value) {
		shares = math.MinInt(take.Mul(t.v.Shares).Quo(t.v.Tokens), held)
	}
	before := tokensOf(t.v, t.pos.Shares)
	removeShares(&t.v, &t.pos, shares)
	drop := subFloor(before, tokensOf(t.v, t.pos.Shares))
	t.cut = t.cut.Add(drop)
	return subFloor(want, drop)
}

// lowerSettled lowers what the vault accounts for the targets by amount in all (never below
// zero): first by each target's cut, then wherever some is left.
func lowerSettled(targets []burnTarget, amount math.Int) {
	for i := range targets {
		cut := math.MinInt(math.MinInt(targets[i].cut, targets[i].pos.Settled), amount)
		targets[i].pos.Settled, amount = targets[i].pos.Settled.Sub(cut), amount.Sub(cut)
	}
	for i := range targets {
		cut := math.MinInt(targets[i].pos.Settled, amount)
		targets[i].pos.Settled, amount = targets[i].pos.Settled.Sub(cut), amount.Sub(cut)
	}
}

// subFloor is a - b, or zero when b is larger.
func subFloor(a, b math.Int) math.Int {
	if b.GT(a) {
		return math.ZeroInt()
	}
	return a.Sub(b)
}

// distributeBurn spreads amount over the targets as the reference's distribute_burn does: each
// gives min(its stake, amount/n), then the remainder goes whole to the first target that can
// still cover it. It returns what could not be burned.
func distributeBurn(targets []burnTarget, amount math.Int) math.Int {
	if !amount.IsPositive() || len(targets) == 0 {
		return amount
	}
	share := amount.QuoRaw(int64(len(targets)))
	left := amount
	for i := range targets {
		if ask := math.MinInt(share, left); ask.IsPositive() {
			left = left.Sub(ask).Add(takeBonded(&targets[i], ask))
		}
	}
	if !left.IsPositive() {
		return math.ZeroInt()
	}
	for i := range targets {
		if bondedFree(&targets[i]).GTE(left) {
			return takeBonded(&targets[i], left)
		}
	}
	return left
}

// takeUnbonding burns up to want from the target's unbonding entries, newest first.
func takeUnbonding(t *burnTarget, want math.Int) math.Int {
	for i := len(t.pos.Unbondings) - 1; i >= 0 && want.IsPositive(); i-- {
		take := math.MinInt(t.pos.Unbondings[i].Amount, want)
		t.pos.Unbondings[i].Amount = t.pos.Unbondings[i].Amount.Sub(take)
		t.cut, want = t.cut.Add(take), want.Sub(take)
	}
	kept := t.pos.Unbondings[:0]
	for _, e := range t.pos.Unbondings {
		if e.Amount.IsPositive() {
			kept = append(kept, e)
		}
	}
	t.pos.Unbondings = kept
	return want
}

// takeReserved burns up to want from shares reserved by pending unstakes; the unstake's
// acknowledgement then moves only what is left of them.
func takeReserved(t *burnTarget, want math.Int) math.Int {
	reserved := t.pos.UnstakingShares
	sharesBefore := t.pos.Shares
	// Burn from the reserved shares: count them as free for the call, then reserve what is left.
	t.pos.UnstakingShares = math.ZeroInt()
	left := burnShares(t, want, reserved)
	t.pos.UnstakingShares = reserved.Sub(sharesBefore.Sub(t.pos.Shares))
	return left
}

// finishBurn saves the targets and queues the burn packet. What the vault accounts for the user
// drops by exactly the amount the vault took off the lien (never below zero): first on each
// target by its cut, then wherever some is left, so the record follows the lien even when
// rounding made a cut differ by a unit (a unit burned too many then shows as a loss to settle).
func (k *Keeper) finishBurn(ctx context.Context, pairing string, owner sdk.AccAddress, targets []burnTarget,
	requested, burned math.Int,
) error {
	lowerSettled(targets, requested)
	var hit []string
	for _, t := range targets {
		if err := k.setValidator(ctx, pairing, t.val, t.was, t.v); err != nil {
			return err
		}
		if err := k.savePosition(ctx, pairing, owner, t.val, t.v, t.pos); err != nil {
			return err
		}
		if t.cut.IsPositive() {
			hit = append(hit, t.val)
		}
	}
	if !burned.IsPositive() {
		return nil
	}
	if err := k.queueBurn(ctx, pairing, hit, burned); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventStakeBurned{
		Pairing: pairing, Owner: owner.String(), Amount: k.coinString(ctx, burned), Validators: hit,
	})
}
