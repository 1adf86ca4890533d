package types

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis is the state of a new chain: default parameters and nothing staked.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate checks the parameters and every record's addresses and amounts.
func (g GenesisState) Validate() error {
	if err := g.Params.Validate(); err != nil {
		return err
	}
	for _, s := range g.Supplies {
		sp := s.Supply
		if s.PairingId == "" || sp.Minted.IsNil() || sp.Burned.IsNil() || sp.Slashed.IsNil() ||
			sp.Targeted.IsNil() || sp.Allowed.IsNil() || sp.Rounded.IsNil() || sp.Minted.IsNegative() || sp.Burned.IsNegative() ||
			sp.Slashed.IsNegative() || sp.Targeted.IsNegative() || sp.Outstanding().IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "supply of pairing %q", s.PairingId)
		}
	}
	for _, list := range [][]Target{g.Targets, g.RunRewards, g.Debts, g.LastValues, g.Booked} {
		for _, t := range list {
			if _, err := sdk.ValAddressFromBech32(t.Validator); err != nil || t.PairingId == "" || t.Amount.IsNil() || t.Amount.IsNegative() {
				return errorsmod.Wrapf(ErrInvalidGenesis, "amount of pairing %q on %q", t.PairingId, t.Validator)
			}
		}
	}
	for _, s := range g.Shares {
		if _, err := sdk.ValAddressFromBech32(s.Validator); err != nil || s.PairingId == "" || s.Shares.IsNil() || !s.Shares.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "shares of pairing %q on %q", s.PairingId, s.Validator)
		}
	}
	if err := g.Capture.Validate(); err != nil {
		return err
	}
	for _, p := range g.Pending {
		if _, err := sdk.AccAddressFromBech32(p.Account); err != nil || p.PairingId == "" || p.Amount.IsNil() || !p.Amount.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending of %q", p.Account)
		}
	}
	return nil
}
