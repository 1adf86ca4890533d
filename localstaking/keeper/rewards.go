package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// WithdrawRewards settles the user, withdraws the rewards of every delegation of the user's
// account through x/distribution's Msg server, and pays the owner whatever the account holds
// above its recorded liquid principal. Rewards normally go straight to the owner, the account's
// withdraw address; where the chain disables withdraw addresses they land in the account, as do
// the rewards x/distribution pays whenever the account's delegations change, and are forwarded
// here. It returns everything the owner received. It reads only what it needs: the validators of
// the user's positions and the principal that is liquid (or has matured) in the account.
func (k *Keeper) WithdrawRewards(ctx context.Context, owner sdk.AccAddress) (sdk.Coins, error) {
	account, err := k.settledAccount(ctx, owner)
	if err != nil {
		return nil, err
	}
	validators, err := k.positionValidators(ctx, owner)
	if err != nil {
		return nil, err
	}
	denom, err := k.staking.BondDenom(ctx)
	if err != nil {
		return nil, err
	}
	liquid, err := k.liquidPrincipal(ctx, owner, account)
	if err != nil {
		return nil, err
	}
	held := k.excess(ctx, account, denom, liquid)
	if len(validators) == 0 && held.IsZero() {
		return nil, errorsmod.Wrapf(types.ErrNoPosition, "%s has no delegations", owner)
	}
	withdrawn, err := k.withdrawEach(ctx, account, validators)
	if err != nil {
		return nil, err
	}
	if forward := k.excess(ctx, account, denom, liquid); !forward.IsZero() {
		if err := k.bank.SendCoins(ctx, account, owner, forward); err != nil {
			return nil, errorsmod.Wrap(types.ErrRewardsFailed, err.Error())
		}
	}
	// What reached the owner: the rewards paid to it directly and everything forwarded, which is
	// what the account held before plus the rewards that landed in it.
	return withdrawn.Add(held...), nil
}

// positionValidators lists the validators the user has a recorded position with.
func (k *Keeper) positionValidators(ctx context.Context, owner sdk.AccAddress) ([]sdk.ValAddress, error) {
	var out []sdk.ValAddress
	err := k.Positions.Walk(ctx, collections.NewPrefixedPairRange[sdk.AccAddress, sdk.ValAddress](owner),
		func(key collections.Pair[sdk.AccAddress, sdk.ValAddress], _ types.Position) (bool, error) {
			out = append(out, key.K2())
			return false, nil
		})
	return out, err
}

// liquidPrincipal is the user's recorded liquid principal plus the principal of unbonding entries
// x/staking has completed (their tokens are in the account too).
func (k *Keeper) liquidPrincipal(ctx context.Context, owner, account sdk.AccAddress) (math.Int, error) {
	h, err := k.holdingsOf(ctx, owner)
	if err != nil {
		return math.Int{}, err
	}
	v := &valuation{owner: owner, account: account}
	if err := k.valueUnbondings(ctx, v); err != nil {
		return math.Int{}, err
	}
	liquid := h.Liquid
	for _, u := range v.unbondings {
		if !u.live {
			liquid = liquid.Add(u.record.Principal)
		}
	}
	return liquid, nil
}

// withdrawEach withdraws the rewards of every listed validator the account still has a
// delegation with; a position a slash has emptied has no delegation and no rewards, and
// x/distribution refuses it before changing anything.
func (k *Keeper) withdrawEach(ctx context.Context, account sdk.AccAddress, validators []sdk.ValAddress) (sdk.Coins, error) {
	total := sdk.NewCoins()
	for _, val := range validators {
		res, err := k.distrMsgs.WithdrawDelegatorReward(ctx, &distrtypes.MsgWithdrawDelegatorReward{
			DelegatorAddress: account.String(), ValidatorAddress: val.String(),
		})
		if noDelegation(err) {
			continue
		}
		if err != nil {
			return nil, errorsmod.Wrap(types.ErrRewardsFailed, err.Error())
		}
		total = total.Add(res.Amount...)
	}
	return total, nil
}

// excess is what the account holds above its liquid principal: rewards paid into it and anything
// anyone sent to it. The valuation never counts it (a balance above the recorded liquid principal
// is neither a loss nor principal), so it belongs to the owner.
func (k *Keeper) excess(ctx context.Context, account sdk.AccAddress, denom string, liquid math.Int) sdk.Coins {
	all := k.bank.GetAllBalances(ctx, account)
	if principal := math.MinInt(all.AmountOf(denom), liquid); principal.IsPositive() {
		all = all.Sub(sdk.NewCoin(denom, principal))
	}
	return all
}

// noDelegation reports whether x/distribution refused a withdrawal because the delegation or its
// validator no longer exists.
func noDelegation(err error) bool {
	return errors.Is(err, stakingtypes.ErrNoDelegation) || errors.Is(err, stakingtypes.ErrNoValidatorFound) ||
		errors.Is(err, distrtypes.ErrEmptyDelegationDistInfo) || errors.Is(err, distrtypes.ErrNoValidatorDistInfo)
}
