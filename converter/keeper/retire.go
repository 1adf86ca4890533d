package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/converter/types"
)

// Reasons a validator's requests end without an unstake from the provider.
const (
	endRetired    = "retired"
	endTombstoned = "tombstoned"
	endRemoved    = "removed"
)

// RetireBatch is how many requests of one validator retirement ends at once: in the packet or
// report that empties the validator's total, then in each block's EndBlock until none are left.
const RetireBatch = 100

// retireIfEmpty starts ending what is left of the requests on a validator whose total fell to
// zero. The requests less the burned record equal the total, so what is left is exactly what
// burns and booked slashes took: no stake of the provider backs it any more. The validator is
// marked retiring and a first batch of its requests ends at once; EndBlock ends the rest, a
// batch per block. A validator already retiring is left to EndBlock.
func (k *Keeper) retireIfEmpty(ctx context.Context, p types.ProviderPairing, validator string) error {
	valKey := collections.Join(p.Id, validator)
	total, err := getInt(ctx, k.ValidatorTotals, valKey)
	if err != nil || total.IsPositive() {
		return err
	}
	burned, err := getInt(ctx, k.Burned, valKey)
	if err != nil || burned.IsZero() {
		return err
	}
	if retiring, err := k.Retiring.Has(ctx, valKey); err != nil || retiring {
		return err
	}
	if err := k.Retiring.Set(ctx, valKey); err != nil {
		return err
	}
	_, err = k.retireBatch(ctx, p.Id, validator, RetireBatch)
	return err
}

// retireBatch ends up to limit requests of a retiring validator, each taken off the burned
// record, which keeps the requests less the burned record equal to the zero total. When none are
// left the burned record is zero and the validator is no longer retiring. It returns how many
// requests ended.
func (k *Keeper) retireBatch(ctx context.Context, pairing, validator string, limit uint32) (uint32, error) {
	delegators, err := k.delegatorsOn(ctx, pairing, validator, limit)
	if err != nil {
		return 0, err
	}
	ended := math.ZeroInt()
	for _, d := range delegators {
		amount, err := getInt(ctx, k.Requests, requestKey(pairing, d, validator))
		if err != nil {
			return 0, err
		}
		if err := k.removeRequest(ctx, pairing, d, validator, amount); err != nil {
			return 0, err
		}
		ended = ended.Add(amount)
	}
	left, err := k.delegatorsOn(ctx, pairing, validator, 1)
	if err != nil {
		return 0, err
	}
	valKey := collections.Join(pairing, validator)
	if len(left) == 0 {
		if err := k.Burned.Remove(ctx, valKey); err != nil {
			return 0, err
		}
		if err := k.Retiring.Remove(ctx, valKey); err != nil {
			return 0, err
		}
	}
	if len(delegators) > 0 {
		p, err := k.GetPairing(ctx, pairing)
		if err != nil {
			return 0, err
		}
		k.emit(ctx, &types.EventRequestsEnded{Pairing: pairing, Validator: validator, Reason: endRetired,
			Count: uint32(len(delegators)), Remote: ended.String() + p.RemoteDenom})
	}
	return uint32(len(delegators)), nil
}

// markRetiring marks a validator retiring when burns emptied its total: a state imported in the
// middle of a retirement goes on with it.
func (k *Keeper) markRetiring(ctx context.Context, pairing, validator string) error {
	valKey := collections.Join(pairing, validator)
	total, err := getInt(ctx, k.ValidatorTotals, valKey)
	if err != nil || total.IsPositive() {
		return err
	}
	return k.Retiring.Set(ctx, valKey)
}

// retireRequests ends up to limit requests of retiring validators, in key order.
func (k *Keeper) retireRequests(ctx context.Context, limit uint32) error {
	var retiring []collections.Pair[string, string]
	err := k.Retiring.Walk(ctx, nil, func(key collections.Pair[string, string]) (bool, error) {
		retiring = append(retiring, key)
		return uint32(len(retiring)) >= limit, nil
	})
	if err != nil {
		return err
	}
	for _, key := range retiring {
		if limit == 0 {
			return nil
		}
		ended, err := k.retireBatch(ctx, key.K1(), key.K2(), limit)
		if err != nil {
			return err
		}
		limit -= min(ended, limit)
	}
	return nil
}

// delegatorsOn lists, in ascending order, up to limit (zero: every) delegators with a request on
// the validator.
func (k *Keeper) delegatorsOn(ctx context.Context, pairing, validator string, limit uint32) ([]string, error) {
	rng := collections.NewSuperPrefixedTripleRange[string, string, string](pairing, validator)
	iter, err := k.RequestIndex.Iterate(ctx, rng)
	if err != nil {
		return nil, err
	}
	defer iter.Close()
	var out []string
	for ; iter.Valid() && (limit == 0 || uint32(len(out)) < limit); iter.Next() {
		key, err := iter.Key()
		if err != nil {
			return nil, err
		}
		out = append(out, key.K3())
	}
	return out, nil
}

// EndValidatorRequests ends up to limit requests on a validator that x/slashing tombstoned or
// x/staking removed: each is removed and an internal_unstake carrying it exactly as received is
// queued, so the provider releases the stake at once (a closed pairing sends nothing). It waits,
// ending nothing, until every report of the pairing reached the provider and was acknowledged
// (none queued, none drafted, no valset_update in flight), so the provider applies the
// validator's slashes and tombstone before it releases the stake. A zero limit ends nothing. It
// returns how many requests ended and whether none are left on the validator.
func (k *Keeper) EndValidatorRequests(ctx context.Context, pairingID, valoper string, limit uint32) (uint32, bool, error) {
	p, err := k.GetPairing(ctx, pairingID)
	if err != nil {
		return 0, false, err
	}
	closed := p.Status == types.PAIRING_STATUS_CLOSED
	if limit == 0 {
		return 0, false, nil
	}
	if !closed {
		settled, err := k.reportsSettled(ctx, pairingID)
		if err != nil || !settled {
			return 0, false, err
		}
	}
	delegators, err := k.delegatorsOn(ctx, pairingID, valoper, limit)
	if err != nil {
		return 0, false, err
	}
	ended := math.ZeroInt()
	for _, d := range delegators {
		amount, err := getInt(ctx, k.Requests, requestKey(pairingID, d, valoper))
		if err != nil {
			return 0, false, err
		}
		if err := k.removeRequest(ctx, pairingID, d, valoper, amount); err != nil {
			return 0, false, err
		}
		ended = ended.Add(amount)
		if closed {
			continue
		}
		if err := k.queueInternalUnstake(ctx, p, d, valoper, amount); err != nil {
			return 0, false, err
		}
	}
	left, err := k.delegatorsOn(ctx, pairingID, valoper, 1)
	if err != nil {
		return 0, false, err
	}
	if len(delegators) > 0 {
		k.emit(ctx, &types.EventRequestsEnded{Pairing: pairingID, Validator: valoper, Reason: k.endReason(ctx, valoper),
			Count: uint32(len(delegators)), Remote: ended.String() + p.RemoteDenom})
	}
	return uint32(len(delegators)), len(left) == 0, nil
}

// endReason says why a validator's requests end: removed when x/staking no longer knows it,
// tombstoned otherwise.
func (k *Keeper) endReason(ctx context.Context, valoper string) string {
	val, err := k.staking.ValidatorAddressCodec().StringToBytes(valoper)
	if err != nil {
		return endRemoved
	}
	if _, err := k.staking.GetValidator(ctx, val); errors.Is(err, stakingtypes.ErrNoValidatorFound) {
		return endRemoved
	}
	return endTombstoned
}

// reportsSettled says whether every report of the pairing reached the provider and was
// acknowledged: none is queued, none drafted and no valset_update is in flight.
func (k *Keeper) reportsSettled(ctx context.Context, pairingID string) (bool, error) {
	iter, err := k.Reports.Iterate(ctx, nil)
	if err != nil {
		return false, err
	}
	queued := iter.Valid()
	iter.Close()
	if queued {
		return false, nil
	}
	if drafted, err := k.ValsetDrafts.Has(ctx, pairingID); err != nil || drafted {
		return false, err
	}
	inFlight, err := k.ValsetInFlight.Has(ctx, pairingID)
	return !inFlight, err
}
