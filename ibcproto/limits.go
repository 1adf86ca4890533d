package ibcproto

import (
	"strconv"

	errorsmod "cosmossdk.io/errors"
)

// Input size limits. Every decoder refuses longer input with ErrPacketTooLarge before it reads a
// single byte, so the work a counterparty can make a validator do per packet is bounded; below
// the limits every decoder runs in time linear in its input. The IBC modules check packet data
// and acknowledgements against these limits (through the decoders) and never pass larger input on.
const (
	// MaxPacketSize is the largest provider packet, consumer packet or acknowledgement, in bytes,
	// that DecodeProviderPacket, DecodeConsumerPacket and DecodeAck accept. It leaves room for a
	// valset update announcing several thousand validators at once, far above any chain's set,
	// and is half of CometBFT's default largest transaction (1 MiB).
	MaxPacketSize = 512 * 1024
	// MaxVersionSize is the largest channel version string, in bytes, that ParseVersion accepts.
	MaxVersionSize = 4 * 1024
)

// maxAmountDigits is the number of decimal digits of 2^128 - 1, the largest amount: an amount
// with more significant digits overflows whatever the digits are.
const maxAmountDigits = 39

// maxExcerpt bounds how much of a refused value an error message quotes.
const maxExcerpt = 64

// checkSize refuses input longer than limit, naming what was being decoded.
func checkSize(size, limit int, what string) error {
	if size > limit {
		return errorsmod.Wrapf(ErrPacketTooLarge, "%s of %d bytes exceeds the limit of %d", what, size, limit)
	}
	return nil
}

// excerpt quotes s for an error message, cut to its first bytes when long, so that refusing a
// huge value never builds a huge message.
func excerpt(s string) string {
	if len(s) <= maxExcerpt {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:maxExcerpt]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}
