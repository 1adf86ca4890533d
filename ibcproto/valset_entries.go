package ibcproto

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
)

// EntryError says which entry of a valset update was dropped and why. List is the wire name of
// the list ("additions", "slashed", ...) and Index the entry's position in the packet.
type EntryError struct {
	List  string
	Index int
	Err   error
}

// Error implements error.
func (e EntryError) Error() string {
	return fmt.Sprintf("%s[%d]: %s", e.List, e.Index, e.Err.Error())
}

// Cause lets cosmossdk.io/errors find the registered error (its ABCIInfo follows Cause).
func (e EntryError) Cause() error {
	return e.Err
}

// Unwrap lets errors.Is see the registered error.
func (e EntryError) Unwrap() error {
	return e.Err
}

// ValidEntries returns a copy of the update holding only the entries that can be right, and one
// EntryError for each entry it dropped, in packet order. Checked per entry: a non-empty validator
// name everywhere; for slashes also a valid coin and a slash ratio accepted by ParseSlashRatio.
// Consensus keys are not checked here: they are parsed lazily, so an entry whose key the receiver
// cannot use still counts.
func (p ValsetUpdatePacket) ValidEntries() (ValsetUpdatePacket, []EntryError) {
	var errs []EntryError
	out := ValsetUpdatePacket{Height: p.Height, Time: p.Time}
	out.Additions = keepValidators("additions", p.Additions, &errs)
	out.Removals = keepNames("removals", p.Removals, &errs)
	out.Updated = keepValidators("updated", p.Updated, &errs)
	out.Jailed = keepNames("jailed", p.Jailed, &errs)
	out.Unjailed = keepNames("unjailed", p.Unjailed, &errs)
	out.Tombstoned = keepNames("tombstoned", p.Tombstoned, &errs)
	out.Slashed = keepSlashes(p.Slashed, &errs)
	return out, errs
}

func keepValidators(list string, entries []AddValidator, errs *[]EntryError) []AddValidator {
	kept := make([]AddValidator, 0, len(entries))
	for i, a := range entries {
		if a.Valoper == "" {
			*errs = append(*errs, entryError(list, i, "valoper is empty"))
			continue
		}
		kept = append(kept, a)
	}
	return kept
}

func keepNames(list string, names []string, errs *[]EntryError) []string {
	kept := make([]string, 0, len(names))
	for i, n := range names {
		if n == "" {
			*errs = append(*errs, entryError(list, i, "validator name is empty"))
			continue
		}
		kept = append(kept, n)
	}
	return kept
}

func keepSlashes(slashes []ValidatorSlashInfo, errs *[]EntryError) []ValidatorSlashInfo {
	kept := make([]ValidatorSlashInfo, 0, len(slashes))
	for i, s := range slashes {
		if err := s.Validate(); err != nil {
			*errs = append(*errs, EntryError{List: "slashed", Index: i, Err: err})
			continue
		}
		kept = append(kept, s)
	}
	return kept
}

func entryError(list string, index int, msg string) EntryError {
	return EntryError{List: list, Index: index, Err: errorsmod.Wrap(ErrInvalidValsetEntry, msg)}
}

// Validate refuses a slash entry that can never be right: no validator address, an invalid coin
// or a slash ratio that ParseSlashRatio refuses.
func (s ValidatorSlashInfo) Validate() error {
	if s.Address == "" {
		return errorsmod.Wrap(ErrInvalidValsetEntry, "slash address is empty")
	}
	if err := s.SlashAmount.Validate(); err != nil {
		return errorsmod.Wrapf(ErrInvalidValsetEntry, "slash_amount: %s", err)
	}
	if _, err := ParseSlashRatio(s.SlashRatio); err != nil {
		return errorsmod.Wrap(ErrInvalidValsetEntry, err.Error())
	}
	return nil
}
