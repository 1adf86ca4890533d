package eventattr_test

import (
	"context"
	"errors"
	"testing"

	"cosmossdk.io/log"
	storetypes "cosmossdk.io/store/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/internal/eventattr"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// newContext is a context with an event manager and a gas meter limited to limit.
func newContext(limit storetypes.Gas) sdk.Context {
	return sdk.NewContext(nil, cmtproto.Header{}, false, log.NewNopLogger()).
		WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewGasMeter(limit))
}

func TestEmitReadsTheDenomUnmetered(t *testing.T) {
	ctx := newContext(10)
	denomOf := func(ctx context.Context) (string, error) {
		sdk.UnwrapSDKContext(ctx).GasMeter().ConsumeGas(1_000, "denom read")
		return "umesh", nil
	}
	ev := &vaulttypes.EventLienOpened{Owner: "o", Holder: "local", Amount: "40", PendingId: 7}
	require.NoError(t, eventattr.Emit(ctx, ev, denomOf))
	require.Zero(t, ctx.GasMeter().GasConsumed())
	events := ctx.EventManager().Events()
	require.Len(t, events, 1)
	require.Equal(t, "40umesh", attrs(t, events[0])["amount"])
}

func TestEmitWithoutADenom(t *testing.T) {
	noDenom := errors.New("no denom")
	failing := func(context.Context) (string, error) { return "", noDenom }
	ev := &vaulttypes.EventLienOpened{Owner: "o", Holder: "local", Amount: "40", PendingId: 7}

	strict := newContext(1_000)
	require.ErrorIs(t, eventattr.Emit(strict, ev, failing), noDenom)
	require.Empty(t, strict.EventManager().Events())

	lenient := newContext(1_000)
	eventattr.EmitLenient(lenient, ev, failing)
	events := lenient.EventManager().Events()
	require.Len(t, events, 1)
	require.Equal(t, "40", attrs(t, events[0])["amount"])
}
