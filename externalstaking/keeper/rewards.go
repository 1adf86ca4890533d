package keeper

import (
	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// distribute credits amount of rewards to the committed shares of a validator: points per share
// grow by amount·10^18 / shares, and what the division leaves is carried to the next credit.
// A validator without committed stake is credited nothing (an event says so).
func (k *Keeper) distribute(ctx sdk.Context, pairing, val string, amount math.Int) error {
	v, err := k.loadValidator(ctx, pairing, val)
	if err != nil {
		return err
	}
	credited := v.Shares.IsPositive() && amount.IsPositive()
	if credited {
		if err := credit(&v, amount); err != nil {
			return err
		}
		if err := k.Validators.Set(ctx, collections.Join(pairing, val), v); err != nil {
			return err
		}
	}
	p, err := k.GetPairing(ctx, pairing)
	if err != nil {
		return err
	}
	return k.emit(ctx, &types.EventRewardsDistributed{
		Pairing: pairing, Validator: val, Amount: amount.String() + p.RewardsDenom, Credited: credited,
	})
}

// credit grows v's points per share by amount·10^18 / shares, carrying the remainder. It refuses
// with ErrOverflow, leaving v as it was, an amount that would take the points per share to the
// bound, past which the largest shares a validator may hold would no longer multiply safely.
func credit(v *types.Validator, amount math.Int) error {
	if amount.GTE(maxPointsPerShare) {
		return types.ErrOverflow.Wrapf("reward %s reaches %s", amount, maxPointsPerShare)
	}
	points := amount.Mul(rewardScale).Add(v.PointsLeftover)
	inc := points.Quo(v.Shares)
	perShare := v.PointsPerShare.Add(inc)
	if perShare.GTE(maxPointsPerShare) {
		return types.ErrOverflow.Wrapf("reward %s would take the points per share of %s shares to %s or more",
			amount, v.Shares, maxPointsPerShare)
	}
	v.PointsPerShare = perShare
	v.PointsLeftover = points.Sub(inc.Mul(v.Shares))
	return nil
}
