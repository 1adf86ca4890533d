package lienholder

import errorsmod "cosmossdk.io/errors"

// Codespace is the error codespace of the lien-holder seam.
const Codespace = "lienholder"

var (
	// ErrInvalidHolderID is returned for a malformed HolderID.
	ErrInvalidHolderID = errorsmod.Register(Codespace, 2, "invalid lien holder id")
	// ErrLienRefused is what a holder wraps when it refuses a lien (wrong validator, too small,
	// over a limit); any other error works too, this one just reads well in events.
	ErrLienRefused = errorsmod.Register(Codespace, 3, "lien refused by holder")
	// ErrWrongKind is returned when a handle is used for a holder of another kind.
	ErrWrongKind = errorsmod.Register(Codespace, 4, "handle is bound to another holder kind")
)
