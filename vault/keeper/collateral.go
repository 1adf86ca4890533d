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
	return emit(ctx, &types.EventBond{Owner: owner.String(), Amount: amount})
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
	available := math.MinInt(b.free().Low, b.vaultHeld())
	if amount.Amount.GT(available) {
		return errorsmod.Wrapf(types.ErrClaimsLocked, "free collateral %s, asked %s", available, amount.Amount)
	}
	b.collateral = b.collateral.Sub(amount.Amount)
	if err := k.saveBook(ctx, b); err != nil {
		return err
	}
	if err := k.bank.UndelegateCoinsFromModuleToAccount(ctx, types.ModuleName, owner, sdk.NewCoins(amount)); err != nil {
		return err
	}
	return emit(ctx, &types.EventUnbond{Owner: owner.String(), Amount: amount})
}
