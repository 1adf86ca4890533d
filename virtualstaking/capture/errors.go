package capture

import errorsmod "cosmossdk.io/errors"

// Codespace is the codespace of this package's errors.
const Codespace = "vscapture"

var (
	// ErrNotWired is returned by NewKeeper when a required dependency is missing.
	ErrNotWired = errorsmod.Register(Codespace, 2, "capture keeper not wired")
	// ErrReport wraps a panic of the reporter while a captured event was delivered.
	ErrReport = errorsmod.Register(Codespace, 3, "report failed")
)
