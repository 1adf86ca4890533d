package types

import errorsmod "cosmossdk.io/errors"

// Registered vault errors. Codes are stable: never renumber them.
var (
	// ErrInvalidAmount reports a zero, negative or malformed amount.
	ErrInvalidAmount = errorsmod.Register(ModuleName, 2, "invalid amount")
	// ErrWrongDenom reports an amount not in the collateral denom.
	ErrWrongDenom = errorsmod.Register(ModuleName, 3, "wrong collateral denom")
	// ErrUnknownHolder reports a holder kind or key nobody registered.
	ErrUnknownHolder = errorsmod.Register(ModuleName, 4, "unknown lien holder")
	// ErrInsufficientCollateral reports the free collateral cannot carry the requested lien.
	ErrInsufficientCollateral = errorsmod.Register(ModuleName, 5, "insufficient collateral for lien")
	// ErrClaimsLocked reports an unbond would leave the collateral below what the liens need.
	ErrClaimsLocked = errorsmod.Register(ModuleName, 6, "collateral is locked by liens")
	// ErrNoLien reports the user has no lien with the holder.
	ErrNoLien = errorsmod.Register(ModuleName, 7, "no lien with this holder")
	// ErrInsufficientLien reports a release larger than the lien.
	ErrInsufficientLien = errorsmod.Register(ModuleName, 8, "lien too small for release")
	// ErrUnknownPendingLien reports no pending lien has the id.
	ErrUnknownPendingLien = errorsmod.Register(ModuleName, 9, "unknown pending lien")
	// ErrForeignPendingLien reports the pending lien was opened for another holder.
	ErrForeignPendingLien = errorsmod.Register(ModuleName, 10, "pending lien belongs to another holder")
	// ErrInvalidAddress reports a malformed bech32 address.
	ErrInvalidAddress = errorsmod.Register(ModuleName, 11, "invalid address")
	// ErrUnauthorized reports the signer is not the module authority.
	ErrUnauthorized = errorsmod.Register(ModuleName, 12, "unauthorized")
	// ErrInvalidParams reports parameters outside their bounds.
	ErrInvalidParams = errorsmod.Register(ModuleName, 13, "invalid params")
	// ErrInvalidGenesis reports a genesis state that is malformed or inconsistent.
	ErrInvalidGenesis = errorsmod.Register(ModuleName, 14, "invalid genesis")
	// ErrDuplicateHolder reports a holder kind registered twice.
	ErrDuplicateHolder = errorsmod.Register(ModuleName, 15, "lien holder kind already registered")
	// ErrHolderFailed reports a lien holder returned an error or an impossible figure.
	ErrHolderFailed = errorsmod.Register(ModuleName, 16, "lien holder failed")
	// ErrAccounting reports an internal inconsistency; the operation is refused rather than applied.
	ErrAccounting = errorsmod.Register(ModuleName, 17, "vault accounting error")
	// ErrTooManyPendingLiens reports the user already has MaxPendingLiensPerUser stakes awaiting acknowledgement.
	ErrTooManyPendingLiens = errorsmod.Register(ModuleName, 18, "too many pending liens")
	// ErrReentrant reports a holder calling back into the vault about a user while the vault is
	// inside a call to a holder about that user (see lienholder.LienHolder for what is allowed).
	ErrReentrant = errorsmod.Register(ModuleName, 19, "holder called back into the vault about the same user")
	// ErrPendingIDsExhausted reports that every pending lien id has been handed out.
	ErrPendingIDsExhausted = errorsmod.Register(ModuleName, 20, "pending lien ids exhausted")
)
