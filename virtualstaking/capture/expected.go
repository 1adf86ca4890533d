package capture

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
)

// PairingValue is what one provider pairing's virtual stake on a validator is worth now.
type PairingValue struct {
	// PairingID names the pairing.
	PairingID string
	// Value is the pairing's delegations to the validator at the current exchange rate plus the
	// balance of its unbonding entries from it, in local tokens.
	Value math.Int
	// Bonded is the part of Value that is delegated (not unbonding); nil when unknown.
	Bonded math.Int
}

// VirtualStake values the virtual stake on a validator, per pairing. Virtual staking implements
// it; the decorator asks before and after each slash, and the difference is what the slash took.
type VirtualStake interface {
	// PairingValues lists every pairing with virtual stake on val, delegated or unbonding.
	PairingValues(ctx context.Context, val sdk.ValAddress) ([]PairingValue, error)
}

// SlashRecorder may also be implemented by the VirtualStake: the decorator then tells it, right
// after each slash and in the same block, what each pairing lost, so virtual staking can book its
// slashed supply without measuring the slash a second time.
type SlashRecorder interface {
	// RecordSlash adds amount, the pairing's value on the validator valoper before minus after a
	// slash, to its slashed supply; bonded is the part of amount its delegation lost.
	RecordSlash(ctx context.Context, pairingID, valoper string, amount, bonded math.Int) error
}

// Reporter receives the captured events: the converter's reporting methods.
type Reporter interface {
	// ReportValidatorChange queues a validator-set change for every pairing.
	ReportValidatorChange(ctx context.Context, change convertertypes.ValidatorChange)
	// ReportSlash queues a slash of one pairing's virtual stake.
	ReportSlash(ctx context.Context, pairingID string, slash convertertypes.VirtualSlash)
}

// TombstoneChecker tells whether x/slashing tombstoned a validator: x/slashing's keeper.
type TombstoneChecker interface {
	// IsTombstoned reports whether the validator with consAddr is tombstoned.
	IsTombstoned(ctx context.Context, consAddr sdk.ConsAddress) bool
}

// StakingKeeper is what the hooks read from x/staking.
type StakingKeeper interface {
	// GetValidator returns the validator with operator address val.
	GetValidator(ctx context.Context, val sdk.ValAddress) (stakingtypes.Validator, error)
}
