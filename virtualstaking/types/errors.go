package types

import errorsmod "cosmossdk.io/errors"

// Registered virtual staking errors. Codes are stable: never renumber them.
var (
	ErrInvalidParams    = errorsmod.Register(ModuleName, 2, "invalid params")
	ErrInvalidGenesis   = errorsmod.Register(ModuleName, 3, "invalid genesis")
	ErrUnauthorized     = errorsmod.Register(ModuleName, 4, "unauthorized")
	ErrInvalidAddress   = errorsmod.Register(ModuleName, 5, "invalid address")
	ErrUnknownPairing   = errorsmod.Register(ModuleName, 6, "unknown pairing")
	ErrNoConverter      = errorsmod.Register(ModuleName, 7, "virtual staking has no converter")
	ErrStakingFailed    = errorsmod.Register(ModuleName, 8, "x/staking refused the operation")
	ErrAccounting       = errorsmod.Register(ModuleName, 9, "virtual staking accounting error")
	ErrInvariantBroken  = errorsmod.Register(ModuleName, 10, "virtual staking invariant broken")
	ErrRewardsFailed    = errorsmod.Register(ModuleName, 11, "x/distribution refused the operation")
	ErrAccountNotUsable = errorsmod.Register(ModuleName, 12, "derived account not usable")
	ErrStepFailed       = errorsmod.Register(ModuleName, 13, "epoch step failed")
)
