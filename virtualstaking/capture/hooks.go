package capture

import (
	"context"

	"cosmossdk.io/math"
	"github.com/cometbft/cometbft/crypto/ed25519"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
)

// Hooks are the staking hooks that record validators entering and leaving the active set. They
// never return an error: x/staking halts the chain on one.
type Hooks struct {
	k *Keeper
}

var _ stakingtypes.StakingHooks = Hooks{}

// Hooks returns the staking hooks to add to x/staking's hook list.
func (k *Keeper) Hooks() Hooks {
	return Hooks{k: k}
}

// AfterValidatorBonded queues the validator's addition with its consensus key.
func (h Hooks) AfterValidatorBonded(ctx context.Context, _ sdk.ConsAddress, val sdk.ValAddress) error {
	h.k.setState(ctx, val, StatusBonded)
	h.k.enqueue(ctx, Event{Change: &convertertypes.ValidatorChange{
		Kind:            convertertypes.ValidatorAdded,
		Valoper:         h.k.valoper(val),
		ConsensusPubKey: h.k.consensusKey(ctx, val),
	}})
	return nil
}

// AfterValidatorBeginUnbonding queues the validator's removal from the active set.
func (h Hooks) AfterValidatorBeginUnbonding(ctx context.Context, _ sdk.ConsAddress, val sdk.ValAddress) error {
	h.k.setState(ctx, val, StatusUnbonding)
	h.k.enqueue(ctx, Event{Change: &convertertypes.ValidatorChange{
		Kind:    convertertypes.ValidatorRemoved,
		Valoper: h.k.valoper(val),
	}})
	return nil
}

// AfterValidatorRemoved forgets the validator x/staking deleted, so the record does not outlive
// it. It left the active set before (only an unbonded validator is deleted), so nothing new is
// reported.
func (h Hooks) AfterValidatorRemoved(ctx context.Context, _ sdk.ConsAddress, val sdk.ValAddress) error {
	if err := h.k.states.Remove(ctx, val); err != nil {
		h.k.logger.Error("removed validator's state not deleted", "validator", val.String(), "error", err)
	}
	return nil
}

// AfterValidatorCreated does nothing: a new validator is reported once it bonds.
func (Hooks) AfterValidatorCreated(context.Context, sdk.ValAddress) error { return nil }

// BeforeValidatorModified does nothing.
func (Hooks) BeforeValidatorModified(context.Context, sdk.ValAddress) error { return nil }

// BeforeDelegationCreated does nothing.
func (Hooks) BeforeDelegationCreated(context.Context, sdk.AccAddress, sdk.ValAddress) error {
	return nil
}

// BeforeDelegationSharesModified does nothing.
func (Hooks) BeforeDelegationSharesModified(context.Context, sdk.AccAddress, sdk.ValAddress) error {
	return nil
}

// BeforeDelegationRemoved does nothing.
func (Hooks) BeforeDelegationRemoved(context.Context, sdk.AccAddress, sdk.ValAddress) error {
	return nil
}

// AfterDelegationModified does nothing.
func (Hooks) AfterDelegationModified(context.Context, sdk.AccAddress, sdk.ValAddress) error {
	return nil
}

// BeforeValidatorSlashed does nothing: the decorator sees every slash with its nominal fraction.
func (Hooks) BeforeValidatorSlashed(context.Context, sdk.ValAddress, math.LegacyDec) error {
	return nil
}

// AfterUnbondingInitiated does nothing.
func (Hooks) AfterUnbondingInitiated(context.Context, uint64) error { return nil }

// setState records the validator's last change at the current height, logging a failure.
func (k *Keeper) setState(ctx context.Context, val sdk.ValAddress, status ValidatorStatus) {
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	if err := k.states.Set(ctx, val, ValidatorState{Status: status, Height: height}); err != nil {
		k.logger.Error("validator state not recorded", "validator", val.String(), "error", err)
	}
}

// valoper is the operator address in bech32 form; the raw form when the codec refuses it.
func (k *Keeper) valoper(val sdk.ValAddress) string {
	s, err := k.valCodec.BytesToString(val)
	if err != nil {
		return val.String()
	}
	return s
}

// consensusKey is the validator's raw ed25519 consensus key, or nil (logged) when the validator
// cannot be read or its key is of another kind.
func (k *Keeper) consensusKey(ctx context.Context, val sdk.ValAddress) []byte {
	validator, err := k.staking.GetValidator(ctx, val)
	if err != nil {
		k.logger.Error("validator not readable for its consensus key", "validator", val.String(), "error", err)
		return nil
	}
	key, err := validator.ConsPubKey()
	if err != nil || key == nil || len(key.Bytes()) != ed25519.PubKeySize || key.Type() != ed25519.KeyType {
		k.logger.Error("validator consensus key is not ed25519", "validator", val.String())
		return nil
	}
	return key.Bytes()
}
