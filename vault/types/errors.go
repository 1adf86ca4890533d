package types

import errorsmod "cosmossdk.io/errors"

// Registered vault errors. Codes are stable: never renumber them.
var (
	ErrInvalidAmount          = errorsmod.Register(ModuleName, 2, "invalid amount")
	ErrWrongDenom             = errorsmod.Register(ModuleName, 3, "wrong collateral denom")
	ErrUnknownHolder          = errorsmod.Register(ModuleName, 4, "unknown lien holder")
	ErrInsufficientCollateral = errorsmod.Register(ModuleName, 5, "insufficient collateral for lien")
	ErrClaimsLocked           = errorsmod.Register(ModuleName, 6, "collateral is locked by liens")
	ErrNoLien                 = errorsmod.Register(ModuleName, 7, "no lien with this holder")
	ErrInsufficientLien       = errorsmod.Register(ModuleName, 8, "lien too small for release")
	ErrUnknownPendingLien     = errorsmod.Register(ModuleName, 9, "unknown pending lien")
	ErrForeignPendingLien     = errorsmod.Register(ModuleName, 10, "pending lien belongs to another holder")
	ErrInvalidAddress         = errorsmod.Register(ModuleName, 11, "invalid address")
	ErrUnauthorized           = errorsmod.Register(ModuleName, 12, "unauthorized")
	ErrInvalidParams          = errorsmod.Register(ModuleName, 13, "invalid params")
	ErrInvalidGenesis         = errorsmod.Register(ModuleName, 14, "invalid genesis")
	ErrDuplicateHolder        = errorsmod.Register(ModuleName, 15, "lien holder kind already registered")
	ErrHolderFailed           = errorsmod.Register(ModuleName, 16, "lien holder failed")
	ErrAccounting             = errorsmod.Register(ModuleName, 17, "vault accounting error")
)
