package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// promoteMatured moves every unbonding entry x/staking has completed into the user's liquid
// principal: its tokens are now in the derived account.
func (k *Keeper) promoteMatured(ctx context.Context, v *valuation) error {
	kept := v.unbondings[:0]
	for _, u := range v.unbondings {
		if u.live {
			kept = append(kept, u)
			continue
		}
		if err := k.Unbondings.Remove(ctx, collections.Join3(v.owner, u.validator, u.height)); err != nil {
			return err
		}
		v.holdings.Liquid = v.holdings.Liquid.Add(u.record.Principal)
	}
	v.unbondings, v.matured = kept, math.ZeroInt()
	return k.setHoldings(ctx, v.owner, v.holdings)
}

// rebase lowers the recorded amounts to what they are worth, by at most amount in all (the loss
// the vault has just settled), so the next PendingSlash reports only what is left.
func (k *Keeper) rebase(ctx context.Context, v *valuation, amount math.Int) error {
	if err := k.promoteMatured(ctx, v); err != nil {
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
		u.record.Principal = take(u.record.Principal, u.worth)
		if err := k.setUnbonding(ctx, v.owner, u.validator, u.height, u.record); err != nil {
			return err
		}
	}
	v.holdings.Liquid = take(v.holdings.Liquid, v.balance)
	return k.setHoldings(ctx, v.owner, v.holdings)
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
