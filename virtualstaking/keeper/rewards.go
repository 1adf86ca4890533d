package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// withdrawRewards withdraws the rewards of every account of the pairing delegating to the
// validator, moves them to the module account and adds them to the epoch's rewards of that
// validator. It runs before every change to the delegation, so x/distribution never pays rewards
// into an account behind the module's back.
func (k *Keeper) withdrawRewards(ctx context.Context, params types.Params, pairingID string, valAddr sdk.ValAddress) error {
	denom, err := k.bondDenom(ctx)
	if err != nil {
		return err
	}
	total := math.ZeroInt()
	for _, acc := range accounts(pairingID, params.AccountsPerPairing, 0) {
		if _, err := k.staking.GetDelegation(ctx, acc, valAddr); errors.Is(err, stakingtypes.ErrNoDelegation) {
			continue
		} else if err != nil {
			return err
		}
		got, err := k.distr.WithdrawDelegationRewards(ctx, acc, valAddr)
		if err != nil {
			return errorsmod.Wrap(types.ErrRewardsFailed, err.Error())
		}
		amount := got.AmountOf(denom)
		if !amount.IsPositive() {
			continue
		}
		if err := k.bank.SendCoinsFromAccountToModule(ctx, acc, types.ModuleName, sdk.NewCoins(sdk.NewCoin(denom, amount))); err != nil {
			return err
		}
		total = total.Add(amount)
	}
	if total.IsZero() {
		return nil
	}
	key := collections.Join(pairingID, valAddr.String())
	prev, err := k.RunRewards.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		prev = math.ZeroInt()
	} else if err != nil {
		return err
	}
	return k.RunRewards.Set(ctx, key, prev.Add(total))
}

// distribute hands the epoch's rewards of a pairing to the converter in one call, by validator in
// ascending order, paid from the module account.
func (k *Keeper) distribute(ctx context.Context, pairingID string) error {
	rng := collections.NewPrefixedPairRange[string, string](pairingID)
	it, err := k.RunRewards.Iterate(ctx, rng)
	if err != nil {
		return err
	}
	kvs, err := it.KeyValues()
	if err != nil {
		return err
	}
	if len(kvs) == 0 {
		return nil
	}
	rewards := make([]convertertypes.ValidatorReward, 0, len(kvs))
	for _, kv := range kvs {
		rewards = append(rewards, convertertypes.ValidatorReward{Valoper: kv.Key.K2(), Amount: kv.Value})
		if err := k.RunRewards.Remove(ctx, kv.Key); err != nil {
			return err
		}
	}
	return k.converter.DistributeRewards(ctx, pairingID, k.module, rewards)
}
