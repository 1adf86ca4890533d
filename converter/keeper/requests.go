package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/converter/types"
)

// requestKey is the key of a delegator's request on a validator in a pairing.
func requestKey(pairing, delegator, validator string) collections.Triple[string, string, string] {
	return collections.Join3(pairing, delegator, validator)
}

// addRequest records stake of a delegator on a validator, in the provider's denom, and raises the
// validator's and the pairing's totals.
func (k *Keeper) addRequest(ctx context.Context, pairing, delegator, validator string, amount math.Int) error {
	key := requestKey(pairing, delegator, validator)
	current, err := getInt(ctx, k.Requests, key)
	if err != nil {
		return err
	}
	next := current.Add(amount)
	if err := types.CheckAmount(next); err != nil {
		return err
	}
	if err := k.setRequest(ctx, key, next); err != nil {
		return err
	}
	if err := k.addTotal(ctx, pairing, validator, amount); err != nil {
		return err
	}
	return nil
}

// setRequest stores a request and its index entry, removing both at zero.
func (k *Keeper) setRequest(ctx context.Context, key collections.Triple[string, string, string], amount math.Int) error {
	index := collections.Join3(key.K1(), key.K3(), key.K2())
	if amount.IsZero() {
		if err := k.Requests.Remove(ctx, key); err != nil {
			return err
		}
		return k.RequestIndex.Remove(ctx, index)
	}
	if err := k.Requests.Set(ctx, key, amount); err != nil {
		return err
	}
	return k.RequestIndex.Set(ctx, index)
}

// addTotal raises a validator's total and its pairing's total.
func (k *Keeper) addTotal(ctx context.Context, pairing, validator string, amount math.Int) error {
	valKey := collections.Join(pairing, validator)
	total, err := getInt(ctx, k.ValidatorTotals, valKey)
	if err != nil {
		return err
	}
	if err := setInt(ctx, k.ValidatorTotals, valKey, total.Add(amount)); err != nil {
		return err
	}
	sum, err := getInt(ctx, k.PairingTotals, pairing)
	if err != nil {
		return err
	}
	next := sum.Add(amount)
	if err := types.CheckAmount(next); err != nil {
		return err
	}
	return setInt(ctx, k.PairingTotals, pairing, next)
}

// removeRequest lowers a delegator's request by amount, refusing more than it holds. The
// validator's total falls by the same amount where it can; what a burn already took of it is
// taken from the burned record instead, so requests less burns always equal the total.
func (k *Keeper) removeRequest(ctx context.Context, pairing, delegator, validator string, amount math.Int) error {
	key := requestKey(pairing, delegator, validator)
	current, err := getInt(ctx, k.Requests, key)
	if err != nil {
		return err
	}
	if current.LT(amount) {
		return types.ErrInsufficientRequest.Wrapf("%s of %s on %s holds %s", pairing, delegator, validator, current)
	}
	if err := k.setRequest(ctx, key, current.Sub(amount)); err != nil {
		return err
	}
	valKey := collections.Join(pairing, validator)
	total, err := getInt(ctx, k.ValidatorTotals, valKey)
	if err != nil {
		return err
	}
	fromTotal := math.MinInt(total, amount)
	if err := k.subTotal(ctx, pairing, validator, fromTotal); err != nil {
		return err
	}
	if fromBurned := amount.Sub(fromTotal); fromBurned.IsPositive() {
		burned, err := getInt(ctx, k.Burned, valKey)
		if err != nil {
			return err
		}
		if burned.LT(fromBurned) {
			return types.ErrAccounting.Wrapf("%s on %s: burned record below the request", pairing, validator)
		}
		return setInt(ctx, k.Burned, valKey, burned.Sub(fromBurned))
	}
	return nil
}

// subTotal lowers a validator's total and its pairing's total; amount is at most the total.
func (k *Keeper) subTotal(ctx context.Context, pairing, validator string, amount math.Int) error {
	valKey := collections.Join(pairing, validator)
	total, err := getInt(ctx, k.ValidatorTotals, valKey)
	if err != nil {
		return err
	}
	if err := setInt(ctx, k.ValidatorTotals, valKey, total.Sub(amount)); err != nil {
		return err
	}
	sum, err := getInt(ctx, k.PairingTotals, pairing)
	if err != nil {
		return err
	}
	return setInt(ctx, k.PairingTotals, pairing, sum.Sub(amount))
}

// burn takes amount from the totals of the listed validators, split evenly and capped by what
// each holds; a share a validator cannot cover moves to the next. It returns what was burned,
// at most the validators' totals together. The burned part is recorded per validator.
func (k *Keeper) burn(ctx context.Context, pairing string, validators []string, amount math.Int) (math.Int, error) {
	seen := map[string]bool{}
	var holders []string
	for _, v := range validators {
		if seen[v] {
			continue
		}
		seen[v] = true
		total, err := getInt(ctx, k.ValidatorTotals, collections.Join(pairing, v))
		if err != nil {
			return math.Int{}, err
		}
		if total.IsPositive() {
			holders = append(holders, v)
		}
	}
	burned := math.ZeroInt()
	left := amount
	for i, v := range holders {
		if !left.IsPositive() {
			break
		}
		share := left.QuoRaw(int64(len(holders) - i))
		if i == len(holders)-1 {
			share = left
		}
		took, err := k.burnOne(ctx, pairing, v, share)
		if err != nil {
			return math.Int{}, err
		}
		burned, left = burned.Add(took), left.Sub(took)
	}
	return burned, nil
}

// burnOne burns up to amount of one validator's total and returns what it took.
func (k *Keeper) burnOne(ctx context.Context, pairing, validator string, amount math.Int) (math.Int, error) {
	valKey := collections.Join(pairing, validator)
	total, err := getInt(ctx, k.ValidatorTotals, valKey)
	if err != nil {
		return math.Int{}, err
	}
	took := math.MinInt(total, amount)
	if err := k.subTotal(ctx, pairing, validator, took); err != nil {
		return math.Int{}, err
	}
	burned, err := getInt(ctx, k.Burned, valKey)
	if err != nil {
		return math.Int{}, err
	}
	return took, setInt(ctx, k.Burned, valKey, burned.Add(took))
}
