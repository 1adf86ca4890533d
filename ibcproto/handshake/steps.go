package handshake

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/meshsecurity/mesh/ibcproto"
)

// Side is the role a chain plays on one control channel.
type Side uint8

const (
	// Consumer is the side that receives cross-stake; it opens the channel.
	Consumer Side = iota + 1
	// Provider is the side whose vault holds the collateral; it answers the opening.
	Provider
)

// String names the side in errors.
func (s Side) String() string {
	switch s {
	case Consumer:
		return "consumer"
	case Provider:
		return "provider"
	default:
		return "unknown side"
	}
}

// Step is one callback of the four-step channel opening handshake.
type Step uint8

const (
	// OpenInit is ChanOpenInit, on the chain that starts the handshake.
	OpenInit Step = iota + 1
	// OpenTry is ChanOpenTry, on the chain that answers it.
	OpenTry
	// OpenAck is ChanOpenAck, back on the starting chain.
	OpenAck
	// OpenConfirm is ChanOpenConfirm, back on the answering chain.
	OpenConfirm
)

// String names the step in errors.
func (s Step) String() string {
	switch s {
	case OpenInit:
		return "OpenInit"
	case OpenTry:
		return "OpenTry"
	case OpenAck:
		return "OpenAck"
	case OpenConfirm:
		return "OpenConfirm"
	default:
		return "unknown step"
	}
}

// AllowStep says whether side takes step: the consumer always starts (INIT, then ACK) and the
// provider always answers (TRY, then CONFIRM). Anything else is refused with
// ibcproto.ErrHandshakeStepDisallowed.
func AllowStep(side Side, step Step) error {
	if stepSide(step) != side || side == 0 {
		return errorsmod.Wrapf(ibcproto.ErrHandshakeStepDisallowed, "%s on the %s", step, side)
	}
	return nil
}

// stepSide returns the side that takes step, or 0 for an unknown step.
func stepSide(step Step) Side {
	switch step {
	case OpenInit, OpenAck:
		return Consumer
	case OpenTry, OpenConfirm:
		return Provider
	default:
		return 0
	}
}
