package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// WithdrawRewards settles the user, withdraws the rewards of every delegation of the user's
// account through x/distribution's Msg server, and pays the owner whatever the account holds
// above its recorded liquid principal. Rewards normally go straight to the owner, the account's
// withdraw address; where the chain disables withdraw addresses they land in the account, as do
// the rewards x/distribution pays whenever the account's delegations change, and are forwarded
// here. It returns everything the owner received.
func (k *Keeper) WithdrawRewards(ctx context.Context, owner sdk.AccAddress) (sdk.Coins, error) {
	account, err := k.settledAccount(ctx, owner)
	if err != nil {
		return nil, err
	}
	v, err := k.value(ctx, owner)
	if err != nil {
		return nil, err
	}
	held, err := k.excess(ctx, v)
	if err != nil {
		return nil, err
	}
	if len(v.positions) == 0 && held.IsZero() {
		return nil, errorsmod.Wrapf(types.ErrNoPosition, "%s has no delegations", owner)
	}
	withdrawn, err := k.withdrawEach(ctx, account, v.positions)
	if err != nil {
		return nil, err
	}
	forward, err := k.excess(ctx, v)
	if err != nil {
		return nil, err
	}
	if !forward.IsZero() {
		if err := k.bank.SendCoins(ctx, account, owner, forward); err != nil {
			return nil, errorsmod.Wrap(types.ErrRewardsFailed, err.Error())
		}
	}
	// What reached the owner: the rewards paid to it directly and everything forwarded, which is
	// what the account held before plus the rewards that landed in it.
	return withdrawn.Add(held...), nil
}

// withdrawEach withdraws the rewards of every position x/staking still holds a delegation for; a
// position a slash has emptied has no delegation and no rewards.
func (k *Keeper) withdrawEach(ctx context.Context, account sdk.AccAddress, positions []positionView) (sdk.Coins, error) {
	total := sdk.NewCoins()
	for _, p := range positions {
		if !p.worth.IsPositive() {
			continue
		}
		res, err := k.distrMsgs.WithdrawDelegatorReward(ctx, &distrtypes.MsgWithdrawDelegatorReward{
			DelegatorAddress: account.String(), ValidatorAddress: p.validator.String(),
		})
		if err != nil {
			return nil, errorsmod.Wrap(types.ErrRewardsFailed, err.Error())
		}
		total = total.Add(res.Amount...)
	}
	return total, nil
}

// excess is what the user's account holds above its recorded liquid principal: rewards paid into
// it and anything anyone sent to it. The valuation never counts it (a balance above the recorded
// liquid principal is neither a loss nor principal), so it belongs to the owner.
func (k *Keeper) excess(ctx context.Context, v *valuation) (sdk.Coins, error) {
	denom, err := k.staking.BondDenom(ctx)
	if err != nil {
		return nil, err
	}
	all := k.bank.GetAllBalances(ctx, v.account)
	if principal := math.MinInt(all.AmountOf(denom), v.liquid()); principal.IsPositive() {
		all = all.Sub(sdk.NewCoin(denom, principal))
	}
	return all, nil
}
