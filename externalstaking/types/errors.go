package types

import errorsmod "cosmossdk.io/errors"

// Registered external staking errors. Codes are stable: never renumber them.
var (
	ErrInvalidAddress      = errorsmod.Register(ModuleName, 2, "invalid address")
	ErrInvalidAmount       = errorsmod.Register(ModuleName, 3, "invalid amount")
	ErrUnauthorized        = errorsmod.Register(ModuleName, 4, "unauthorized")
	ErrInvalidParams       = errorsmod.Register(ModuleName, 5, "invalid params")
	ErrInvalidPairing      = errorsmod.Register(ModuleName, 6, "invalid pairing")
	ErrUnknownPairing      = errorsmod.Register(ModuleName, 7, "unknown pairing")
	ErrPairingExists       = errorsmod.Register(ModuleName, 8, "pairing already exists")
	ErrPairingNotActive    = errorsmod.Register(ModuleName, 9, "pairing does not take new stake")
	ErrWrongPairingStatus  = errorsmod.Register(ModuleName, 10, "pairing is not in a state that allows this")
	ErrNoVault             = errorsmod.Register(ModuleName, 11, "external staking is not registered with a vault")
	ErrValidatorNotActive  = errorsmod.Register(ModuleName, 12, "validator is not active")
	ErrBelowMinimum        = errorsmod.Register(ModuleName, 13, "cross-stake below the pairing's minimum")
	ErrTooManyPositions    = errorsmod.Register(ModuleName, 14, "too many positions for one user")
	ErrNotEnoughStake      = errorsmod.Register(ModuleName, 15, "not enough committed stake")
	ErrNoRewards           = errorsmod.Register(ModuleName, 16, "no rewards to withdraw")
	ErrChannelRefused      = errorsmod.Register(ModuleName, 17, "channel handshake refused")
	ErrChannelAlreadyOpen  = errorsmod.Register(ModuleName, 18, "pairing already has a channel")
	ErrCloseRefused        = errorsmod.Register(ModuleName, 19, "channels are closed by closing the pairing")
	ErrUnknownChannel      = errorsmod.Register(ModuleName, 20, "channel belongs to no pairing")
	ErrPacketRefused       = errorsmod.Register(ModuleName, 21, "packet refused")
	ErrInvalidGenesis      = errorsmod.Register(ModuleName, 22, "invalid genesis")
	ErrNoPosition          = errorsmod.Register(ModuleName, 23, "no stake with this validator")
	ErrWrongDenom          = errorsmod.Register(ModuleName, 24, "wrong denom")
	ErrAccounting          = errorsmod.Register(ModuleName, 25, "external staking accounting error")
	ErrChannelNotOpen      = errorsmod.Register(ModuleName, 26, "pairing has no open channel")
	ErrInvalidCounterparty = errorsmod.Register(ModuleName, 27, "counterparty does not match the pairing")
	ErrOverflow            = errorsmod.Register(ModuleName, 28, "amount exceeds what the accounting can hold")
)
