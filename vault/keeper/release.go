package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

// Release lowers the user's lien with holder by amount (the reference's unstake). A custodial
// holder's tokens come back to the vault. The slashable amount drops by ⌊amount·ratio⌋, never
// below zero, and a lien that reaches zero is removed.
func (k *Keeper) Release(ctx context.Context, holder lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	if amount.IsNil() || !amount.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "release must be positive, got %s", amount)
	}
	reg, err := k.lookup(holder)
	if err != nil {
		return err
	}
	b, err := k.settle(ctx, owner)
	if err != nil {
		return err
	}
	e := b.lien(holder)
	if e == nil {
		return errorsmod.Wrapf(types.ErrNoLien, "%s has no lien with %s", owner, holder)
	}
	if e.amount, err = e.amount.Sub(amount, math.ZeroInt()); err != nil {
		return errorsmod.Wrapf(types.ErrInsufficientLien, "lien %s, release %s", e.amount, amount)
	}
	if err := e.reduceSlashable(amount, amount); err != nil {
		return errorsmod.Wrap(types.ErrAccounting, err.Error())
	}
	if err := k.saveBook(ctx, b); err != nil {
		return err
	}
	if reg.custody == lienholder.Custodial {
		if err := k.reclaim(ctx, reg, holder.String(), amount); err != nil {
			return err
		}
	}
	return k.emit(ctx, &types.EventLienReleased{Owner: owner.String(), Holder: holder.String(), Amount: amount.String()})
}
