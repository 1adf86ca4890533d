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
		points := amount.Mul(rewardScale).Add(v.PointsLeftover)
		inc := points.Quo(v.Shares)
		v.PointsPerShare = v.PointsPerShare.Add(inc)
		v.PointsLeftover = points.Sub(inc.Mul(v.Shares))
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
