package capture

import errorsmod "cosmossdk.io/errors"

// Codespace is the codespace of this package's errors.
const Codespace = "vscapture"

var (
	// ErrNotWired is returned by NewKeeper when a required dependency is missing.
	ErrNotWired = errorsmod.Register(Codespace, 2, "capture keeper not wired")
	// ErrReport wraps a panic of the reporter while a captured event was delivered.
	ErrReport = errorsmod.Register(Codespace, 3, "report failed")
	// ErrValuation wraps a panic of virtual staking while it valued its stake around a slash.
	ErrValuation = errorsmod.Register(Codespace, 4, "virtual stake valuation failed")
	// ErrInvalidState is returned for a state that cannot be imported.
	ErrInvalidState = errorsmod.Register(Codespace, 5, "invalid capture state")
)
