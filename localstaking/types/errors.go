package types

import errorsmod "cosmossdk.io/errors"

// Registered local staking errors. Codes are stable: never renumber them.
var (
	ErrInvalidAddress     = errorsmod.Register(ModuleName, 2, "invalid address")
	ErrInvalidAmount      = errorsmod.Register(ModuleName, 3, "invalid amount")
	ErrWrongDenom         = errorsmod.Register(ModuleName, 4, "wrong denom")
	ErrUnauthorized       = errorsmod.Register(ModuleName, 5, "unauthorized")
	ErrNoAccount          = errorsmod.Register(ModuleName, 6, "no local staking account")
	ErrNoPosition         = errorsmod.Register(ModuleName, 7, "no stake with this validator")
	ErrInsufficientStake  = errorsmod.Register(ModuleName, 8, "insufficient stake")
	ErrUnknownValidator   = errorsmod.Register(ModuleName, 9, "unknown validator")
	ErrStakingFailed      = errorsmod.Register(ModuleName, 10, "x/staking refused the operation")
	ErrNothingToRelease   = errorsmod.Register(ModuleName, 11, "nothing matured to release")
	ErrAccountUnavailable = errorsmod.Register(ModuleName, 12, "no free derived account address")
	ErrInvalidParams      = errorsmod.Register(ModuleName, 13, "invalid params")
	ErrInvalidGenesis     = errorsmod.Register(ModuleName, 14, "invalid genesis")
	ErrNoVault            = errorsmod.Register(ModuleName, 15, "local staking is not registered with a vault")
	ErrGovFailed          = errorsmod.Register(ModuleName, 16, "x/gov refused the vote")
	ErrRewardsFailed      = errorsmod.Register(ModuleName, 17, "x/distribution refused the operation")
	ErrVestingRestake     = errorsmod.Register(ModuleName, 18, "vesting accounts cannot restake")
	ErrSameValidator      = errorsmod.Register(ModuleName, 19, "source and destination validator are the same")
	ErrInsufficientBurn   = errorsmod.Register(ModuleName, 20, "not enough stake to burn")
	ErrAccounting         = errorsmod.Register(ModuleName, 21, "local staking accounting error")
	ErrRedelegatedStake   = errorsmod.Register(ModuleName, 22, "stake received by a redelegation that can still be slashed")
	ErrTooManyPositions   = errorsmod.Register(ModuleName, 23, "too many validators for one user")
	ErrDenomMismatch      = errorsmod.Register(ModuleName, 24, "vault collateral denom differs from the bond denom")
)
