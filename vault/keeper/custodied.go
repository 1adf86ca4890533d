package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

// AddCustodied records collateral that a custodial holder already holds for owner and liens it to
// that holder at once (local staking's restake of a native delegation, as the reference's restake): the
// collateral, the lien and the lent figure grow by amount; no tokens move.
func (k *Keeper) AddCustodied(ctx context.Context, holder lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	if amount.IsNil() || !amount.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "amount must be positive, got %s", amount)
	}
	reg, err := k.lookup(holder)
	if err != nil {
		return err
	}
	if reg.custody != lienholder.Custodial {
		return errorsmod.Wrapf(types.ErrUnknownHolder, "%s is not a custodial holder", holder)
	}
	if err := k.checkKey(ctx, reg, holder); err != nil {
		return err
	}
	b, err := k.settle(ctx, owner)
	if err != nil {
		return err
	}
	b.collateral = b.collateral.Add(amount)
	e, err := k.lienFor(ctx, b, reg, holder)
	if err != nil {
		return err
	}
	if _, err := b.growLien(e, amount); err != nil {
		return err
	}
	if err := k.saveBook(ctx, b); err != nil {
		return err
	}
	lent, err := k.lentTo(ctx, holder.String())
	if err != nil {
		return err
	}
	if err := k.Lent.Set(ctx, holder.String(), lent.Add(amount)); err != nil {
		return err
	}
	p, err := k.GetParams(ctx)
	if err != nil {
		return err
	}
	if err := k.emit(ctx, &types.EventBond{Owner: owner.String(), Amount: sdk.NewCoin(p.Denom, amount)}); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventLienOpened{Owner: owner.String(), Holder: holder.String(), Amount: amount.String()})
}
