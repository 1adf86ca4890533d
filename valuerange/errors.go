package valuerange

import errorsmod "cosmossdk.io/errors"

// Codespace is the error codespace of the value-range primitive.
const Codespace = "valuerange"

var (
	// ErrNegative is returned when an amount or bound is negative or unset.
	ErrNegative = errorsmod.Register(Codespace, 2, "amount must be a non-negative integer")
	// ErrOverflow is returned when an increase would pass the given maximum or the integer limit.
	ErrOverflow = errorsmod.Register(Codespace, 3, "value range overflow")
	// ErrUnderflow is returned when a decrease would pass the given minimum or zero.
	ErrUnderflow = errorsmod.Register(Codespace, 4, "value range underflow")
	// ErrInverted is returned when an operation would leave Low above High.
	ErrInverted = errorsmod.Register(Codespace, 5, "value range low would exceed high")
	// ErrNotOneValue is returned by Val when operations are still pending.
	ErrNotOneValue = errorsmod.Register(Codespace, 6, "value range has pending operations")
	// ErrInvalidRatio is returned for a negative, unset or zero ratio where one is required.
	ErrInvalidRatio = errorsmod.Register(Codespace, 7, "invalid ratio")
)
