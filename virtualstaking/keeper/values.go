package keeper

import (
	"context"
	"errors"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/virtualstaking/capture"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// PairingValues returns, for every pairing with virtual stake on the validator, its live token
// value: the bonded shares at the validator's exchange rate (floor) plus the balances of the
// pairing's unbonding entries there. Pairings come in ascending id order.
func (k *Keeper) PairingValues(ctx context.Context, val sdk.ValAddress) ([]capture.PairingValue, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	validator, err := k.staking.GetValidator(ctx, val)
	if errors.Is(err, stakingtypes.ErrNoValidatorFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	ids, err := k.pairingIDs(ctx)
	if err != nil {
		return nil, err
	}
	var out []capture.PairingValue
	for _, id := range ids {
		v, bonded, err := k.liveValue(ctx, params, id, validator)
		if err != nil {
			return nil, err
		}
		if v.IsPositive() {
			out = append(out, capture.PairingValue{PairingID: id, Value: v, Bonded: bonded})
		}
	}
	return out, nil
}

// liveValue is one pairing's live value on a validator, delegated and unbonding, and its
// delegated part.
func (k *Keeper) liveValue(ctx context.Context, params types.Params, pairingID string, validator stakingtypes.Validator) (math.Int, math.Int, error) {
	shares, err := k.sharesOf(ctx, validator.GetOperator(), pairingID)
	if err != nil {
		return math.Int{}, math.Int{}, err
	}
	bonded := valueOf(validator, shares)
	valAddr, err := sdk.ValAddressFromBech32(validator.GetOperator())
	if err != nil {
		return math.Int{}, math.Int{}, err
	}
	value := bonded
	for _, acc := range accounts(pairingID, params.AccountsPerPairing, 0) {
		ubd, err := k.staking.GetUnbondingDelegation(ctx, acc, valAddr)
		if errors.Is(err, stakingtypes.ErrNoUnbondingDelegation) {
			continue
		} else if err != nil {
			return math.Int{}, math.Int{}, err
		}
		for _, e := range ubd.Entries {
			value = value.Add(e.Balance)
		}
	}
	return value, bonded, nil
}

// pairingIDs lists every pairing virtual staking has a supply record for, in ascending order.
func (k *Keeper) pairingIDs(ctx context.Context) ([]string, error) {
	it, err := k.Supplies.Iterate(ctx, nil)
	if err != nil {
		return nil, err
	}
	ids, err := it.Keys()
	if err != nil {
		return nil, err
	}
	sort.Strings(ids)
	return ids, nil
}

// OutstandingVirtualStake is minted minus burned minus slashed over every pairing: the virtual
// tokens still delegated or unbonding.
func (k *Keeper) OutstandingVirtualStake(ctx context.Context) (math.Int, error) {
	total := math.ZeroInt()
	err := k.Supplies.Walk(ctx, nil, func(_ string, s types.PairingSupply) (bool, error) {
		total = total.Add(s.Outstanding())
		return false, nil
	})
	return total, err
}

// VirtualTokensOnBonded is the virtual tokens delegated to bonded validators (floor per validator
// and pairing), over the active set.
func (k *Keeper) VirtualTokensOnBonded(ctx context.Context) (math.Int, error) {
	total := math.ZeroInt()
	var inner error
	err := k.staking.IterateBondedValidatorsByPower(ctx, func(_ int64, v stakingtypes.ValidatorI) bool {
		shares, err := k.validatorShares(ctx, v.GetOperator(), nil)
		if err != nil {
			inner = err
			return true
		}
		total = total.Add(valueOf(v, shares))
		return false
	})
	if err != nil {
		return math.Int{}, err
	}
	return total, inner
}

// AbstainingStake is the tokens (floor) and shares of the abstain-policy pairings' delegations on a
// validator, which x/gov's tally leaves out.
func (k *Keeper) AbstainingStake(ctx context.Context, val sdk.ValAddress) (math.Int, math.LegacyDec, error) {
	if k.converter == nil {
		return math.ZeroInt(), math.LegacyZeroDec(), nil
	}
	views, err := k.converter.Pairings(ctx)
	if err != nil {
		return math.Int{}, math.LegacyDec{}, err
	}
	abstain := map[string]bool{}
	for _, v := range views {
		if v.Abstain {
			abstain[v.ID] = true
		}
	}
	if len(abstain) == 0 {
		return math.ZeroInt(), math.LegacyZeroDec(), nil
	}
	validator, err := k.staking.GetValidator(ctx, val)
	if errors.Is(err, stakingtypes.ErrNoValidatorFound) {
		return math.ZeroInt(), math.LegacyZeroDec(), nil
	} else if err != nil {
		return math.Int{}, math.LegacyDec{}, err
	}
	shares, err := k.validatorShares(ctx, val.String(), abstain)
	if err != nil {
		return math.Int{}, math.LegacyDec{}, err
	}
	return valueOf(validator, shares), shares, nil
}

// validatorShares sums the shares pairings hold on a validator; only those in only, when set.
func (k *Keeper) validatorShares(ctx context.Context, valoper string, only map[string]bool) (math.LegacyDec, error) {
	total := math.LegacyZeroDec()
	rng := collections.NewPrefixedPairRange[string, string](valoper)
	err := k.Shares.Walk(ctx, rng, func(key collections.Pair[string, string], s math.LegacyDec) (bool, error) {
		if only == nil || only[key.K2()] {
			total = total.Add(s)
		}
		return false, nil
	})
	return total, err
}

// RecordSlash adds amount, measured by the caller as the pairing's live value on the validator
// valoper before minus after a slash (delegations and unbonding entries), to the pairing's slashed
// supply, lowers the delegation's booked value by bonded, what the slash took from the delegation,
// and lowers what its accounts are owed by what the slash took from their unbonding entries. The
// slash of the delegation itself is held back from the target as debt until the converter books
// it off the requests (SettleSlash).
func (k *Keeper) RecordSlash(ctx context.Context, pairingID, valoper string, amount, bonded math.Int) error {
	if !amount.IsPositive() {
		return nil
	}
	s, err := k.supply(ctx, pairingID)
	if err != nil {
		return err
	}
	s.Slashed = s.Slashed.Add(amount)
	if err := k.unbook(ctx, pairingID, valoper, bonded, &s); err != nil {
		return err
	}
	if err := k.Supplies.Set(ctx, pairingID, s); err != nil {
		return err
	}
	return k.settleSlashedEntries(ctx, pairingID)
}

// observeSlash adds to the pairing's debt on the validator what its delegation lost since the last
// rebalance: the value then minus the value now.
func (k *Keeper) observeSlash(ctx context.Context, pairingID, valoper string) error {
	key := collections.Join(pairingID, valoper)
	last, err := k.LastValues.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	now, err := k.bondedValue(ctx, pairingID, valoper)
	if err != nil || !last.GT(now) {
		return err
	}
	debt, err := k.debt(ctx, pairingID, valoper)
	if err != nil {
		return err
	}
	if err := k.LastValues.Set(ctx, key, now); err != nil {
		return err
	}
	return k.Debts.Set(ctx, key, debt.Add(last.Sub(now)))
}

// bondedValue is the value of the pairing's delegation on a validator (floor), zero if the
// validator is gone.
func (k *Keeper) bondedValue(ctx context.Context, pairingID, valoper string) (math.Int, error) {
	valAddr, err := sdk.ValAddressFromBech32(valoper)
	if err != nil {
		return math.Int{}, err
	}
	validator, err := k.staking.GetValidator(ctx, valAddr)
	if errors.Is(err, stakingtypes.ErrNoValidatorFound) {
		return math.ZeroInt(), nil
	} else if err != nil {
		return math.Int{}, err
	}
	shares, err := k.sharesOf(ctx, valoper, pairingID)
	if err != nil {
		return math.Int{}, err
	}
	return valueOf(validator, shares), nil
}

// debt is the slashed virtual stake of a pairing on a validator.
func (k *Keeper) debt(ctx context.Context, pairingID, valoper string) (math.Int, error) {
	d, err := k.Debts.Get(ctx, collections.Join(pairingID, valoper))
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return d, err
}

// net is a request less the pairing's debt on the validator, never below zero; nothing on a
// tombstoned or removed validator, whose requests do not count against the caps.
func (k *Keeper) net(ctx context.Context, pairingID, valoper string, local math.Int) (math.Int, error) {
	gone, err := k.validatorGone(ctx, valoper)
	if err != nil || gone {
		return math.ZeroInt(), err
	}
	debt, err := k.debt(ctx, pairingID, valoper)
	if err != nil {
		return math.Int{}, err
	}
	return math.MaxInt(local.Sub(debt), math.ZeroInt()), nil
}

// SettleSlash takes a slash the converter booked off the pairing's requests out of its debt on
// the validator: the delegation's loss is first observed, if no rebalance has yet, then the debt
// falls by the slashed amount, never below zero. The requests carry the slash from now on, so
// holding it back as well would count it twice. It never fails.
func (k *Keeper) SettleSlash(ctx context.Context, pairingID, valoper string, local math.Int) {
	k.guard(ctx, pairingID, valoper, func(ctx context.Context) error {
		if err := k.observeSlash(ctx, pairingID, valoper); err != nil {
			return err
		}
		debt, err := k.debt(ctx, pairingID, valoper)
		if err != nil {
			return err
		}
		key := collections.Join(pairingID, valoper)
		if local.IsNil() || debt.LTE(local) {
			return k.Debts.Remove(ctx, key)
		}
		return k.Debts.Set(ctx, key, debt.Sub(local))
	})
}

// UnwindPairing starts unwinding every virtual delegation of a pairing whose channel closed: from
// the next epoch on its targets are zero. It never fails.
func (k *Keeper) UnwindPairing(ctx context.Context, pairingID string) {
	k.guard(ctx, pairingID, "", func(ctx context.Context) error {
		s, err := k.supply(ctx, pairingID)
		if err != nil {
			return err
		}
		s.Unwinding = true
		return k.Supplies.Set(ctx, pairingID, s)
	})
}
