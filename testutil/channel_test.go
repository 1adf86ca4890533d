package testutil_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

	"github.com/meshsecurity/mesh/testutil"
)

func TestChannelOpenedFromTheLinksBEnd(t *testing.T) {
	_, link := twoChains(t, testutil.DefaultUnbondingPeriod)
	ch, err := link.OpenChannelFrom(link.B, testutil.ChannelConfig{
		PortA: transfertypes.PortID, PortB: transfertypes.PortID,
		Version: transfertypes.Version, Order: channeltypes.UNORDERED,
	})
	require.NoError(t, err)
	require.Equal(t, link.B, ch.Link.A)
	require.Equal(t, link.A, ch.Link.B)
	initiated, found := link.B.App.IBCKeeper.ChannelKeeper.GetChannel(link.B.Context(), ch.PortA, ch.ChannelA)
	require.True(t, found)
	require.Equal(t, channeltypes.OPEN, initiated.State)
	require.Equal(t, ch.ChannelB, initiated.Counterparty.ChannelId)

	// ICS-20 refuses to close: the failed INIT leaves both ends open.
	var txErr *testutil.TxError
	require.ErrorAs(t, ch.Close(), &txErr)
	for _, end := range []struct {
		chain         *testutil.Chain
		port, channel string
	}{{link.B, ch.PortA, ch.ChannelA}, {link.A, ch.PortB, ch.ChannelB}} {
		channel, found := end.chain.App.IBCKeeper.ChannelKeeper.GetChannel(end.chain.Context(), end.port, end.channel)
		require.True(t, found)
		require.Equal(t, channeltypes.OPEN, channel.State)
	}
}
