package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of double-sign evidence. Codes are stable: never renumber them. They start at
// 40, apart from the module's other errors, so both lists can grow independently.
var (
	ErrInvalidEvidence      = errorsmod.Register(ModuleName, 40, "malformed double-sign evidence")
	ErrVotesDoNotConflict   = errorsmod.Register(ModuleName, 41, "votes are not a double sign")
	ErrUnknownValidator     = errorsmod.Register(ModuleName, 42, "consumer validator has no pinned consensus key")
	ErrWrongValidator       = errorsmod.Register(ModuleName, 43, "votes are not signed with the validator's pinned key")
	ErrInvalidVoteSignature = errorsmod.Register(ModuleName, 44, "vote signature does not verify for the consumer chain")
	ErrWrongChainID         = errorsmod.Register(ModuleName, 45, "header is not of the pairing's consumer chain")
	ErrHeaderMismatch       = errorsmod.Register(ModuleName, 46, "header is not at the infraction height")
	ErrNotInValidatorSet    = errorsmod.Register(ModuleName, 47, "validator is not in the header's validator set with its pinned key")
	ErrHeaderNotVerified    = errorsmod.Register(ModuleName, 48, "header does not verify against the pairing's light client")
	ErrEvidenceExpired      = errorsmod.Register(ModuleName, 49, "infraction is outside the pairing's evidence window")
	ErrAlreadyPunished      = errorsmod.Register(ModuleName, 50, "validator was already punished for this infraction")
	ErrClientUnusable       = errorsmod.Register(ModuleName, 51, "pairing's light client cannot verify evidence")
)
