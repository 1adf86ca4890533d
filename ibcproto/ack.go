package ibcproto

import (
	"encoding/base64"
	"fmt"

	errorsmod "cosmossdk.io/errors"
)

// Wire names of the acknowledgement variants.
const (
	AckVariantResult = "result"
	AckVariantError  = "error"
)

// emptyResult is the inner JSON of every success acknowledgement in protocol 0.11.0 (StakeAck,
// UnstakeAck, TransferRewardsAck, ValsetUpdateAck, DistributeAck are all empty structs).
var emptyResult = []byte("{}")

// Ack is the protocol's acknowledgement: {"result":"<base64 of the inner JSON>"} or
// {"error":"<message>"}, the same shape as ibc-go's and wasmd's. It satisfies ibc-go's
// exported.Acknowledgement, so an IBC module can return it from OnRecvPacket. Build it with the
// constructors; the zero value is a success with an empty result.
type Ack struct {
	result  []byte
	message string
	failed  bool
}

// NewResultAck returns a success acknowledgement carrying result, the inner JSON.
func NewResultAck(result []byte) Ack {
	return Ack{result: append([]byte(nil), result...)}
}

// NewSuccessAck returns the success acknowledgement every packet of protocol 0.11.0 uses:
// {"result":"e30="}, the base64 of {}.
func NewSuccessAck() Ack {
	return NewResultAck(emptyResult)
}

// NewErrorAck returns an error acknowledgement with message. The message is committed on chain,
// so it must be deterministic; NewErrorAckFromError builds one that is.
func NewErrorAck(message string) Ack {
	return Ack{message: message, failed: true}
}

// NewErrorAckFromError returns an error acknowledgement that names only err's ABCI code, as
// ibc-go does, so that non-deterministic error text never reaches the commitment.
func NewErrorAckFromError(err error) Ack {
	_, code, _ := errorsmod.ABCIInfo(err, false)
	return NewErrorAck(fmt.Sprintf("ABCI code: %d: error handling packet: see events for details", code))
}

// Success reports whether the acknowledgement is a result.
func (a Ack) Success() bool {
	return !a.failed
}

// Result returns the inner JSON of a success acknowledgement (nil for an error).
func (a Ack) Result() []byte {
	return append([]byte(nil), a.result...)
}

// ErrorMessage returns the message of an error acknowledgement ("" for a success).
func (a Ack) ErrorMessage() string {
	return a.message
}

// IsEmptyResult reports whether the acknowledgement is a success whose inner JSON is an empty
// object, which is what every 0.11.0 packet expects.
func (a Ack) IsEmptyResult() bool {
	if a.failed {
		return false
	}
	v, err := parseJSON(a.result)
	return err == nil && v.kind == kindObject && len(v.members) == 0
}

// Acknowledgement returns the wire bytes; it implements ibc-go's exported.Acknowledgement.
func (a Ack) Acknowledgement() []byte {
	if a.failed {
		return appendVariant(nil, AckVariantError, appendString(nil, a.message))
	}
	encoded := base64.StdEncoding.EncodeToString(a.result)
	return appendVariant(nil, AckVariantResult, appendString(nil, encoded))
}

// DecodeAck parses an acknowledgement. The result must be standard base64, padded or not, as
// cosmwasm's Binary accepts it. Input longer than MaxPacketSize is refused with ErrPacketTooLarge
// before it is parsed.
func DecodeAck(bz []byte) (Ack, error) {
	if err := checkSize(len(bz), MaxPacketSize, "acknowledgement"); err != nil {
		return Ack{}, err
	}
	root, err := parseJSON(bz)
	if err != nil {
		return Ack{}, err
	}
	name, body, err := readVariant(root, "acknowledgement")
	if err != nil {
		return Ack{}, err
	}
	switch name {
	case AckVariantResult:
		encoded, err := stringValue(body, "acknowledgement.result")
		if err != nil {
			return Ack{}, err
		}
		raw, err := decodeStdBase64(encoded)
		if err != nil {
			return Ack{}, errorsmod.Wrap(err, "acknowledgement.result")
		}
		return Ack{result: raw}, nil
	case AckVariantError:
		message, err := stringValue(body, "acknowledgement.error")
		if err != nil {
			return Ack{}, err
		}
		return NewErrorAck(message), nil
	default:
		return Ack{}, errorsmod.Wrapf(ErrUnknownVariant, "acknowledgement %s", excerpt(name))
	}
}
