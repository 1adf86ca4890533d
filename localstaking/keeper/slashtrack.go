package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// A user's recorded amounts can fall below their worth only when x/staking slashes a validator
// the user holds (directly, through an unbonding entry, or through a redelegation into it) or
// when the module itself moves the user's stake. The staking hook counts slashes in SlashEpoch
// and stamps each slashed validator with the epoch; a full valuation that finds nothing lost
// stamps the user. While nothing the user holds was stamped after the user, PendingSlash answers
// zero from two reads, whatever the user's positions. Every change of the user's stake that may
// leave a record above its worth (x/staking rounds shares) drops the user's stamp.

// everyValidator is the ValidatorSlashes key of a slash that counts against every validator.
var everyValidator = sdk.ValAddress{}

// slashed records a slash of val in the slash epoch and stamps val and every validator a
// redelegation out of val went to (x/staking slashes those redelegations with val).
func (k *Keeper) slashed(ctx context.Context, val sdk.ValAddress) error {
	epoch, err := k.slashEpoch(ctx)
	if err != nil {
		return err
	}
	epoch++
	if err := k.SlashEpoch.Set(ctx, epoch); err != nil {
		return err
	}
	if err := k.ValidatorSlashes.Set(ctx, val, epoch); err != nil || len(val) == 0 {
		return err
	}
	reds, err := k.staking.GetRedelegationsFromSrcValidator(ctx, val)
	if err != nil {
		return err
	}
	for _, red := range reds {
		dst, err := k.valCodec.StringToBytes(red.ValidatorDstAddress)
		if err != nil {
			return err
		}
		if err := k.ValidatorSlashes.Set(ctx, dst, epoch); err != nil {
			return err
		}
	}
	return nil
}

// slashEpoch is the number of slashes seen, zero before the first.
func (k *Keeper) slashEpoch(ctx context.Context) (uint64, error) {
	epoch, err := k.SlashEpoch.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return epoch, err
}

// unchanged reports whether nothing the user holds was slashed since the user's records were
// last found worth what they say. When only other validators were slashed, it moves the user's
// stamp to the current epoch, so the next call is two reads again.
func (k *Keeper) unchanged(ctx context.Context, owner sdk.AccAddress) (bool, error) {
	stamp, err := k.Valued.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	epoch, err := k.slashEpoch(ctx)
	if err != nil || stamp == epoch {
		return err == nil, err
	}
	hit, err := k.holdsSlashed(ctx, owner, stamp)
	if err != nil || hit {
		return false, err
	}
	return true, k.Valued.Set(ctx, owner, epoch)
}

// holdsSlashed reports whether a validator the user has a position or an unbonding entry with
// (or every validator) was stamped after stamp.
func (k *Keeper) holdsSlashed(ctx context.Context, owner sdk.AccAddress, stamp uint64) (bool, error) {
	hit := false
	check := func(val sdk.ValAddress) (bool, error) {
		at, err := k.ValidatorSlashes.Get(ctx, val)
		if errors.Is(err, collections.ErrNotFound) {
			return false, nil
		}
		hit = err == nil && at > stamp
		return hit, err
	}
	if _, err := check(everyValidator); err != nil || hit {
		return hit, err
	}
	err := k.Positions.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, sdk.ValAddress](owner),
		func(key collections.Pair[sdk.AccAddress, sdk.ValAddress], _ types.Position) (bool, error) {
			return check(key.K2())
		})
	if err != nil || hit {
		return hit, err
	}
	err = k.Unbondings.Walk(ctx, collections.NewPrefixedTripleRange[sdk.AccAddress, sdk.ValAddress, int64](owner),
		func(key collections.Triple[sdk.AccAddress, sdk.ValAddress, int64], _ types.Unbonding) (bool, error) {
			return check(key.K2())
		})
	return hit, err
}

// stamp records that the user's records are worth what they say at the current slash epoch.
func (k *Keeper) stamp(ctx context.Context, owner sdk.AccAddress) error {
	epoch, err := k.slashEpoch(ctx)
	if err != nil {
		return err
	}
	return k.Valued.Set(ctx, owner, epoch)
}

// forget drops the user's stamp, so the next settlement values the user in full.
func (k *Keeper) forget(ctx context.Context, owner sdk.AccAddress) error {
	return k.Valued.Remove(ctx, owner)
}

// pendingLoss is the loss PendingSlash reports for a user already valued as v.
func (k *Keeper) pendingLoss(ctx context.Context, owner sdk.AccAddress, v *valuation) (math.Int, error) {
	clean, err := k.unchanged(ctx, owner)
	if err != nil || clean {
		return math.ZeroInt(), err
	}
	return v.loss(), nil
}
