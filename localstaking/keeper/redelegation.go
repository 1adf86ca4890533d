package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// receivesRedelegation reports whether del has a redelegation into val that x/staking still
// keeps (it removes entries when they mature). While one is kept, x/staking's SlashRedelegation
// may slash the shares it brought, and finds them only as del's delegation with val or del's
// unbonding entries from val; moving them anywhere else would let them escape the slash.
func (k *Keeper) receivesRedelegation(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress) (bool, error) {
	return k.staking.HasReceivingRedelegation(ctx, del, val)
}

// instantUnbondable reports whether the account's stake with validator may leave at once: the
// validator is Unbonded, so x/staking never slashes it for its own infractions, and no
// redelegation into it can still be slashed for the source validator's (DESIGN.md D9).
func (k *Keeper) instantUnbondable(ctx context.Context, account sdk.AccAddress, val sdk.ValAddress, validator stakingtypes.Validator) (bool, error) {
	if !validator.IsUnbonded() {
		return false, nil
	}
	received, err := k.receivesRedelegation(ctx, account, val)
	return !received && err == nil, err
}
