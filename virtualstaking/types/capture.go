package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
)

// Validate checks that sequence numbers ascend below NextSequence, that every event holds exactly
// one well-formed change or slash, that block heights ascend, and that validators are well formed
// and not repeated.
func (s CaptureState) Validate() error {
	for i, e := range s.Events {
		if i > 0 && e.Sequence <= s.Events[i-1].Sequence {
			return errorsmod.Wrapf(ErrInvalidGenesis, "captured event sequence %d does not ascend", e.Sequence)
		}
		if e.Sequence >= s.NextSequence {
			return errorsmod.Wrapf(ErrInvalidGenesis, "captured event sequence %d not below the next sequence %d", e.Sequence, s.NextSequence)
		}
		if err := e.validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "captured event %d: %s", e.Sequence, err)
		}
	}
	for i, b := range s.BlockTimes {
		if b.Height <= 0 || (i > 0 && b.Height <= s.BlockTimes[i-1].Height) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "block time height %d not positive or not ascending", b.Height)
		}
	}
	seen := map[string]bool{}
	for _, v := range s.Validators {
		_, err := sdk.ValAddressFromBech32(v.Validator)
		if err != nil || seen[v.Validator] || v.Height < 0 ||
			(v.Status != CAPTURED_VALIDATOR_STATUS_BONDED && v.Status != CAPTURED_VALIDATOR_STATUS_UNBONDING) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "captured validator %q malformed or repeated", v.Validator)
		}
		seen[v.Validator] = true
	}
	return nil
}

// validate checks one captured event.
func (e CapturedEvent) validate() error {
	switch {
	case (e.Change == nil) == (e.Slash == nil):
		return errorsmod.Wrap(ErrInvalidGenesis, "must hold exactly one of a change and a slash")
	case e.Change != nil:
		return e.Change.validate()
	default:
		return e.Slash.validate()
	}
}

// validate checks a captured change: a known kind and a validator address.
func (c CapturedChange) validate() error {
	kind := convertertypes.ValidatorChangeKind(c.Kind)
	if kind < convertertypes.ValidatorAdded || kind > convertertypes.ValidatorTombstoned {
		return errorsmod.Wrapf(ErrInvalidGenesis, "unknown change kind %d", c.Kind)
	}
	if _, err := sdk.ValAddressFromBech32(c.Valoper); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "change of %q", c.Valoper)
	}
	return nil
}

// validate checks a captured slash: a validator address, a height, a fraction in [0, 1], a known
// reason and non-negative amounts of named pairings.
func (s CapturedSlash) validate() error {
	if _, err := sdk.ValAddressFromBech32(s.Valoper); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "slash of %q", s.Valoper)
	}
	if s.InfractionHeight < 0 || s.Power < 0 || s.Fraction.IsNil() || s.Fraction.IsNegative() || s.Fraction.GT(math.LegacyOneDec()) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "slash of %s: height, power or fraction out of range", s.Valoper)
	}
	if _, ok := stakingtypes.Infraction_name[int32(s.Reason)]; !ok {
		return errorsmod.Wrapf(ErrInvalidGenesis, "slash of %s: unknown reason %d", s.Valoper, s.Reason)
	}
	for _, p := range s.Pairings {
		if p.PairingId == "" || p.Value.IsNil() || p.Value.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "slash of %s: pairing %q", s.Valoper, p.PairingId)
		}
	}
	return nil
}
