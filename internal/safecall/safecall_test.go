package safecall_test

import (
	"errors"
	"testing"

	errorsmod "cosmossdk.io/errors"
	storetypes "cosmossdk.io/store/types"
	sdktestutil "github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
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

func TestStepKeepsOnlyWhatEndsNormally(t *testing.T) {
	key := storetypes.NewKVStoreKey("step")
	ctx := sdktestutil.DefaultContext(key, storetypes.NewTransientStoreKey("step_t"))
	var failures []error
	failed := func(err error) { failures = append(failures, err) }

	safecall.Step(ctx, errBase, "test", "writes", func(c sdk.Context) { c.KVStore(key).Set([]byte("a"), []byte("1")) }, failed)
	safecall.Step(ctx, errBase, "test", "breaks", func(c sdk.Context) {
		c.KVStore(key).Set([]byte("b"), []byte("2"))
		panic("broken record")
	}, failed)

	require.Equal(t, []byte("1"), ctx.KVStore(key).Get([]byte("a")))
	require.Nil(t, ctx.KVStore(key).Get([]byte("b")), "the failed step's writes are discarded")
	require.Len(t, failures, 1)
	require.ErrorIs(t, failures[0], errBase)
	require.Equal(t, "breaks panicked: broken record: step failed", failures[0].Error())
}
