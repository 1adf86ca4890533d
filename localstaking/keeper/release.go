package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// ReleaseUnbonded returns the user's liquid principal (unbonding entries x/staking has completed
// and instant unbonds) to the vault and releases that much of the lien. The burn debt of the
// completed entries is burned from their tokens first. It returns the amount released.
func (k *Keeper) ReleaseUnbonded(ctx context.Context, owner sdk.AccAddress) (math.Int, error) {
	account, err := k.settledAccount(ctx, owner)
	if err != nil {
		return math.Int{}, err
	}
	v, err := k.value(ctx, owner)
	if err != nil {
		return math.Int{}, err
	}
	burned, err := k.promoteMatured(ctx, v)
	if err != nil {
		return math.Int{}, err
	}
	released := math.MinInt(v.holdings.Liquid, v.balance)
	if !released.IsPositive() {
		if burned.IsPositive() {
			return math.ZeroInt(), k.emit(ctx, &types.EventReleased{Owner: owner.String(), Amount: "0", Burned: burned.String()})
		}
		return math.Int{}, errorsmod.Wrapf(types.ErrNothingToRelease,
			"none of %s's local stake has finished unbonding; release it after the unbonding period", owner)
	}
	v.holdings.Liquid = v.holdings.Liquid.Sub(released)
	if err := k.setHoldings(ctx, owner, v.holdings); err != nil {
		return math.Int{}, err
	}
	if err := k.returnToVault(ctx, owner, account, released); err != nil {
		return math.Int{}, err
	}
	return released, k.emit(ctx, &types.EventReleased{Owner: owner.String(), Amount: released.String(), Burned: burned.String()})
}

// returnToVault moves amount from the user's account to the custody account and releases that
// much of the user's lien, which takes the tokens back into the vault.
func (k *Keeper) returnToVault(ctx context.Context, owner, account sdk.AccAddress, amount math.Int) error {
	coin, err := k.bondCoin(ctx, amount)
	if err != nil {
		return err
	}
	if err := k.bank.SendCoinsFromAccountToModule(ctx, account, types.ModuleName, sdk.NewCoins(coin)); err != nil {
		return err
	}
	vault, err := k.Vault()
	if err != nil {
		return err
	}
	return vault.Release(ctx, "", owner, amount)
}
