package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// promoteMatured moves every unbonding entry x/staking has completed into the user's liquid
// principal: its tokens are now in the derived account. The entries' burn debt, less its share of
// any shortfall of the balance, is burned from the account there and then, so no debt outlives
// the entry it was recorded on. It returns the debt burned.
func (k *Keeper) promoteMatured(ctx context.Context, v *valuation) (math.Int, error) {
	debt := v.maturedDebt()
	due := math.MinInt(debt.Sub(debtShare(deficit(v.liquid(), v.balance), debt, v.liquid())), v.balance)
	kept := v.unbondings[:0]
	for _, u := range v.unbondings {
		if u.live {
			kept = append(kept, u)
			continue
		}
		if err := k.Unbondings.Remove(ctx, collections.Join3(v.owner, u.validator, u.height)); err != nil {
			return math.Int{}, err
		}
		v.holdings.Liquid = v.holdings.Liquid.Add(u.record.Principal).Sub(debtOf(u.record))
	}
	v.unbondings, v.matured = kept, math.ZeroInt()
	if due.IsPositive() {
		if err := k.burnFromAccount(ctx, v.account, due); err != nil {
			return math.Int{}, err
		}
		v.balance = v.balance.Sub(due)
	} else {
		due = math.ZeroInt()
	}
	return due, k.setHoldings(ctx, v.owner, v.holdings)
}

// rebase lowers the recorded amounts to what they are worth, by at most amount in all (the loss
// the vault has just settled), so the next PendingSlash reports only what is left. A slashed
// entry's debt drops by its share of the slash.
func (k *Keeper) rebase(ctx context.Context, v *valuation, amount math.Int) error {
	if _, err := k.promoteMatured(ctx, v); err != nil {
		return err
	}
	left := amount
	take := func(recorded, worth math.Int) math.Int {
		cut := math.MinInt(deficit(recorded, worth), left)
		left = left.Sub(cut)
		return recorded.Sub(cut)
	}
	for i := range v.positions {
		p := &v.positions[i]
		p.position.Principal = take(p.position.Principal, p.worth)
		p.position.Queued = math.MinInt(p.position.Queued, p.position.Principal)
		if err := k.setPosition(ctx, v.owner, p.validator, p.position); err != nil {
			return err
		}
	}
	for i := range v.unbondings {
		u := &v.unbondings[i]
		left = rebaseEntry(u, left)
		if err := k.setUnbonding(ctx, v.owner, u.validator, u.height, u.record); err != nil {
			return err
		}
	}
	v.holdings.Liquid = take(v.holdings.Liquid, v.balance)
	return k.setHoldings(ctx, v.owner, v.holdings)
}

// rebaseEntry applies up to left of a live entry's own loss and returns what is left. When the
// whole own loss fits, the entry drops to its worth and its debt by the debt's share; otherwise
// only the part applied leaves the principal.
func rebaseEntry(u *unbondingView, left math.Int) math.Int {
	own := u.ownLoss()
	x := deficit(u.record.Principal, u.worth)
	if !x.IsPositive() {
		return left
	}
	if left.GTE(own) {
		u.record.BurnDebt = debtOf(u.record).Sub(x.Sub(own))
		u.record.Principal = u.record.Principal.Sub(x)
		return left.Sub(own)
	}
	u.record.Principal = u.record.Principal.Sub(left)
	return math.ZeroInt()
}

// setPosition stores a position, removing it once nothing is recorded there.
func (k *Keeper) setPosition(ctx context.Context, owner sdk.AccAddress, val sdk.ValAddress, p types.Position) error {
	key := collections.Join(owner, val)
	if p.Principal.IsZero() {
		return k.Positions.Remove(ctx, key)
	}
	return k.Positions.Set(ctx, key, p)
}

// setUnbonding stores a recorded unbonding entry, removing it when nothing is left of it.
func (k *Keeper) setUnbonding(ctx context.Context, owner sdk.AccAddress, val sdk.ValAddress, height int64, u types.Unbonding) error {
	key := collections.Join3(owner, val, height)
	if u.Principal.IsZero() {
		return k.Unbondings.Remove(ctx, key)
	}
	return k.Unbondings.Set(ctx, key, u)
}

// positionOf returns the user's position with a validator, zero when there is none.
func (k *Keeper) positionOf(ctx context.Context, owner sdk.AccAddress, val sdk.ValAddress) (types.Position, bool, error) {
	p, err := k.Positions.Get(ctx, collections.Join(owner, val))
	if err == nil {
		return p, true, nil
	}
	if isNotFound(err) {
		return types.Position{Principal: math.ZeroInt(), Queued: math.ZeroInt()}, false, nil
	}
	return types.Position{}, false, err
}

// checkPositionLimit refuses a new position with val when the user already holds stake with
// max_positions_per_user validators (counting delegations and unbonding entries). It reads the
// user's records, at most the limit's worth, and is paid by the transaction that opens one; a
// user's first position needs no parameter read (the limit is at least one).
func (k *Keeper) checkPositionLimit(ctx context.Context, owner sdk.AccAddress, val sdk.ValAddress) error {
	held := map[string]bool{}
	err := k.Positions.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, sdk.ValAddress](owner),
		func(key collections.Pair[sdk.AccAddress, sdk.ValAddress], _ types.Position) (bool, error) {
			held[string(key.K2())] = true
			return false, nil
		})
	if err != nil {
		return err
	}
	err = k.Unbondings.Walk(ctx, collections.NewPrefixedTripleRange[sdk.AccAddress, sdk.ValAddress, int64](owner),
		func(key collections.Triple[sdk.AccAddress, sdk.ValAddress, int64], _ types.Unbonding) (bool, error) {
			held[string(key.K2())] = true
			return false, nil
		})
	if err != nil || held[string(val)] || len(held) == 0 {
		return err
	}
	params, err := k.GetParams(ctx)
	if err != nil {
		return err
	}
	if len(held) >= int(params.MaxPositionsPerUser) {
		return errorsmod.Wrapf(types.ErrTooManyPositions, "%s already holds stake with %d validators, the most allowed",
			owner, len(held))
	}
	return nil
}
