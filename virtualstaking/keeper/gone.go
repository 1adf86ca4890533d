package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/virtualstaking/capture"
)

// pendingEvents is implemented by an event capture that can tell whether it still holds events
// the converter has not received.
type pendingEvents interface {
	PendingEvents(ctx context.Context, limit int) ([]capture.Event, error)
}

// validatorGone reports whether a validator can never take virtual stake again: x/slashing
// tombstoned it or x/staking removed it.
func (k *Keeper) validatorGone(ctx context.Context, valoper string) (bool, error) {
	valAddr, err := sdk.ValAddressFromBech32(valoper)
	if err != nil {
		return false, err
	}
	validator, err := k.staking.GetValidator(ctx, valAddr)
	if errors.Is(err, stakingtypes.ErrNoValidatorFound) {
		return true, nil
	} else if err != nil {
		return false, err
	}
	return k.tombstoned(ctx, validator), nil
}

// endRequestsIfGone has the converter end up to limit requests of the pairing on a tombstoned or
// removed validator, each with an internal_unstake, once the chain's events about it have all
// reached the converter. When none are left, the pairing's debt on the validator goes with them.
// It returns how many requests ended.
func (k *Keeper) endRequestsIfGone(ctx context.Context, pairingID, valoper string, limit uint32) (uint32, error) {
	gone, err := k.validatorGone(ctx, valoper)
	if err != nil || !gone {
		return 0, err
	}
	if p, ok := k.events.(pendingEvents); ok {
		queued, err := p.PendingEvents(ctx, 1)
		if err != nil || len(queued) > 0 {
			return 0, err
		}
	}
	ended, done, err := k.converter.EndValidatorRequests(ctx, pairingID, valoper, limit)
	if err != nil || !done {
		return ended, err
	}
	return ended, k.Debts.Remove(ctx, collections.Join(pairingID, valoper))
}

// valueOf is what shares of a validator are worth (floor); nothing when the validator has no
// delegator shares left (x/staking's exchange rate is then undefined).
func valueOf(v stakingtypes.ValidatorI, shares math.LegacyDec) math.Int {
	if shares.IsZero() || v.GetDelegatorShares().IsZero() {
		return math.ZeroInt()
	}
	return v.TokensFromShares(shares).TruncateInt()
}
