package keeper

import (
	"context"
	"errors"
	"sort"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// pairingCrossStake is the bonded cross-stake of every validator of the pairing, read from its
// running total in one store read, whatever the number of validators and stakers.
func (k *Keeper) pairingCrossStake(ctx context.Context, pairing string) (math.Int, error) {
	total, err := k.CrossStake.Get(ctx, pairing)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return total, err
}

// setValidator saves a validator whose bonded tokens were was before the change being saved, and
// moves the pairing's running total of cross-stake by the difference.
func (k *Keeper) setValidator(ctx context.Context, pairing, valoper string, was math.Int, v types.Validator) error {
	if err := k.Validators.Set(ctx, collections.Join(pairing, valoper), v); err != nil {
		return err
	}
	return k.moveCrossStake(ctx, pairing, v.Tokens.Sub(was))
}

// moveCrossStake moves the pairing's running total of cross-stake by delta; a total that would
// fall below zero is an ErrAccounting.
func (k *Keeper) moveCrossStake(ctx context.Context, pairing string, delta math.Int) error {
	if delta.IsZero() {
		return nil
	}
	total, err := k.pairingCrossStake(ctx, pairing)
	if err != nil {
		return err
	}
	total = total.Add(delta)
	if total.IsNegative() {
		return errorsmod.Wrapf(types.ErrAccounting, "cross-stake of %q would fall to %s", pairing, total)
	}
	if total.IsZero() {
		return k.CrossStake.Remove(ctx, pairing)
	}
	return k.CrossStake.Set(ctx, pairing, total)
}

// sumCrossStake adds up the bonded tokens of every validator, per pairing (pairings without
// cross-stake are left out). It walks every validator: for genesis checks and invariants only.
func (k *Keeper) sumCrossStake(ctx context.Context) (map[string]math.Int, error) {
	sums := map[string]math.Int{}
	err := k.Validators.Walk(ctx, nil, func(key collections.Pair[string, string], v types.Validator) (bool, error) {
		if v.Tokens.IsPositive() {
			sums[key.K1()] = addOrSet(sums[key.K1()], v.Tokens)
		}
		return false, nil
	})
	return sums, err
}

// CheckCrossStake compares every pairing's running total of cross-stake with the sum of its
// validators' tokens; a mismatch is an ErrAccounting. It walks every validator: for tests and the
// crisis module, never for block handlers.
func (k *Keeper) CheckCrossStake(ctx context.Context) error {
	sums, err := k.sumCrossStake(ctx)
	if err != nil {
		return err
	}
	err = k.CrossStake.Walk(ctx, nil, func(pairing string, total math.Int) (bool, error) {
		sum := addOrSet(sums[pairing], math.ZeroInt())
		if !sum.Equal(total) {
			return true, errorsmod.Wrapf(types.ErrAccounting, "pairing %s: running cross-stake %s, validators hold %s",
				pairing, total, sum)
		}
		delete(sums, pairing)
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, pairing := range sortedPairings(sums) {
		return errorsmod.Wrapf(types.ErrAccounting, "pairing %s: no running cross-stake, validators hold %s", pairing, sums[pairing])
	}
	return nil
}

// MigrateCrossStake writes every pairing's running total of cross-stake from its validators'
// tokens: the migration of a state written before the totals were kept.
func (k *Keeper) MigrateCrossStake(ctx context.Context) error {
	sums, err := k.sumCrossStake(ctx)
	if err != nil {
		return err
	}
	for _, pairing := range sortedPairings(sums) {
		if err := k.CrossStake.Set(ctx, pairing, sums[pairing]); err != nil {
			return err
		}
	}
	return nil
}

// sortedPairings lists the pairings of sums in order, so that what is written or reported does
// not depend on map order.
func sortedPairings(sums map[string]math.Int) []string {
	out := make([]string, 0, len(sums))
	for pairing := range sums {
		out = append(out, pairing)
	}
	sort.Strings(out)
	return out
}
