package keeper

import (
	"context"
	"errors"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// delegate mints amount and delegates it from the pairing's next account in rotation.
func (k *Keeper) delegate(ctx context.Context, params types.Params, pairingID string, validator stakingtypes.Validator,
	amount math.Int, supply *types.PairingSupply,
) error {
	denom, err := k.bondDenom(ctx)
	if err != nil {
		return err
	}
	acc := DelegatorAccount(pairingID, supply.NextAccount%params.AccountsPerPairing)
	k.rotate(ctx, params, pairingID, supply)
	coins := sdk.NewCoins(sdk.NewCoin(denom, amount))
	if err := k.bank.MintCoins(ctx, types.ModuleName, coins); err != nil {
		return err
	}
	if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.ModuleName, acc, coins); err != nil {
		return err
	}
	shares, err := k.staking.Delegate(ctx, acc, amount, stakingtypes.Unbonded, validator, true)
	if err != nil {
		return errorsmod.Wrap(types.ErrStakingFailed, err.Error())
	}
	supply.Minted = supply.Minted.Add(amount)
	return k.addShares(ctx, validator.GetOperator(), pairingID, shares)
}

// undelegate takes up to amount of the pairing's stake off a validator, over its accounts starting
// at the rotation index. While the validator is Unbonded its stake leaves instantly and is burned
// from the not-bonded pool; otherwise it leaves through ordinary unbonding entries, which x/staking
// slashes for later evidence like any delegator's, and is burned once it matures. An account at
// x/staking's entry limit is skipped: what no account can take waits for a later epoch. It returns
// what left.
func (k *Keeper) undelegate(ctx context.Context, params types.Params, pairingID string, valAddr sdk.ValAddress,
	amount math.Int, supply *types.PairingSupply,
) (math.Int, error) {
	left := math.ZeroInt()
	for _, acc := range accounts(pairingID, params.AccountsPerPairing, supply.NextAccount%params.AccountsPerPairing) {
		if !amount.Sub(left).IsPositive() {
			break
		}
		took, err := k.undelegateFrom(ctx, pairingID, acc, valAddr, amount.Sub(left), supply)
		if err != nil {
			return left, err
		}
		left = left.Add(took)
	}
	k.rotate(ctx, params, pairingID, supply)
	return left, nil
}

// undelegateFrom takes up to amount off one account's delegation and returns what it took.
func (k *Keeper) undelegateFrom(ctx context.Context, pairingID string, acc sdk.AccAddress, valAddr sdk.ValAddress,
	amount math.Int, supply *types.PairingSupply,
) (math.Int, error) {
	validator, err := k.staking.GetValidator(ctx, valAddr)
	if err != nil {
		return math.ZeroInt(), err
	}
	del, err := k.staking.GetDelegation(ctx, acc, valAddr)
	if errors.Is(err, stakingtypes.ErrNoDelegation) {
		return math.ZeroInt(), nil
	} else if err != nil {
		return math.ZeroInt(), err
	}
	held := validator.TokensFromShares(del.Shares).TruncateInt()
	take := math.MinInt(amount, held)
	if !take.IsPositive() {
		return math.ZeroInt(), nil
	}
	shares := del.Shares
	if take.LT(held) {
		if shares, err = validator.SharesFromTokens(take); err != nil {
			return math.ZeroInt(), err
		}
		shares = math.LegacyMinDec(shares, del.Shares)
	}
	if validator.IsUnbonded() {
		err = k.unbondInstantly(ctx, pairingID, acc, valAddr, shares, supply)
	} else {
		err = k.unbondWithEntry(ctx, pairingID, acc, valAddr, shares)
		if errors.Is(err, stakingtypes.ErrMaxUnbondingDelegationEntries) {
			return math.ZeroInt(), nil
		}
	}
	if err != nil {
		return math.ZeroInt(), err
	}
	return take, k.addShares(ctx, valAddr.String(), pairingID, shares.Neg())
}

// unbondInstantly removes shares from an Unbonded validator and burns the tokens from the
// not-bonded pool, where an Unbonded validator's tokens are.
func (k *Keeper) unbondInstantly(ctx context.Context, pairingID string, acc sdk.AccAddress, valAddr sdk.ValAddress,
	shares math.LegacyDec, supply *types.PairingSupply,
) error {
	amount, err := k.staking.Unbond(ctx, acc, valAddr, shares)
	if err != nil {
		return errorsmod.Wrap(types.ErrStakingFailed, err.Error())
	}
	if !amount.IsPositive() {
		return nil
	}
	denom, err := k.bondDenom(ctx)
	if err != nil {
		return err
	}
	if err := k.bank.BurnCoins(ctx, stakingtypes.NotBondedPoolName, sdk.NewCoins(sdk.NewCoin(denom, amount))); err != nil {
		return err
	}
	supply.Burned = supply.Burned.Add(amount)
	return nil
}

// unbondWithEntry starts an ordinary unbonding entry and records what the account will receive.
func (k *Keeper) unbondWithEntry(ctx context.Context, pairingID string, acc sdk.AccAddress, valAddr sdk.ValAddress, shares math.LegacyDec) error {
	_, amount, err := k.staking.Undelegate(ctx, acc, valAddr, shares)
	if err != nil {
		return err
	}
	return k.addPending(ctx, pairingID, acc, amount)
}
