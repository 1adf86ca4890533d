package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// delegateLent delegates amount from the user's derived account to the validator valAddr (val in
// bytes), with tokens the vault has already put in x/staking's bonded pool. It does what
// x/staking's MsgDelegate handler does for a delegator paying from its own balance, except that
// no tokens leave the account: it requires the validator to exist and the tokens to be of the bond
// denom (ErrDenomMismatch, so a bond denom changed under the vault can never put foreign tokens
// behind a delegation), delegates through the staking keeper (which refuses a validator whose exchange rate is broken, runs the distribution hooks,
// and moves the tokens on to the not-bonded pool when the validator is not bonded), and emits the
// handler's delegate event. It reports whether the validator's shares were worth exactly one
// token each: issuing shares at that rate keeps it exact, and an inexact rate stays inexact, so the
// new principal is then worth exactly what it says.
func (k *Keeper) delegateLent(ctx context.Context, account sdk.AccAddress, valAddr string, val sdk.ValAddress,
	amount sdk.Coin,
) (bool, error) {
	validator, err := k.staking.GetValidator(ctx, val)
	if err != nil {
		return false, errorsmod.Wrap(types.ErrStakingFailed, err.Error())
	}
	denom, err := k.staking.BondDenom(ctx)
	if err != nil {
		return false, err
	}
	if amount.Denom != denom {
		return false, errorsmod.Wrapf(types.ErrDenomMismatch, "the vault sent %s, x/staking bonds %s", amount.Denom, denom)
	}
	exact := validator.DelegatorShares.Equal(math.LegacyNewDecFromInt(validator.Tokens))
	shares, err := k.staking.Delegate(ctx, account, amount.Amount, stakingtypes.Bonded, validator, false)
	if err != nil {
		return false, errorsmod.Wrap(types.ErrStakingFailed, err.Error())
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(stakingtypes.EventTypeDelegate,
		sdk.NewAttribute(stakingtypes.AttributeKeyValidator, valAddr),
		sdk.NewAttribute(stakingtypes.AttributeKeyDelegator, account.String()),
		sdk.NewAttribute(sdk.AttributeKeyAmount, amount.String()),
		sdk.NewAttribute(stakingtypes.AttributeKeyNewShares, shares.String()),
	))
	return exact, nil
}
