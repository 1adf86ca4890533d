package keeper

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// Hooks are local staking's x/staking hooks: they count validator slashes so that settling a
// user nothing happened to stays cheap. Register them with the staking keeper's other hooks.
type Hooks struct{ k *Keeper }

var _ stakingtypes.StakingHooks = Hooks{}

// Hooks returns the staking hooks of the keeper.
func (k *Keeper) Hooks() Hooks { return Hooks{k: k} }

// BeforeValidatorSlashed records the slash. It never fails: a hook error would abort x/staking's
// slash. When the slash cannot be recorded for val and its redelegations, it is recorded against
// every validator instead, so every user is valued in full once.
func (h Hooks) BeforeValidatorSlashed(ctx context.Context, val sdk.ValAddress, _ math.LegacyDec) error {
	cacheCtx, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	err := h.k.slashed(cacheCtx, val)
	if err == nil {
		write()
		return nil
	}
	h.k.Logger(ctx).Error("slash recorded against every validator", "validator", val.String(), "error", err)
	cacheCtx, write = sdk.UnwrapSDKContext(ctx).CacheContext()
	if err := h.k.slashed(cacheCtx, everyValidator); err != nil {
		h.k.Logger(ctx).Error("slash not recorded", "validator", val.String(), "error", err)
		return nil
	}
	write()
	return nil
}

// AfterValidatorCreated implements stakingtypes.StakingHooks; nothing to do.
func (Hooks) AfterValidatorCreated(context.Context, sdk.ValAddress) error { return nil }

// BeforeValidatorModified implements stakingtypes.StakingHooks; nothing to do.
func (Hooks) BeforeValidatorModified(context.Context, sdk.ValAddress) error { return nil }

// AfterValidatorRemoved implements stakingtypes.StakingHooks; nothing to do.
func (Hooks) AfterValidatorRemoved(context.Context, sdk.ConsAddress, sdk.ValAddress) error {
	return nil
}

// AfterValidatorBonded implements stakingtypes.StakingHooks; nothing to do.
func (Hooks) AfterValidatorBonded(context.Context, sdk.ConsAddress, sdk.ValAddress) error { return nil }

// AfterValidatorBeginUnbonding implements stakingtypes.StakingHooks; nothing to do.
func (Hooks) AfterValidatorBeginUnbonding(context.Context, sdk.ConsAddress, sdk.ValAddress) error {
	return nil
}

// BeforeDelegationCreated implements stakingtypes.StakingHooks; nothing to do.
func (Hooks) BeforeDelegationCreated(context.Context, sdk.AccAddress, sdk.ValAddress) error {
	return nil
}

// BeforeDelegationSharesModified implements stakingtypes.StakingHooks; nothing to do.
func (Hooks) BeforeDelegationSharesModified(context.Context, sdk.AccAddress, sdk.ValAddress) error {
	return nil
}

// BeforeDelegationRemoved implements stakingtypes.StakingHooks; nothing to do.
func (Hooks) BeforeDelegationRemoved(context.Context, sdk.AccAddress, sdk.ValAddress) error {
	return nil
}

// AfterDelegationModified implements stakingtypes.StakingHooks; nothing to do.
func (Hooks) AfterDelegationModified(context.Context, sdk.AccAddress, sdk.ValAddress) error {
	return nil
}

// AfterUnbondingInitiated implements stakingtypes.StakingHooks; nothing to do.
func (Hooks) AfterUnbondingInitiated(context.Context, uint64) error { return nil }
