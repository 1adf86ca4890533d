package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// rebalance brings a pairing's virtual delegation on one validator to target: it first withdraws
// the delegation's rewards, then mints and delegates what is missing or takes away what is over.
// A tombstoned or vanished validator gets nothing.
func (k *Keeper) rebalance(ctx context.Context, params types.Params, pairingID, valoper string, target math.Int) error {
	valAddr, err := sdk.ValAddressFromBech32(valoper)
	if err != nil {
		return err
	}
	supply, err := k.supply(ctx, pairingID)
	if err != nil {
		return err
	}
	key := collections.Join(pairingID, valoper)
	old, err := k.Targets.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		old = math.ZeroInt()
	} else if err != nil {
		return err
	}
	validator, err := k.staking.GetValidator(ctx, valAddr)
	if errors.Is(err, stakingtypes.ErrNoValidatorFound) {
		return k.dropTarget(ctx, pairingID, valoper, old, &supply)
	} else if err != nil {
		return err
	}
	if k.tombstoned(ctx, validator) {
		target = math.ZeroInt()
	}
	if err := k.withdrawRewards(ctx, params, pairingID, valAddr); err != nil {
		return err
	}
	shares, err := k.sharesOf(ctx, valoper, pairingID)
	if err != nil {
		return err
	}
	value := valueOf(validator, shares)
	if err := k.bookDrift(ctx, pairingID, valoper, value, &supply); err != nil {
		return err
	}
	liveBefore, _, err := k.liveValue(ctx, params, pairingID, validator)
	if err != nil {
		return err
	}
	outstandingBefore := supply.Outstanding()
	ev := types.EventRebalanced{PairingId: pairingID, Validator: valoper, Target: target,
		Delegated: math.ZeroInt(), Undelegated: math.ZeroInt(), Deferred: math.ZeroInt(), Instant: validator.IsUnbonded()}
	switch {
	case target.GT(value):
		ev.Delegated = target.Sub(value)
		err = k.delegate(ctx, params, pairingID, validator, ev.Delegated, &supply)
	case target.LT(value):
		ev.Undelegated, err = k.undelegate(ctx, params, pairingID, valAddr, value.Sub(target), &supply)
		ev.Deferred = value.Sub(target).Sub(ev.Undelegated)
	}
	if err != nil {
		return err
	}
	if err := k.bookRounding(ctx, params, pairingID, valAddr, liveBefore, outstandingBefore, &supply); err != nil {
		return err
	}
	if err := k.setTarget(ctx, pairingID, valoper, old, target, &supply); err != nil {
		return err
	}
	if err := k.setLastValue(ctx, pairingID, valoper); err != nil {
		return err
	}
	if err := k.book(ctx, pairingID, valoper); err != nil {
		return err
	}
	if err := k.Supplies.Set(ctx, pairingID, supply); err != nil {
		return err
	}
	k.emit(ctx, &ev)
	return nil
}

// bookRounding records what x/staking's floor arithmetic took in a rebalance: the change of the
// pairing's outstanding supply (minted, burned) minus the change of its live value on the
// validator. A validator removed by the change leaves nothing live there.
func (k *Keeper) bookRounding(ctx context.Context, params types.Params, pairingID string, valAddr sdk.ValAddress,
	liveBefore, outstandingBefore math.Int, supply *types.PairingSupply,
) error {
	liveAfter := math.ZeroInt()
	validator, err := k.staking.GetValidator(ctx, valAddr)
	if err == nil {
		if liveAfter, _, err = k.liveValue(ctx, params, pairingID, validator); err != nil {
			return err
		}
	} else if !errors.Is(err, stakingtypes.ErrNoValidatorFound) {
		return err
	}
	addRounded(supply, supply.Outstanding().Sub(outstandingBefore).Sub(liveAfter.Sub(liveBefore)))
	return nil
}

// tombstoned reports whether x/slashing tombstoned the validator.
func (k *Keeper) tombstoned(ctx context.Context, validator stakingtypes.Validator) bool {
	cons, err := validator.GetConsAddr()
	if err != nil {
		return false
	}
	return k.slashing.IsTombstoned(ctx, cons)
}

// setTarget records the target; the entry goes once the target is zero and no shares are left.
func (k *Keeper) setTarget(ctx context.Context, pairingID, valoper string, old, target math.Int, supply *types.PairingSupply) error {
	supply.Targeted = supply.Targeted.Sub(old).Add(target)
	shares, err := k.sharesOf(ctx, valoper, pairingID)
	if err != nil {
		return err
	}
	key := collections.Join(pairingID, valoper)
	if target.IsZero() && shares.IsZero() {
		return k.Targets.Remove(ctx, key)
	}
	held, err := k.Targets.Has(ctx, key)
	if err != nil {
		return err
	}
	if !held {
		supply.Positions++
	}
	return k.Targets.Set(ctx, key, target)
}

// setLastValue records the delegation's value after a rebalance; none once no shares are left.
func (k *Keeper) setLastValue(ctx context.Context, pairingID, valoper string) error {
	value, err := k.bondedValue(ctx, pairingID, valoper)
	if err != nil {
		return err
	}
	key := collections.Join(pairingID, valoper)
	if value.IsZero() {
		return k.LastValues.Remove(ctx, key)
	}
	return k.LastValues.Set(ctx, key, value)
}

// dropTarget forgets the target on a validator x/staking no longer knows (it removes a validator
// only once no shares are left).
func (k *Keeper) dropTarget(ctx context.Context, pairingID, valoper string, old math.Int, supply *types.PairingSupply) error {
	supply.Targeted = supply.Targeted.Sub(old)
	if err := k.dropBooking(ctx, pairingID, valoper, supply); err != nil {
		return err
	}
	if err := k.Shares.Remove(ctx, collections.Join(valoper, pairingID)); err != nil {
		return err
	}
	if err := k.Targets.Remove(ctx, collections.Join(pairingID, valoper)); err != nil {
		return err
	}
	if err := k.LastValues.Remove(ctx, collections.Join(pairingID, valoper)); err != nil {
		return err
	}
	return k.Supplies.Set(ctx, pairingID, *supply)
}

// sharesOf returns the shares a pairing holds on a validator, zero if none.
func (k *Keeper) sharesOf(ctx context.Context, valoper, pairingID string) (math.LegacyDec, error) {
	s, err := k.Shares.Get(ctx, collections.Join(valoper, pairingID))
	if errors.Is(err, collections.ErrNotFound) {
		return math.LegacyZeroDec(), nil
	}
	return s, err
}

// addShares adds (or with a negative delta removes) shares of a pairing on a validator.
func (k *Keeper) addShares(ctx context.Context, valoper, pairingID string, delta math.LegacyDec) error {
	s, err := k.sharesOf(ctx, valoper, pairingID)
	if err != nil {
		return err
	}
	s = s.Add(delta)
	key := collections.Join(valoper, pairingID)
	if !s.IsPositive() {
		return k.Shares.Remove(ctx, key)
	}
	return k.Shares.Set(ctx, key, s)
}
