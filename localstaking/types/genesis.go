package types

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis returns the default genesis state: default params and no users.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate checks the genesis state: parameters, addresses, amounts and uniqueness of every key.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	owners := map[string]bool{}
	accounts := map[string]bool{}
	for _, a := range gs.Accounts {
		if err := validAddrs(a.Owner, a.Account); err != nil {
			return err
		}
		if owners[a.Owner] || accounts[a.Account] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate account for %s", a.Owner)
		}
		owners[a.Owner], accounts[a.Account] = true, true
	}
	if err := validatePositions(gs.Positions, owners); err != nil {
		return err
	}
	if err := validateUnbondings(gs.Unbondings, owners); err != nil {
		return err
	}
	return validateHoldings(gs.Holdings, owners)
}

func validatePositions(positions []GenesisPosition, owners map[string]bool) error {
	seen := map[string]bool{}
	for _, p := range positions {
		if !owners[p.Owner] || p.Validator == "" {
			return errorsmod.Wrapf(ErrInvalidGenesis, "position of unknown owner %q or empty validator", p.Owner)
		}
		key := p.Owner + "/" + p.Validator
		if seen[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate position %s", key)
		}
		seen[key] = true
		if p.Position.Principal.IsNil() || p.Position.Queued.IsNil() || p.Position.Principal.IsNegative() ||
			p.Position.Queued.IsNegative() || p.Position.Queued.GT(p.Position.Principal) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "position %s: bad principal or queued amount", key)
		}
	}
	return nil
}

func validateUnbondings(unbondings []GenesisUnbonding, owners map[string]bool) error {
	for _, u := range unbondings {
		if !owners[u.Owner] || u.Validator == "" || u.CreationHeight < 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "unbonding of unknown owner %q", u.Owner)
		}
		if u.Unbonding.Principal.IsNil() || !u.Unbonding.Principal.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "unbonding of %s: principal must be positive", u.Owner)
		}
	}
	return nil
}

func validateHoldings(holdings []GenesisHoldings, owners map[string]bool) error {
	seen := map[string]bool{}
	for _, h := range holdings {
		if !owners[h.Owner] || seen[h.Owner] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "holdings of unknown or repeated owner %q", h.Owner)
		}
		seen[h.Owner] = true
		if h.Holdings.Liquid.IsNil() || h.Holdings.BurnDebt.IsNil() || h.Holdings.Liquid.IsNegative() ||
			h.Holdings.BurnDebt.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "holdings of %s: negative amount", h.Owner)
		}
	}
	return nil
}

func validAddrs(addrs ...string) error {
	for _, a := range addrs {
		if _, err := sdk.AccAddressFromBech32(a); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "address %q: %v", a, err)
		}
	}
	return nil
}
