package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/localstaking/types"
)

// BurnStake implements lienholder.LienHolder: amount of the user's stake is destroyed, first from
// liquid principal, then from delegations by unbond-and-burn (never an unbonding entry), and what
// is only held in unbonding entries becomes a burn debt on those entries, paid from their tokens
// when they complete. The loss the vault has already applied in this settlement is rebased first,
// so every entry's debt is recorded against what the entry still holds for the user.
func (k *Keeper) BurnStake(ctx context.Context, _ lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	if amount.IsNil() || !amount.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "burn must be positive, got %s", amount)
	}
	v, err := k.value(ctx, owner)
	if err != nil {
		return err
	}
	pending, err := k.pendingLoss(ctx, owner, v)
	if err != nil {
		return err
	}
	if err := k.rebase(ctx, v, pending); err != nil {
		return err
	}
	if burnable := v.burnable(); burnable.LT(amount) {
		return errorsmod.Wrapf(types.ErrInsufficientBurn, "burn %s, principal %s", amount, burnable)
	}
	left, err := k.burnLiquid(ctx, v, amount)
	if err != nil {
		return err
	}
	for i := range v.positions {
		if left.IsZero() {
			break
		}
		if left, err = k.burnPosition(ctx, v, &v.positions[i], left); err != nil {
			return err
		}
	}
	debt := left
	for i := range v.unbondings {
		if left.IsZero() {
			break
		}
		if left, err = k.chargeEntry(ctx, v, &v.unbondings[i], left); err != nil {
			return err
		}
	}
	if err := k.forget(ctx, owner); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventStakeBurned{Owner: owner.String(), Amount: amount.String(), Debt: debt.String()})
}

// burnable is what a burn can take now: liquid principal the account holds, what each delegation
// is worth up to its principal, and each live entry's principal not yet charged with debt.
func (v *valuation) burnable() math.Int {
	total := math.MinInt(v.holdings.Liquid, v.balance)
	for _, p := range v.positions {
		total = total.Add(math.MinInt(p.position.Principal, p.worth))
	}
	for _, u := range v.unbondings {
		total = total.Add(u.record.Principal.Sub(debtOf(u.record)))
	}
	return total
}

// chargeEntry records up to left as burn debt on a live entry, within the principal it does not
// owe yet, and returns what is left to burn.
func (k *Keeper) chargeEntry(ctx context.Context, v *valuation, u *unbondingView, left math.Int) (math.Int, error) {
	x := math.MinInt(left, u.record.Principal.Sub(debtOf(u.record)))
	if !x.IsPositive() {
		return left, nil
	}
	u.record.BurnDebt = debtOf(u.record).Add(x)
	return left.Sub(x), k.setUnbonding(ctx, v.owner, u.validator, u.height, u.record)
}

// burnLiquid destroys up to amount of the user's liquid principal and returns what is left to burn.
func (k *Keeper) burnLiquid(ctx context.Context, v *valuation, amount math.Int) (math.Int, error) {
	x := math.MinInt(amount, math.MinInt(v.holdings.Liquid, v.balance))
	if !x.IsPositive() {
		return amount, nil
	}
	if err := k.burnFromAccount(ctx, v.account, x); err != nil {
		return math.Int{}, err
	}
	v.holdings.Liquid = v.holdings.Liquid.Sub(x)
	v.balance = v.balance.Sub(x)
	return amount.Sub(x), nil
}

// burnFromAccount destroys amount of the bond denom held by a derived account.
func (k *Keeper) burnFromAccount(ctx context.Context, account sdk.AccAddress, amount math.Int) error {
	coin, err := k.bondCoin(ctx, amount)
	if err != nil {
		return err
	}
	coins := sdk.NewCoins(coin)
	if err := k.bank.SendCoinsFromAccountToModule(ctx, account, types.ModuleName, coins); err != nil {
		return err
	}
	return k.bank.BurnCoins(ctx, types.ModuleName, coins)
}

// burnPosition unbonds and burns up to left from one delegation and returns what is left to burn.
func (k *Keeper) burnPosition(ctx context.Context, v *valuation, p *positionView, left math.Int) (math.Int, error) {
	x := math.MinInt(left, math.MinInt(p.position.Principal, p.worth))
	if !x.IsPositive() {
		return left, nil
	}
	if err := k.unbondAndBurn(ctx, v.account, p.validator, x); err != nil {
		return math.Int{}, err
	}
	p.position.Principal = p.position.Principal.Sub(x)
	p.position.Queued = math.MinInt(p.position.Queued, p.position.Principal)
	return left.Sub(x), k.setPosition(ctx, v.owner, p.validator, p.position)
}

// unbondAndBurn removes amount of the account's delegation from x/staking and destroys the
// tokens in the pool that holds them, with no unbonding entry.
func (k *Keeper) unbondAndBurn(ctx context.Context, account sdk.AccAddress, val sdk.ValAddress, amount math.Int) error {
	validator, err := k.staking.GetValidator(ctx, val)
	if err != nil {
		return errorsmod.Wrap(types.ErrUnknownValidator, err.Error())
	}
	shares, err := k.staking.ValidateUnbondAmount(ctx, account, val, amount)
	if err != nil {
		return errorsmod.Wrap(types.ErrStakingFailed, err.Error())
	}
	tokens, err := k.staking.Unbond(ctx, account, val, shares)
	if err != nil {
		return errorsmod.Wrap(types.ErrStakingFailed, err.Error())
	}
	if !tokens.IsPositive() {
		return nil
	}
	coin, err := k.bondCoin(ctx, tokens)
	if err != nil {
		return err
	}
	pool := stakingtypes.NotBondedPoolName
	if validator.IsBonded() {
		pool = stakingtypes.BondedPoolName
	}
	return k.bank.BurnCoins(ctx, pool, sdk.NewCoins(coin))
}
