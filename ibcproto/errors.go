package ibcproto

import errorsmod "cosmossdk.io/errors"

// Codespace is the ABCI codespace of every error this package registers.
const Codespace = "meshibc"

// Decoding errors: the bytes are not a value of the wire protocol.
var (
	// ErrInvalidJSON is returned for bytes that are not a single well-formed JSON value.
	ErrInvalidJSON = errorsmod.Register(Codespace, 2, "invalid json")
	// ErrMalformedVariant is returned when an enum is not an object with exactly one variant key.
	ErrMalformedVariant = errorsmod.Register(Codespace, 3, "malformed variant")
	// ErrUnknownVariant is returned for a variant name the protocol does not define.
	ErrUnknownVariant = errorsmod.Register(Codespace, 4, "unknown variant")
	// ErrUnknownField is returned for a field the protocol does not define where unknown fields are refused.
	ErrUnknownField = errorsmod.Register(Codespace, 5, "unknown field")
	// ErrMissingField is returned when a required field is absent.
	ErrMissingField = errorsmod.Register(Codespace, 6, "missing field")
	// ErrDuplicateField is returned when an object names the same field twice.
	ErrDuplicateField = errorsmod.Register(Codespace, 7, "duplicate field")
	// ErrInvalidType is returned when a field holds a JSON value of the wrong type (for example an amount as a number).
	ErrInvalidType = errorsmod.Register(Codespace, 8, "invalid type")
	// ErrInvalidNumber is returned for a u64 field that is not a non-negative integer below 2^64.
	ErrInvalidNumber = errorsmod.Register(Codespace, 9, "invalid number")
	// ErrInvalidAmount is returned for an amount string that is not a plain decimal integer.
	ErrInvalidAmount = errorsmod.Register(Codespace, 10, "invalid amount")
	// ErrAmountOverflow is returned for an amount of 2^128 or more.
	ErrAmountOverflow = errorsmod.Register(Codespace, 11, "amount overflows 128 bits")
	// ErrInvalidBase64 is returned for a binary field that is not standard base64.
	ErrInvalidBase64 = errorsmod.Register(Codespace, 12, "invalid base64")
	// ErrPacketTooLarge is returned, before any parsing, for input longer than the decoder's
	// limit (MaxPacketSize, MaxVersionSize).
	ErrPacketTooLarge = errorsmod.Register(Codespace, 13, "input too large")
)

// Validation errors: the value decodes but can never be right.
var (
	// ErrInvalidPacket is returned by ValidateBasic for a packet that can never be valid.
	ErrInvalidPacket = errorsmod.Register(Codespace, 20, "invalid packet")
	// ErrInvalidValsetEntry is returned for one bad entry of a valset update; the entry can be skipped.
	ErrInvalidValsetEntry = errorsmod.Register(Codespace, 21, "invalid valset update entry")
	// ErrInvalidSlashRatio is returned for a slash ratio that is not a decimal in [0, 1] with at most 18 places.
	ErrInvalidSlashRatio = errorsmod.Register(Codespace, 22, "invalid slash ratio")
	// ErrInvalidPubKey is returned for a consensus key that is not base64 of a 32-byte ed25519 key.
	ErrInvalidPubKey = errorsmod.Register(Codespace, 23, "invalid consensus public key")
)

// Channel version and handshake errors.
var (
	// ErrInvalidProtocol is returned for a channel version whose protocol is not mesh-security.
	ErrInvalidProtocol = errorsmod.Register(Codespace, 30, "invalid protocol name")
	// ErrInvalidVersion is returned for a version that is not semver or a version object that does not parse.
	ErrInvalidVersion = errorsmod.Register(Codespace, 31, "invalid version")
	// ErrVersionTooOld is returned for a proposed version below the minimum supported one.
	ErrVersionTooOld = errorsmod.Register(Codespace, 32, "version too old")
	// ErrVersionTooNew is returned for a proposed version with changes ahead of the supported one.
	ErrVersionTooNew = errorsmod.Register(Codespace, 33, "version too new")
	// ErrUnsupportedExtension is returned when a counterparty answers with an extension that was not offered.
	ErrUnsupportedExtension = errorsmod.Register(Codespace, 34, "unsupported protocol extension")
	// ErrInvalidChannelOrder is returned for a channel that is not UNORDERED.
	ErrInvalidChannelOrder = errorsmod.Register(Codespace, 35, "channel must be unordered")
	// ErrInvalidHops is returned unless the channel runs over exactly one connection hop.
	ErrInvalidHops = errorsmod.Register(Codespace, 36, "channel must use exactly one connection hop")
	// ErrHandshakeStepDisallowed is returned for a handshake step this side of the protocol never takes.
	ErrHandshakeStepDisallowed = errorsmod.Register(Codespace, 37, "handshake step not allowed on this side")
)
