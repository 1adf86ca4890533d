package handshake

import (
	errorsmod "cosmossdk.io/errors"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

	"github.com/meshsecurity/mesh/ibcproto"
)

// RequiredOrder is the only channel ordering the protocol allows. An ordered channel would close
// for good after one timeout, and the protocol tolerates reordering (value ranges, the CRDT).
const RequiredOrder = channeltypes.UNORDERED

// ValidateOrder refuses any ordering but UNORDERED with ibcproto.ErrInvalidChannelOrder.
func ValidateOrder(order channeltypes.Order) error {
	if order != RequiredOrder {
		return errorsmod.Wrapf(ibcproto.ErrInvalidChannelOrder, "got %s", order)
	}
	return nil
}

// ValidateConnectionHops refuses anything but exactly one non-empty connection id with
// ibcproto.ErrInvalidHops. It returns that connection id, whose client the caller checks against
// the pairing's chain id.
func ValidateConnectionHops(hops []string) (string, error) {
	if len(hops) != 1 {
		return "", errorsmod.Wrapf(ibcproto.ErrInvalidHops, "got %d hops", len(hops))
	}
	if hops[0] == "" {
		return "", errorsmod.Wrap(ibcproto.ErrInvalidHops, "empty connection id")
	}
	return hops[0], nil
}
