package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// Unstake queues amount of the user's stake with val in the user's unbonding batch for that
// validator, which EndBlock hands to x/staking at the batch's due time. Stake with an Unbonded
// validator is unbonded at once and becomes liquid, unless a redelegation into that validator
// can still be slashed (see instantUnbondable). It returns the due time and whether the unbond
// was instant.
func (k *Keeper) Unstake(ctx context.Context, owner sdk.AccAddress, val sdk.ValAddress, amount sdk.Coin) (time.Time, bool, error) {
	account, err := k.actionable(ctx, owner, amount)
	if err != nil {
		return time.Time{}, false, err
	}
	p, found, err := k.positionOf(ctx, owner, val)
	if err != nil {
		return time.Time{}, false, err
	}
	if !found {
		return time.Time{}, false, errorsmod.Wrapf(types.ErrNoPosition, "you have no local stake with %s", sdk.ValAddress(val))
	}
	if free := p.Principal.Sub(p.Queued); free.LT(amount.Amount) {
		return time.Time{}, false, errorsmod.Wrapf(types.ErrInsufficientStake,
			"you asked to unstake %s from %s but only %s of your stake there is not already unbonding",
			amount, sdk.ValAddress(val), sdk.NewCoin(amount.Denom, free))
	}
	validator, err := k.staking.GetValidator(ctx, val)
	if err != nil {
		return time.Time{}, false, errorsmod.Wrap(types.ErrUnknownValidator, err.Error())
	}
	instant, err := k.instantUnbondable(ctx, account, val, validator)
	if err != nil {
		return time.Time{}, false, err
	}
	if instant {
		return sdk.UnwrapSDKContext(ctx).BlockTime(), true, k.instantUnbond(ctx, owner, account, val, p, amount.Amount)
	}
	due, err := k.queue(ctx, owner, val, p, amount.Amount)
	return due, false, err
}

// actionable settles the user with the vault, so every recorded amount is what it is worth, and
// returns the user's account after checking amount.
func (k *Keeper) actionable(ctx context.Context, owner sdk.AccAddress, amount sdk.Coin) (sdk.AccAddress, error) {
	if err := k.checkAmount(ctx, amount); err != nil {
		return nil, err
	}
	return k.settledAccount(ctx, owner)
}

// settledAccount returns the user's account after settling the user with the vault.
func (k *Keeper) settledAccount(ctx context.Context, owner sdk.AccAddress) (sdk.AccAddress, error) {
	account, err := k.AccountOf(ctx, owner)
	if err != nil {
		return nil, err
	}
	vault, err := k.Vault()
	if err != nil {
		return nil, err
	}
	return account, vault.ReportSlash(ctx, "", owner)
}

// checkAmount requires a positive amount of the staking denom.
func (k *Keeper) checkAmount(ctx context.Context, amount sdk.Coin) error {
	denom, err := k.staking.BondDenom(ctx)
	if err != nil {
		return err
	}
	if amount.Denom != denom {
		return errorsmod.Wrapf(types.ErrWrongDenom, "expected %s, got %q", denom, amount.Denom)
	}
	if amount.Amount.IsNil() || !amount.Amount.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "amount must be positive, got %s", amount.Amount)
	}
	return nil
}

// queue adds amount to the user's batch for val and schedules the batch if it is new.
func (k *Keeper) queue(ctx context.Context, owner sdk.AccAddress, val sdk.ValAddress, p types.Position, amount math.Int) (time.Time, error) {
	if p.Queued.IsZero() {
		seg, err := k.segment(ctx)
		if err != nil {
			return time.Time{}, err
		}
		p.DueTime = dueTime(sdk.UnwrapSDKContext(ctx).BlockTime(), p.LastBatchTime, owner, val, seg)
		if err := k.BatchQueue.Set(ctx, collections.Join3(p.DueTime, owner, val)); err != nil {
			return time.Time{}, err
		}
	}
	p.Queued = p.Queued.Add(amount)
	if err := k.setPosition(ctx, owner, val, p); err != nil {
		return time.Time{}, err
	}
	return p.DueTime, k.emit(ctx, &types.EventUnstakeQueued{
		Owner: owner.String(), Validator: val.String(), Amount: amount.String(), DueTime: p.DueTime,
	})
}

// instantUnbond takes amount out of a delegation with an Unbonded validator, which x/staking
// holds in the not-bonded pool, and pays it into the user's account as liquid principal.
func (k *Keeper) instantUnbond(ctx context.Context, owner, account sdk.AccAddress, val sdk.ValAddress, p types.Position, amount math.Int) error {
	shares, err := k.staking.ValidateUnbondAmount(ctx, account, val, amount)
	if err != nil {
		return errorsmod.Wrap(types.ErrStakingFailed, err.Error())
	}
	tokens, err := k.staking.Unbond(ctx, account, val, shares)
	if err != nil {
		return errorsmod.Wrap(types.ErrStakingFailed, err.Error())
	}
	if tokens.IsPositive() {
		coin, err := k.bondCoin(ctx, tokens)
		if err != nil {
			return err
		}
		if err := k.bank.UndelegateCoinsFromModuleToAccount(ctx, stakingtypes.NotBondedPoolName, account, sdk.NewCoins(coin)); err != nil {
			return err
		}
	}
	p.Principal = p.Principal.Sub(amount)
	if err := k.setPosition(ctx, owner, val, p); err != nil {
		return err
	}
	h, err := k.holdingsOf(ctx, owner)
	if err != nil {
		return err
	}
	h.Liquid = h.Liquid.Add(amount)
	if err := k.setHoldings(ctx, owner, h); err != nil {
		return err
	}
	if err := k.forget(ctx, owner); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventBatchUndelegated{Owner: owner.String(), Validator: val.String(), Amount: amount.String(), Instant: true})
}
