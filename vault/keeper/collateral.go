package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/vault/types"
)

// checkCoin accepts a positive amount of the collateral denom.
func (k *Keeper) checkCoin(ctx context.Context, coin sdk.Coin) error {
	p, err := k.GetParams(ctx)
	if err != nil {
		return err
	}
	if coin.Amount.IsNil() || !coin.Amount.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "amount must be positive, got %s", coin.Amount)
	}
	if coin.Denom != p.Denom {
		return errorsmod.Wrapf(types.ErrWrongDenom, "got %q, collateral is %q", coin.Denom, p.Denom)
	}
	return nil
}

// Bond moves amount from owner into the vault as collateral. It goes through x/bank's delegation
// call, so a vesting account's locked tokens can be collateral.
func (k *Keeper) Bond(ctx context.Context, owner sdk.AccAddress, amount sdk.Coin) error {
	if err := k.checkCoin(ctx, amount); err != nil {
		return err
	}
	b, err := k.settle(ctx, owner)
	if err != nil {
		return err
	}
	if err := k.bank.DelegateCoinsFromAccountToModule(ctx, owner, types.ModuleName, sdk.NewCoins(amount)); err != nil {
		return err
	}
	b.collateral = b.collateral.Add(amount.Amount)
	if err := k.saveBook(ctx, b); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventBond{Owner: owner.String(), Amount: amount})
}

// Unbond returns amount of free collateral to owner: collateral no lien can claim, that the vault
// itself holds.
func (k *Keeper) Unbond(ctx context.Context, owner sdk.AccAddress, amount sdk.Coin) error {
	if err := k.checkCoin(ctx, amount); err != nil {
		return err
	}
	b, err := k.settle(ctx, owner)
	if err != nil {
		return err
	}
	if err := checkUnbondable(b, amount); err != nil {
		return err
	}
	b.collateral = b.collateral.Sub(amount.Amount)
	if err := k.saveBook(ctx, b); err != nil {
		return err
	}
	if err := k.bank.UndelegateCoinsFromModuleToAccount(ctx, types.ModuleName, owner, sdk.NewCoins(amount)); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventUnbond{Owner: owner.String(), Amount: amount})
}

// checkUnbondable says, in the user's terms, why amount cannot be unbonded: more than the
// collateral, or collateral that liens still claim (or that a custodial holder holds).
func checkUnbondable(b *book, amount sdk.Coin) error {
	have := sdk.NewCoin(amount.Denom, b.collateral)
	if amount.Amount.GT(b.collateral) {
		return errorsmod.Wrapf(types.ErrInvalidAmount,
			"you asked to unbond %s but your collateral is %s; unbond at most what you bonded", amount, have)
	}
	available := sdk.NewCoin(amount.Denom, math.MinInt(b.free().Low, b.vaultHeld()))
	if amount.Amount.GT(available.Amount) {
		return errorsmod.Wrapf(types.ErrClaimsLocked,
			"you asked to unbond %s but only %s of your %s collateral is free; unstake or release liens first",
			amount, available, have)
	}
	return nil
}
