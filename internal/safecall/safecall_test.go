package safecall_test

import (
	"errors"
	"testing"

	errorsmod "cosmossdk.io/errors"
	storetypes "cosmossdk.io/store/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/internal/safecall"
)

var errBase = errorsmod.Register("safecalltest", 2, "step failed")

func TestRunTurnsPanicsIntoErrors(t *testing.T) {
	plain := errors.New("plain")
	require.ErrorIs(t, safecall.Run(errBase, "step", func() error { return plain }), plain)
	require.NoError(t, safecall.Run(errBase, "step", func() error { return nil }))

	err := safecall.Run(errBase, "crank", func() error { panic("store corrupted") })
	require.ErrorIs(t, err, errBase)
	require.Equal(t, "crank panicked: store corrupted: step failed", err.Error())

	wrapped := errorsmod.Wrap(errBase, "inner")
	err = safecall.Run(errBase, "ack", func() error { panic(wrapped) })
	require.Equal(t, "ack panicked: inner: step failed: step failed", err.Error(), "an error gives its message, no stack frames")
}

func TestRunLetsOutOfGasUnwind(t *testing.T) {
	require.PanicsWithValue(t, storetypes.ErrorOutOfGas{Descriptor: "read"}, func() {
		_ = safecall.Run(errBase, "step", func() error { panic(storetypes.ErrorOutOfGas{Descriptor: "read"}) })
	})
}
