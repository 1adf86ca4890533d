package testutil_test

import (
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

	"github.com/meshsecurity/mesh/testutil"
)

// TestChannelClosedByTheApplicationOfEitherEnd closes an ICS-20 channel from its B end, which
// refuses a relayer's MsgChannelCloseInit but not a close IBC core runs with the channel's
// capability: both ends end up closed, and nothing more is sent or closed on it.
func TestChannelClosedByTheApplicationOfEitherEnd(t *testing.T) {
	net, link := twoChains(t, testutil.DefaultUnbondingPeriod)
	ch, err := link.OpenTransferChannel()
	require.NoError(t, err)
	_, _, err = link.B.DeliverTx(link.B.Relayer, channeltypes.NewMsgChannelCloseInit(ch.PortB, ch.ChannelB, link.B.Relayer.String()))
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr, "ICS-20 refuses a relayer's close")

	require.NoError(t, ch.CloseByApplication(link.B))
	for _, end := range []struct {
		chain         *testutil.Chain
		port, channel string
	}{{link.A, ch.PortA, ch.ChannelA}, {link.B, ch.PortB, ch.ChannelB}} {
		channel, found := end.chain.App.IBCKeeper.ChannelKeeper.GetChannel(end.chain.Context(), end.port, end.channel)
		require.True(t, found)
		require.Equal(t, channeltypes.CLOSED, channel.State)
	}
	require.ErrorIs(t, ch.CloseByApplication(link.A), channeltypes.ErrInvalidChannelState, "already closed")

	before := balance(link.A, link.A.Accounts[0].Address, "uprov")
	timeout := uint64(net.Now().Add(time.Hour).UnixNano())
	msg := transfertypes.NewMsgTransfer(ch.PortA, ch.ChannelA, sdk.NewInt64Coin("uprov", 5), link.A.Accounts[0].String(),
		link.B.Accounts[0].String(), clienttypes.ZeroHeight(), timeout, "")
	_, _, err = link.A.DeliverTx(link.A.Accounts[0], msg)
	require.ErrorAs(t, err, &txErr, "a closed channel sends nothing")
	require.Equal(t, before, balance(link.A, link.A.Accounts[0].Address, "uprov"))
	require.Empty(t, link.PendingPackets())
}
