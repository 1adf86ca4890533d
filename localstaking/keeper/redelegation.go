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
// validator is Unbonded, so x/staking never slashes it for its own infractions (it has been
// unbonding for the whole unbonding time, and evidence older than the consensus evidence max
// age, which must be within that time, is refused), and no redelegation into it can still be
// slashed for the source validator's.
func (k *Keeper) instantUnbondable(ctx context.Context, account sdk.AccAddress, val sdk.ValAddress, validator stakingtypes.Validator) (bool, error) {
	if !validator.IsUnbonded() {
		return false, nil
	}
	if within, err := k.evidenceWithinUnbonding(ctx); err != nil || !within {
		return false, err
	}
	received, err := k.receivesRedelegation(ctx, account, val)
	return !received && err == nil, err
}

// evidenceWithinUnbonding reports whether the consensus evidence max age (its duration, as the
// block count cannot be turned into time) is at most x/staking's unbonding time. When it is
// longer, or the block carries no consensus parameters, evidence of an infraction committed
// before the validator finished unbonding could still arrive, so stake must unbond as usual.
func (k *Keeper) evidenceWithinUnbonding(ctx context.Context) (bool, error) {
	evidence := sdk.UnwrapSDKContext(ctx).ConsensusParams().Evidence
	if evidence == nil {
		return false, nil
	}
	params, err := k.staking.GetParams(ctx)
	if err != nil {
		return false, err
	}
	return evidence.MaxAgeDuration <= params.UnbondingTime, nil
}
