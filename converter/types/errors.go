package types

import errorsmod "cosmossdk.io/errors"

// Registered converter errors. Codes are stable: never renumber them.
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
	ErrStalePrice          = errorsmod.Register(ModuleName, 11, "the pairing's price is stale")
	ErrInvalidPrice        = errorsmod.Register(ModuleName, 12, "invalid price")
	ErrWrongDenom          = errorsmod.Register(ModuleName, 13, "wrong denom")
	ErrUnknownValidator    = errorsmod.Register(ModuleName, 14, "validator unknown on this chain")
	ErrOverCap             = errorsmod.Register(ModuleName, 15, "stake over the pairing's max cap")
	ErrInsufficientRequest = errorsmod.Register(ModuleName, 16, "unstake over what was staked")
	ErrInsufficientReserve = errorsmod.Register(ModuleName, 17, "reward reserve too small")
	ErrChannelRefused      = errorsmod.Register(ModuleName, 18, "channel handshake refused")
	ErrChannelAlreadyOpen  = errorsmod.Register(ModuleName, 19, "pairing already has a channel")
	ErrCloseRefused        = errorsmod.Register(ModuleName, 20, "channels are closed by closing the pairing")
	ErrUnknownChannel      = errorsmod.Register(ModuleName, 21, "channel belongs to no pairing")
	ErrPacketRefused       = errorsmod.Register(ModuleName, 22, "packet refused")
	ErrInvalidGenesis      = errorsmod.Register(ModuleName, 23, "invalid genesis")
	ErrAccounting          = errorsmod.Register(ModuleName, 24, "converter accounting error")
	ErrChannelNotOpen      = errorsmod.Register(ModuleName, 25, "pairing has no open channel")
	ErrInvalidCounterparty = errorsmod.Register(ModuleName, 26, "counterparty does not match the pairing")
	ErrOverflow            = errorsmod.Register(ModuleName, 27, "amount exceeds what the arithmetic can hold")
	ErrValidatorRetiring   = errorsmod.Register(ModuleName, 28, "validator's requests are being retired")
)
