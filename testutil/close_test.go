package testutil_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"

	"github.com/meshsecurity/mesh/testutil"
)

// TestRelayFinishesACloseStartedOnOneEnd closes the B end of an ICS-20 channel as an application
// closes its own channel (IBC core's ChanCloseInit with the channel's capability: ICS-20 refuses a
// relayer's MsgChannelCloseInit) while three transfers are under way: 5 from A received on B with
// its acknowledgement not relayed yet, 7 from A and 11 from B not received. RelayAll confirms the
// close on A, times both unreceived transfers out on close (refunding their senders) and
// discards the acknowledgement A's closed end can no longer take.
func TestRelayFinishesACloseStartedOnOneEnd(t *testing.T) {
	net, link := twoChains(t, testutil.DefaultUnbondingPeriod)
	ch, err := link.OpenTransferChannel()
	require.NoError(t, err)
	a, b := link.A, link.B
	_, _, err = b.DeliverTx(b.Relayer, channeltypes.NewMsgChannelCloseInit(ch.PortB, ch.ChannelB, b.Relayer.String()))
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr, "ICS-20 refuses a relayer's close")

	transfer(t, net, a, b, ch.PortA, ch.ChannelA, sdk.NewInt64Coin("uprov", 5))
	require.NoError(t, link.ReceivePacket(link.PendingPackets()[0]))
	require.Len(t, b.PendingAcks(), 1)
	transfer(t, net, a, b, ch.PortA, ch.ChannelA, sdk.NewInt64Coin("uprov", 7))
	transfer(t, net, b, a, ch.PortB, ch.ChannelB, sdk.NewInt64Coin("ucons", 11))
	require.Len(t, link.PendingPackets(), 2)

	ctx := b.Context()
	capability, found := b.App.ScopedIBCKeeper.GetCapability(ctx, host.ChannelCapabilityPath(ch.PortB, ch.ChannelB))
	require.True(t, found)
	require.NoError(t, b.App.IBCKeeper.ChannelKeeper.ChanCloseInit(ctx, ch.PortB, ch.ChannelB, capability))
	b.NextBlock() // the block the application closed its end in
	require.NoError(t, link.RelayAll())

	for _, end := range []struct {
		chain         *testutil.Chain
		port, channel string
	}{{a, ch.PortA, ch.ChannelA}, {b, ch.PortB, ch.ChannelB}} {
		channel, found := end.chain.App.IBCKeeper.ChannelKeeper.GetChannel(end.chain.Context(), end.port, end.channel)
		require.True(t, found)
		require.Equal(t, channeltypes.CLOSED, channel.State)
	}
	require.Empty(t, link.PendingPackets())
	require.Empty(t, b.PendingAcks())
	require.Equal(t, testutil.DefaultAccountBalance.SubRaw(5), balance(a, a.Accounts[0].Address, "uprov"), "7 refunded")
	require.Equal(t, "5", balance(b, b.Accounts[0].Address, voucher(ch.PortB, ch.ChannelB, "uprov")).String())
	require.Equal(t, testutil.DefaultAccountBalance, balance(b, b.Accounts[0].Address, "ucons"), "11 refunded")
	confirmed, err := link.ConfirmCloses()
	require.NoError(t, err)
	require.Zero(t, confirmed, "nothing left to close")
}
