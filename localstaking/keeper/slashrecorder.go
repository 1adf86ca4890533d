package keeper

import (
	"context"
	"errors"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// SlashRecorder is the staking keeper to hand to x/slashing (x/evidence slashes through
// x/slashing too): it records every slash of a validator for local staking before x/staking
// applies it. x/staking's BeforeValidatorSlashed hook would not do: x/staking skips it when the
// validator's unbonding entries and redelegations absorb the whole slash, and those entries may
// be a local staker's. Build it from the staking keeper, build x/slashing with it, and bind it to
// the local staking keeper with WatchSlashes before RegisterWithVault.
type SlashRecorder struct {
	slashingtypes.StakingKeeper
	keeper *Keeper
}

var _ slashingtypes.StakingKeeper = (*SlashRecorder)(nil)

// NewSlashRecorder wraps the staking keeper x/slashing slashes through. Until a local staking
// keeper is bound to it, it only passes calls on.
func NewSlashRecorder(inner slashingtypes.StakingKeeper) *SlashRecorder {
	return &SlashRecorder{StakingKeeper: inner}
}

// WatchSlashes binds the keeper to the recorder x/slashing slashes through, so every slash is
// recorded. A recorder serves one keeper.
func (k *Keeper) WatchSlashes(r *SlashRecorder) error {
	if r == nil || r.StakingKeeper == nil {
		return notWired("the slash recorder is nil or wraps no staking keeper")
	}
	if r.keeper != nil && r.keeper != k {
		return notWired("the slash recorder is already bound to another local staking keeper")
	}
	r.keeper = k
	k.vault.watched = true
	return nil
}

// notWired is ErrNotWired with the reason and what to wire.
func notWired(reason string) error {
	return errorsmod.Wrapf(types.ErrNotWired, "%s; build x/slashing with localstaking's keeper.NewSlashRecorder(stakingKeeper) "+
		"and call WatchSlashes with it before RegisterWithVault", reason)
}

// Slash records the slash of the validator, then lets x/staking apply it.
func (r *SlashRecorder) Slash(ctx context.Context, consAddr sdk.ConsAddress, infractionHeight, power int64,
	fraction math.LegacyDec,
) (math.Int, error) {
	r.record(ctx, consAddr)
	return r.StakingKeeper.Slash(ctx, consAddr, infractionHeight, power, fraction)
}

// SlashWithInfractionReason records the slash of the validator, then lets x/staking apply it.
func (r *SlashRecorder) SlashWithInfractionReason(ctx context.Context, consAddr sdk.ConsAddress, infractionHeight,
	power int64, fraction math.LegacyDec, reason stakingtypes.Infraction,
) (math.Int, error) {
	r.record(ctx, consAddr)
	return r.StakingKeeper.SlashWithInfractionReason(ctx, consAddr, infractionHeight, power, fraction, reason)
}

// record marks the validator with consAddr, and the validators its redelegations went to, as
// slashed. It never fails: a validator x/staking does not know is not slashed, and when the
// validator cannot be read or marked, the slash is recorded against every validator instead, so
// every user is valued in full once.
func (r *SlashRecorder) record(ctx context.Context, consAddr sdk.ConsAddress) {
	if r.keeper == nil {
		return
	}
	validator, err := r.StakingKeeper.ValidatorByConsAddr(ctx, consAddr)
	if errors.Is(err, stakingtypes.ErrNoValidatorFound) {
		return
	}
	val := everyValidator
	if err == nil && validator != nil {
		if bz, err := r.keeper.valCodec.StringToBytes(validator.GetOperator()); err == nil {
			val = bz
		}
	}
	r.keeper.recordSlash(ctx, val)
}

// recordSlash records a slash of val in a cache context written only on success; when that
// fails, it records the slash against every validator, and when that fails too, it logs.
func (k *Keeper) recordSlash(ctx context.Context, val sdk.ValAddress) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cacheCtx, write := sdkCtx.CacheContext()
	err := k.slashed(cacheCtx, val)
	if err == nil {
		write()
		return
	}
	k.Logger(ctx).Error("slash recorded against every validator", "validator", val.String(), "error", err)
	cacheCtx, write = sdkCtx.CacheContext()
	if err := k.slashed(cacheCtx, everyValidator); err != nil {
		k.Logger(ctx).Error("slash not recorded", "validator", val.String(), "error", err)
		return
	}
	write()
}
