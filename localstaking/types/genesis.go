package types

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// DefaultGenesis returns the default genesis state: default params and no users.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate checks the genesis state: parameters, addresses (owners and accounts as account
// addresses, validators as validator addresses), amounts and uniqueness of every key, so that
// InitGenesis can load whatever passes.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	owners, err := validateAccounts(gs.Accounts)
	if err != nil {
		return err
	}
	if err := validatePositions(gs.Positions, owners); err != nil {
		return err
	}
	if err := validateUnbondings(gs.Unbondings, owners); err != nil {
		return err
	}
	return validateHoldings(gs.Holdings, owners)
}

// validateAccounts checks the user accounts and returns the set of owners, keyed by address bytes.
func validateAccounts(accounts []UserAccount) (map[string]bool, error) {
	owners := map[string]bool{}
	seen := map[string]bool{}
	for _, a := range accounts {
		owner, err := accAddr(a.Owner)
		if err != nil {
			return nil, err
		}
		account, err := accAddr(a.Account)
		if err != nil {
			return nil, err
		}
		if owners[string(owner)] || seen[string(account)] {
			return nil, errorsmod.Wrapf(ErrInvalidGenesis, "duplicate account for %s", a.Owner)
		}
		owners[string(owner)], seen[string(account)] = true, true
	}
	return owners, nil
}

func validatePositions(positions []GenesisPosition, owners map[string]bool) error {
	seen := map[recordKey]bool{}
	for _, p := range positions {
		key, err := decodeRecordKey(p.Owner, p.Validator, 0, owners)
		if err != nil {
			return errorsmod.Wrapf(err, "position")
		}
		if seen[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate position %s/%s", p.Owner, p.Validator)
		}
		seen[key] = true
		if p.Position.Principal.IsNil() || p.Position.Queued.IsNil() || p.Position.Principal.IsNegative() ||
			p.Position.Queued.IsNegative() || p.Position.Queued.GT(p.Position.Principal) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "position %s/%s: bad principal or queued amount", p.Owner, p.Validator)
		}
	}
	return nil
}

func validateUnbondings(unbondings []GenesisUnbonding, owners map[string]bool) error {
	seen := map[recordKey]bool{}
	for _, u := range unbondings {
		key, err := decodeRecordKey(u.Owner, u.Validator, u.CreationHeight, owners)
		if err != nil {
			return errorsmod.Wrapf(err, "unbonding")
		}
		if u.CreationHeight < 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "unbonding of %s: negative creation height", u.Owner)
		}
		if seen[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate unbonding %s/%s at height %d", u.Owner, u.Validator, u.CreationHeight)
		}
		seen[key] = true
		if u.Unbonding.Principal.IsNil() || !u.Unbonding.Principal.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "unbonding of %s: principal must be positive", u.Owner)
		}
		if debt := u.Unbonding.BurnDebt; !debt.IsNil() && (debt.IsNegative() || debt.GT(u.Unbonding.Principal)) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "unbonding of %s: burn debt must be in [0, principal]", u.Owner)
		}
	}
	return nil
}

func validateHoldings(holdings []GenesisHoldings, owners map[string]bool) error {
	seen := map[string]bool{}
	for _, h := range holdings {
		owner, err := accAddr(h.Owner)
		if err != nil {
			return err
		}
		if !owners[string(owner)] || seen[string(owner)] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "holdings of unknown or repeated owner %q", h.Owner)
		}
		seen[string(owner)] = true
		if h.Holdings.Liquid.IsNil() || h.Holdings.Liquid.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "holdings of %s: negative amount", h.Owner)
		}
	}
	return nil
}

// recordKey identifies a position (height 0) or an unbonding record by address bytes.
type recordKey struct {
	owner, validator string
	height           int64
}

// decodeRecordKey decodes the owner and validator of a position or unbonding record and requires
// a known owner.
func decodeRecordKey(owner, validator string, height int64, owners map[string]bool) (recordKey, error) {
	o, err := accAddr(owner)
	if err != nil {
		return recordKey{}, err
	}
	if !owners[string(o)] {
		return recordKey{}, errorsmod.Wrapf(ErrInvalidGenesis, "unknown owner %q", owner)
	}
	v, err := sdk.ValAddressFromBech32(validator)
	if err != nil {
		return recordKey{}, errorsmod.Wrapf(ErrInvalidGenesis, "validator %q: %s", validator, err)
	}
	return recordKey{owner: string(o), validator: string(v), height: height}, nil
}

// accAddr decodes a bech32 account address of the genesis state.
func accAddr(a string) (sdk.AccAddress, error) {
	addr, err := sdk.AccAddressFromBech32(a)
	if err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidGenesis, "address %q: %s", a, err)
	}
	return addr, nil
}
