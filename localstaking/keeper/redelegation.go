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
// validator is Unbonded, evidence of any infraction it committed while bonded can no longer be
// accepted (see evidenceExpired), and no redelegation into it can still be slashed for the
// source validator's infractions.
func (k *Keeper) instantUnbondable(ctx context.Context, account sdk.AccAddress, val sdk.ValAddress, validator stakingtypes.Validator) (bool, error) {
	if !validator.IsUnbonded() || !evidenceExpired(sdk.UnwrapSDKContext(ctx), validator) {
		return false, nil
	}
	received, err := k.receivesRedelegation(ctx, account, val)
	return !received && err == nil, err
}

// evidenceExpired reports whether x/evidence refuses, from now on, evidence of every infraction
// the Unbonded validator can have committed. It refuses evidence only when it is older than both
// the consensus evidence max age in blocks and in time. The last block the validator could sign
// is ValidatorUpdateDelay blocks after it began unbonding, and comes before its unbonding
// completion time (unless the chain halted for longer than the unbonding time), so both ages are
// measured from there. Without consensus parameters in the block, nothing has expired.
func evidenceExpired(ctx sdk.Context, validator stakingtypes.Validator) bool {
	evidence := ctx.ConsensusParams().Evidence
	if evidence == nil {
		return false
	}
	ageBlocks := ctx.BlockHeight() - validator.UnbondingHeight - sdk.ValidatorUpdateDelay
	ageDuration := ctx.BlockTime().Sub(validator.UnbondingTime)
	return ageBlocks > evidence.MaxAgeNumBlocks && ageDuration > evidence.MaxAgeDuration
}
