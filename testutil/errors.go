package testutil

import "errors"

// Errors the driver returns for misuse by a test.
var (
	errNotInValidatorSet = errors.New("validator is not in the active set at the last height")
	errNoHeader          = errors.New("chain has no committed header yet")
	errUnknownPacket     = errors.New("packet was not sent on this link")
	errUnknownChain      = errors.New("chain is not an end of this link")
	errRelayLoop         = errors.New("relay did not settle: packets kept producing packets")
	errNoTimeout         = errors.New("packet has neither a timeout height nor a timeout timestamp")
)
