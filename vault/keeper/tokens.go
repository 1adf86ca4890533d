package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"

	"github.com/meshsecurity/mesh/vault/types"
)

// coins is amount of the collateral denom.
func (k *Keeper) coins(ctx context.Context, amount math.Int) (sdk.Coins, error) {
	p, err := k.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	return sdk.NewCoins(sdk.NewCoin(p.Denom, amount)), nil
}

// lend moves amount from the vault to the account a custodial holder names for owner and records
// it as lent to the holder.
func (k *Keeper) lend(ctx context.Context, reg *registration, holder lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	coins, err := k.coins(ctx, amount)
	if err != nil {
		return err
	}
	var to sdk.AccAddress
	err = callHolder(ctx, owner, holder, "CustodyAccount", 0, func(ctx context.Context) error {
		var err error
		to, err = reg.custodial.CustodyAccount(ctx, holder, owner)
		return err
	})
	if err != nil {
		return errorsmod.Wrapf(types.ErrHolderFailed, "custody account of %s: %s", holder, err)
	}
	if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.ModuleName, to, coins); err != nil {
		return err
	}
	lent, err := k.lentTo(ctx, holder.String())
	if err != nil {
		return err
	}
	return k.Lent.Set(ctx, holder.String(), lent.Add(amount))
}

// reclaim takes amount back from a custodial holder's module account.
func (k *Keeper) reclaim(ctx context.Context, reg *registration, holder string, amount math.Int) error {
	coins, err := k.coins(ctx, amount)
	if err != nil {
		return err
	}
	if err := k.bank.SendCoinsFromModuleToModule(ctx, reg.module, types.ModuleName, coins); err != nil {
		return err
	}
	return k.reduceLent(ctx, holder, amount)
}

// reduceLent lowers what a custodial holder is recorded to hold, after tokens came back or were
// destroyed in the holder.
func (k *Keeper) reduceLent(ctx context.Context, holder string, amount math.Int) error {
	lent, err := k.lentTo(ctx, holder)
	if err != nil {
		return err
	}
	left := subFloor(lent, amount)
	if left.IsZero() {
		return k.Lent.Remove(ctx, holder)
	}
	return k.Lent.Set(ctx, holder, left)
}

// lentTo returns what the vault has lent to holder.
func (k *Keeper) lentTo(ctx context.Context, holder string) (math.Int, error) {
	lent, err := k.Lent.Get(ctx, holder)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return lent, err
}

// burnCollateral destroys collateral the vault holds for a user who lost it to a cross-slash.
func (k *Keeper) burnCollateral(ctx context.Context, owner sdk.AccAddress, amount math.Int) error {
	if !amount.IsPositive() {
		return nil
	}
	coins, err := k.coins(ctx, amount)
	if err != nil {
		return err
	}
	if err := k.bank.BurnCoins(ctx, types.ModuleName, coins); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventCollateralBurned{Owner: owner.String(), Amount: amount.String()})
}
