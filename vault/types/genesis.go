package types

import (
	"fmt"
	stdmath "math"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/valuerange"
)

// DefaultGenesis is an empty vault with default parameters; pending lien ids start at 1.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextPendingId: 1}
}

// Validate checks the genesis state on its own: well-formed entries, no duplicates, ranges in
// order, and every account covering its liens.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	if gs.NextPendingId == 0 || gs.NextPendingId == stdmath.MaxUint64 {
		return errorsmod.Wrapf(ErrInvalidGenesis, "next pending id %d must be in [1, 2^64-2]: ids must not wrap", gs.NextPendingId)
	}
	if err := validateAccounts(gs.Accounts); err != nil {
		return err
	}
	if err := validateLiens(gs.Liens); err != nil {
		return err
	}
	if err := validatePending(gs.PendingLiens, gs.NextPendingId); err != nil {
		return err
	}
	if err := validateLent(gs.Lent); err != nil {
		return err
	}
	if err := validateUnconfirmed(gs.UnconfirmedLosses); err != nil {
		return err
	}
	if err := validateOwners(gs); err != nil {
		return err
	}
	if gs.CrankCursor != "" {
		if err := validateAddress(gs.CrankCursor); err != nil {
			return errorsmod.Wrap(err, "crank cursor")
		}
	}
	if gs.QueueCursor != "" {
		if err := validateAddress(gs.QueueCursor); err != nil {
			return errorsmod.Wrap(err, "queue cursor")
		}
	}
	return validateAddresses("settlement queue", gs.SettlementQueue)
}

// validateOwners checks that every lien belongs to an account and every pending lien that still
// moves something to a lien, so nothing in the state escapes the per-account checks.
func validateOwners(gs GenesisState) error {
	accounts := map[string]bool{}
	for _, a := range gs.Accounts {
		accounts[addressKey(a.Address)] = true
	}
	liens := map[string]bool{}
	for _, l := range gs.Liens {
		if !accounts[addressKey(l.Owner)] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "lien %s of %s: owner has no account", l.Holder, l.Owner)
		}
		liens[addressKey(l.Owner)+"|"+l.Holder] = true
	}
	for _, p := range gs.PendingLiens {
		absorbed := p.Absorbed
		if absorbed.IsNil() {
			absorbed = math.ZeroInt()
		}
		if !liens[addressKey(p.Owner)+"|"+p.Holder] && absorbed.LT(p.Amount) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending lien %d: %s has no lien for %s", p.Id, p.Owner, p.Holder)
		}
	}
	return nil
}

func validateAccounts(accounts []GenesisAccount) error {
	seen := map[string]bool{}
	for _, a := range accounts {
		if err := validateAddress(a.Address); err != nil {
			return err
		}
		if seen[addressKey(a.Address)] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate account %s", a.Address)
		}
		seen[addressKey(a.Address)] = true
		if err := a.Account.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "account %s: %s", a.Address, err)
		}
	}
	return nil
}

// Validate checks the account's figures are non-negative, ordered and cover the liens.
func (a Account) Validate() error {
	if a.Collateral.IsNil() || a.Collateral.IsNegative() {
		return fmt.Errorf("collateral must be non-negative")
	}
	for name, r := range map[string]ValueRange{"max lien": a.MaxLien, "total slashable": a.TotalSlashable} {
		if err := r.Validate(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if a.MaxLien.High.GT(a.Collateral) || a.TotalSlashable.High.GT(a.Collateral) {
		return fmt.Errorf("collateral %s does not cover max lien %s or total slashable %s",
			a.Collateral, a.MaxLien.High, a.TotalSlashable.High)
	}
	return nil
}

func validateLiens(liens []GenesisLien) error {
	seen := map[string]bool{}
	for _, l := range liens {
		if err := validateAddress(l.Owner); err != nil {
			return err
		}
		if _, err := lienholder.ParseHolderID(l.Holder); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		key, name := addressKey(l.Owner)+"|"+l.Holder, l.Owner+"|"+l.Holder
		if seen[key] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate lien %s", name)
		}
		seen[key] = true
		if err := l.Lien.Validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "lien %s: %s", name, err)
		}
	}
	return nil
}

// Validate checks the lien's ranges and ratio.
func (l Lien) Validate() error {
	if err := l.Amount.Validate(); err != nil {
		return fmt.Errorf("amount: %w", err)
	}
	if err := l.SlashableAmount.Validate(); err != nil {
		return fmt.Errorf("slashable amount: %w", err)
	}
	if l.Slashable.IsNil() || l.Slashable.IsNegative() || l.Slashable.GT(math.LegacyOneDec()) {
		return fmt.Errorf("slashable ratio must be in [0, 1]")
	}
	return l.validateSlashableAmount()
}

// validateSlashableAmount checks the lien's slashable amount against its amount and ratio: at each
// end of the range it lies between ⌊amount·ratio⌋ and ⌈amount·ratio⌉, which the vault keeps after
// every operation (the per-operation rounding may leave it a unit above the exact product, never
// below what the holders can take).
func (l Lien) validateSlashableAmount() error {
	ends := [][2]math.Int{{l.Amount.Low, l.SlashableAmount.Low}, {l.Amount.High, l.SlashableAmount.High}}
	for _, end := range ends {
		floor, err := valuerange.MulFloor(end[0], l.Slashable)
		if err != nil {
			return err
		}
		ceil, err := valuerange.MulCeil(end[0], l.Slashable)
		if err != nil {
			return err
		}
		if end[1].LT(floor) || end[1].GT(ceil) {
			return fmt.Errorf("slashable amount %s of %s at ratio %s must be between %s and %s",
				end[1], end[0], l.Slashable, floor, ceil)
		}
	}
	return nil
}

// validateUnconfirmed checks the unacknowledged losses: well-formed, positive, one per (user, holder).
func validateUnconfirmed(losses []UnconfirmedLoss) error {
	seen := map[string]bool{}
	for _, u := range losses {
		if err := validateAddress(u.Owner); err != nil {
			return err
		}
		if _, err := lienholder.ParseHolderID(u.Holder); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		key := addressKey(u.Owner) + "|" + u.Holder
		if seen[key] || u.Amount.IsNil() || !u.Amount.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "unconfirmed loss %s|%s duplicate or not positive", u.Owner, u.Holder)
		}
		seen[key] = true
	}
	return nil
}

func validatePending(pending []PendingLien, next uint64) error {
	seen := map[uint64]bool{}
	perOwner := map[string]int{}
	for _, p := range pending {
		if perOwner[addressKey(p.Owner)]++; perOwner[addressKey(p.Owner)] > MaxPendingLiensPerUser {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s has more than %d pending liens", p.Owner, MaxPendingLiensPerUser)
		}
		if p.Id == 0 || p.Id >= next || seen[p.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending lien id %d duplicate or out of range", p.Id)
		}
		seen[p.Id] = true
		if err := validateAddress(p.Owner); err != nil {
			return err
		}
		if _, err := lienholder.ParseHolderID(p.Holder); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if !p.Amount.IsPositive() || p.SlashableAmount.IsNil() || p.SlashableAmount.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending lien %d amounts", p.Id)
		}
		if !p.Absorbed.IsNil() && (p.Absorbed.IsNegative() || p.Absorbed.GT(p.Amount)) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending lien %d: absorbed %s outside [0, %s]", p.Id, p.Absorbed, p.Amount)
		}
	}
	return nil
}

func validateLent(lent []HolderAmount) error {
	seen := map[string]bool{}
	for _, l := range lent {
		if _, err := lienholder.ParseHolderID(l.Holder); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if seen[l.Holder] || l.Amount.IsNil() || !l.Amount.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "lent entry %s duplicate or not positive", l.Holder)
		}
		seen[l.Holder] = true
	}
	return nil
}

func validateAddresses(what string, addrs []string) error {
	seen := map[string]bool{}
	for _, a := range addrs {
		if err := validateAddress(a); err != nil {
			return errorsmod.Wrap(err, what)
		}
		if seen[addressKey(a)] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s lists %s twice", what, a)
		}
		seen[addressKey(a)] = true
	}
	return nil
}

// addressKey is the address's bytes as a map key, so differently written forms of one address
// (upper and lower case bech32) are one key. Call it on validated addresses only.
func addressKey(a string) string {
	bz, err := sdk.AccAddressFromBech32(a)
	if err != nil {
		return a
	}
	return string(bz)
}

func validateAddress(a string) error {
	if _, err := sdk.AccAddressFromBech32(a); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "address %q: %s", a, err)
	}
	return nil
}
