package handshake_test

import (
	"testing"

	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/ibcproto/handshake"
)

func TestValidateOrder(t *testing.T) {
	require.NoError(t, handshake.ValidateOrder(channeltypes.UNORDERED))
	require.ErrorIs(t, handshake.ValidateOrder(channeltypes.ORDERED), ibcproto.ErrInvalidChannelOrder)
	require.ErrorIs(t, handshake.ValidateOrder(channeltypes.NONE), ibcproto.ErrInvalidChannelOrder)
	require.ErrorIs(t, handshake.ValidateOrder(channeltypes.Order(9)), ibcproto.ErrInvalidChannelOrder)
}

func TestValidateConnectionHops(t *testing.T) {
	conn, err := handshake.ValidateConnectionHops([]string{"connection-4"})
	require.NoError(t, err)
	require.Equal(t, "connection-4", conn)

	for name, hops := range map[string][]string{
		"none":  nil,
		"empty": {""},
		"two":   {"connection-0", "connection-1"},
	} {
		_, err := handshake.ValidateConnectionHops(hops)
		require.ErrorIs(t, err, ibcproto.ErrInvalidHops, name)
	}
}

func TestAllowStep(t *testing.T) {
	allowed := map[handshake.Side][]handshake.Step{
		handshake.Consumer: {handshake.OpenInit, handshake.OpenAck},
		handshake.Provider: {handshake.OpenTry, handshake.OpenConfirm},
	}
	steps := []handshake.Step{handshake.OpenInit, handshake.OpenTry, handshake.OpenAck, handshake.OpenConfirm}
	for side, ok := range allowed {
		for _, step := range steps {
			err := handshake.AllowStep(side, step)
			if contains(ok, step) {
				require.NoError(t, err, "%s %s", side, step)
			} else {
				require.ErrorIs(t, err, ibcproto.ErrHandshakeStepDisallowed, "%s %s", side, step)
			}
		}
	}
	require.ErrorIs(t, handshake.AllowStep(0, 0), ibcproto.ErrHandshakeStepDisallowed)
	require.ErrorIs(t, handshake.AllowStep(handshake.Side(9), handshake.OpenInit), ibcproto.ErrHandshakeStepDisallowed)
	require.ErrorIs(t, handshake.AllowStep(handshake.Consumer, handshake.Step(9)), ibcproto.ErrHandshakeStepDisallowed)
	require.Contains(t, handshake.AllowStep(handshake.Provider, handshake.OpenInit).Error(), "OpenInit on the provider")
}

func contains(steps []handshake.Step, step handshake.Step) bool {
	for _, s := range steps {
		if s == step {
			return true
		}
	}
	return false
}
