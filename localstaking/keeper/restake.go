package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	vestexported "github.com/cosmos/cosmos-sdk/x/auth/vesting/exported"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/localstaking/types"
)

// Restake moves amount of the owner's own delegation with val to the owner's derived account on
// the same validator, without the tokens leaving the validator's pool, and records them in the
// vault as new collateral liened to local staking in the same step, as a bond followed by a local
// stake would, but with no unbonding. The
// owner is settled with the vault before any share moves. It returns the tokens moved, which
// x/staking may round down by one from amount.
func (k *Keeper) Restake(ctx context.Context, owner sdk.AccAddress, val sdk.ValAddress, amount sdk.Coin) (math.Int, error) {
	vault, err := k.restakeable(ctx, owner, val, amount)
	if err != nil {
		return math.Int{}, err
	}
	if err := vault.ReportSlash(ctx, "", owner); err != nil {
		return math.Int{}, err
	}
	shares, err := k.staking.ValidateUnbondAmount(ctx, owner, val, amount.Amount)
	if err != nil {
		return math.Int{}, errorsmod.Wrap(types.ErrInsufficientStake, err.Error())
	}
	account, err := k.ensureAccount(ctx, owner)
	if err != nil {
		return math.Int{}, err
	}
	tokens, err := k.moveShares(ctx, owner, account, val, shares)
	if err != nil {
		return math.Int{}, err
	}
	if err := k.addPrincipal(ctx, owner, val, tokens); err != nil {
		return math.Int{}, err
	}
	if err := k.forget(ctx, owner); err != nil {
		return math.Int{}, err
	}
	if err := vault.AddCustodied(ctx, "", owner, tokens); err != nil {
		return math.Int{}, err
	}
	return tokens, k.emit(ctx, &types.EventRestaked{Owner: owner.String(), Validator: val.String(), Amount: tokens.String()})
}

// restakeable checks a restake request and returns the vault handle. Vesting accounts are
// refused: x/bank tracks their delegated vesting tokens, which a move without a bank transfer
// would leave wrong. Shares that a redelegation into val brought are refused while x/staking can
// still slash that redelegation, since in the derived account its SlashRedelegation would no
// longer find them.
func (k *Keeper) restakeable(ctx context.Context, owner sdk.AccAddress, val sdk.ValAddress, amount sdk.Coin) (lienholder.Vault, error) {
	if err := k.checkAmount(ctx, amount); err != nil {
		return nil, err
	}
	if _, vesting := k.accounts.GetAccount(ctx, owner).(vestexported.VestingAccount); vesting {
		return nil, errorsmod.Wrapf(types.ErrVestingRestake, "%s", owner)
	}
	received, err := k.receivesRedelegation(ctx, owner, val)
	if err != nil {
		return nil, err
	}
	if received {
		return nil, errorsmod.Wrapf(types.ErrRedelegatedStake, "%s has a redelegation to %s that has not completed", owner, val)
	}
	return k.Vault()
}

// moveShares unbonds shares of the owner's delegation with val and delegates the tokens from the
// account, leaving them in the pool they are in.
func (k *Keeper) moveShares(ctx context.Context, owner, account sdk.AccAddress, val sdk.ValAddress, shares math.LegacyDec) (math.Int, error) {
	tokens, err := k.staking.Unbond(ctx, owner, val, shares)
	if err != nil {
		return math.Int{}, errorsmod.Wrap(types.ErrStakingFailed, err.Error())
	}
	validator, err := k.staking.GetValidator(ctx, val)
	if err != nil {
		return math.Int{}, errorsmod.Wrap(types.ErrUnknownValidator, err.Error())
	}
	if _, err := k.staking.Delegate(ctx, account, tokens, validator.GetStatus(), validator, false); err != nil {
		return math.Int{}, errorsmod.Wrap(types.ErrStakingFailed, err.Error())
	}
	return tokens, nil
}
