package testutil_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/endblocksender"
)

// twoChains starts a provider and a consumer with their own denoms and connects them.
func twoChains(t *testing.T, unbonding time.Duration, opts ...meshapp.Option) (*testutil.Network, *testutil.Link) {
	t.Helper()
	net := testutil.NewNetwork(t)
	a := net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov", UnbondingPeriod: unbonding, AppOptions: opts})
	b := net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", BondDenom: "ucons", UnbondingPeriod: unbonding, AppOptions: opts})
	link, err := net.Connect(a, b)
	require.NoError(t, err)
	return net, link
}

// transfer sends amount of denom from the first account of the channel's chain side.
func transfer(t *testing.T, net *testutil.Network, from, to *testutil.Chain, port, channel string, coin sdk.Coin) {
	t.Helper()
	timeout := uint64(net.Now().Add(time.Hour).UnixNano())
	msg := transfertypes.NewMsgTransfer(port, channel, coin, from.Accounts[0].String(),
		to.Accounts[0].String(), clienttypes.ZeroHeight(), timeout, "")
	_, _, err := from.DeliverTx(from.Accounts[0], msg)
	require.NoError(t, err)
}

// balance returns an account's balance of a denom.
func balance(c *testutil.Chain, addr sdk.AccAddress, denom string) sdkmath.Int {
	return c.App.BankKeeper.GetBalance(c.Context(), addr, denom).Amount
}

// voucher is the denom chain `to` gives a token that arrived over its end of a channel.
func voucher(port, channel, baseDenom string) string {
	return transfertypes.ParseDenomTrace(transfertypes.GetPrefixedDenom(port, channel, baseDenom)).IBCDenom()
}

func TestTransferBetweenChainsWithDifferentDenoms(t *testing.T) {
	net, link := twoChains(t, testutil.DefaultUnbondingPeriod)
	ch, err := link.OpenTransferChannel()
	require.NoError(t, err)
	a, b := link.A, link.B
	amount := sdkmath.NewInt(1_234)

	transfer(t, net, a, b, ch.PortA, ch.ChannelA, sdk.NewCoin("uprov", amount))
	require.Len(t, link.PendingPackets(), 1)
	require.NoError(t, link.RelayAll())
	require.Empty(t, link.PendingPackets())

	require.Equal(t, testutil.DefaultAccountBalance.Sub(amount), balance(a, a.Accounts[0].Address, "uprov"))
	require.Equal(t, amount, balance(b, b.Accounts[0].Address, voucher(ch.PortB, ch.ChannelB, "uprov")))
	escrow := transfertypes.GetEscrowAddress(ch.PortA, ch.ChannelA)
	require.Equal(t, amount, balance(a, escrow, "uprov"))
	// The acknowledgement reached A: the packet commitment is gone.
	require.Nil(t, a.App.IBCKeeper.ChannelKeeper.GetPacketCommitment(a.Context(), ch.PortA, ch.ChannelA, 1))

	// The other way, in the consumer's own denom.
	transfer(t, net, b, a, ch.PortB, ch.ChannelB, sdk.NewCoin("ucons", amount))
	require.NoError(t, link.RelayAll())
	require.Equal(t, amount, balance(a, a.Accounts[0].Address, voucher(ch.PortA, ch.ChannelA, "ucons")))
	require.Equal(t, testutil.DefaultAccountBalance.Sub(amount), balance(b, b.Accounts[0].Address, "ucons"))
}

func TestTransferTimesOutAndRefunds(t *testing.T) {
	net, link := twoChains(t, testutil.DefaultUnbondingPeriod)
	ch, err := link.OpenTransferChannel()
	require.NoError(t, err)
	a, b := link.A, link.B
	amount := sdkmath.NewInt(500)

	transfer(t, net, a, b, ch.PortA, ch.ChannelA, sdk.NewCoin("uprov", amount))
	require.Equal(t, testutil.DefaultAccountBalance.Sub(amount), balance(a, a.Accounts[0].Address, "uprov"))
	pending := link.PendingPackets()
	require.Len(t, pending, 1)

	require.NoError(t, link.TimeoutPacket(pending[0]))
	require.Empty(t, link.PendingPackets())
	require.Equal(t, testutil.DefaultAccountBalance, balance(a, a.Accounts[0].Address, "uprov"))
	require.True(t, balance(b, b.Accounts[0].Address, voucher(ch.PortB, ch.ChannelB, "uprov")).IsZero())
}

func TestPacketsRelayedOneByOneInChosenOrder(t *testing.T) {
	net, link := twoChains(t, testutil.DefaultUnbondingPeriod)
	ch, err := link.OpenTransferChannel()
	require.NoError(t, err)
	a, b := link.A, link.B

	transfer(t, net, a, b, ch.PortA, ch.ChannelA, sdk.NewCoin("uprov", sdkmath.NewInt(10)))
	transfer(t, net, a, b, ch.PortA, ch.ChannelA, sdk.NewCoin("uprov", sdkmath.NewInt(20)))
	pending := link.PendingPackets()
	require.Len(t, pending, 2)

	// Deliver the second packet first, and hold its acknowledgement back.
	require.NoError(t, link.ReceivePacket(pending[1]))
	require.Equal(t, sdkmath.NewInt(20), balance(b, b.Accounts[0].Address, voucher(ch.PortB, ch.ChannelB, "uprov")))
	require.Len(t, b.PendingAcks(), 1)
	require.NotNil(t, a.App.IBCKeeper.ChannelKeeper.GetPacketCommitment(a.Context(), ch.PortA, ch.ChannelA, 2))

	require.NoError(t, link.RelayPacket(pending[0]))
	require.Equal(t, sdkmath.NewInt(30), balance(b, b.Accounts[0].Address, voucher(ch.PortB, ch.ChannelB, "uprov")))
	require.NoError(t, link.RelayAck(b.PendingAcks()[0]))
	require.Empty(t, b.PendingAcks())
	require.Nil(t, a.App.IBCKeeper.ChannelKeeper.GetPacketCommitment(a.Context(), ch.PortA, ch.ChannelA, 2))
}

func TestPacketSentFromEndBlockIsRelayed(t *testing.T) {
	senderA, senderB := endblocksender.New(), endblocksender.New()
	net := testutil.NewNetwork(t)
	a := net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov",
		AppOptions: []meshapp.Option{meshapp.WithIBCApplication(senderA.Application())}})
	b := net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", BondDenom: "ucons",
		AppOptions: []meshapp.Option{meshapp.WithIBCApplication(senderB.Application())}})
	link, err := net.Connect(a, b)
	require.NoError(t, err)
	ch, err := link.OpenChannel(testutil.ChannelConfig{
		PortA: endblocksender.PortID, PortB: endblocksender.PortID,
		Version: endblocksender.Version, Order: channeltypes.UNORDERED,
	})
	require.NoError(t, err)

	senderA.Queue(ch.ChannelA, []byte("from end block"))
	res := a.NextBlock()
	require.Empty(t, res.TxResults, "the packet must come from a block without transactions")
	require.Empty(t, senderA.SendErrors())
	pending := link.PendingPackets()
	require.Len(t, pending, 1)
	require.Equal(t, a.Height(), pending[0].Height)
	require.Equal(t, []byte("from end block"), pending[0].GetData())

	require.NoError(t, link.RelayAll())
	require.Equal(t, [][]byte{[]byte("from end block")}, senderB.Received())
	require.Len(t, senderA.Acknowledged(), 1)
	ack := channeltypes.NewResultAcknowledgement([]byte("from end block"))
	require.Equal(t, ack.Acknowledgement(), senderA.Acknowledged()[0])
}

func TestChannelSurvivesTwentyOneDays(t *testing.T) {
	const unbonding = 21 * 24 * time.Hour
	net, link := twoChains(t, unbonding)
	ch, err := link.OpenTransferChannel()
	require.NoError(t, err)
	a, b := link.A, link.B

	// A delegator starts unbonding on A; the advance must let it complete.
	delegator := a.Accounts[1]
	validator := a.Validators[0].ValAddress()
	stake := sdk.NewCoin("uprov", sdkmath.NewInt(1_000_000))
	_, _, err = a.DeliverTx(delegator, stakingtypes.NewMsgDelegate(delegator.String(), validator.String(), stake))
	require.NoError(t, err)
	_, _, err = a.DeliverTx(delegator, stakingtypes.NewMsgUndelegate(delegator.String(), validator.String(), stake))
	require.NoError(t, err)
	// Undelegating withdrew the rewards of the delegation's block; the stake is still locked.
	locked := balance(a, delegator.Address, "uprov")
	require.True(t, locked.LT(testutil.DefaultAccountBalance))

	start := net.Now()
	require.NoError(t, net.AdvanceTime(unbonding+time.Hour))
	require.True(t, a.LastBlockTime().Sub(start) >= unbonding)

	require.Equal(t, locked.Add(stake.Amount), balance(a, delegator.Address, "uprov"))
	for _, end := range []*testutil.Endpoint{link.EndA, link.EndB} {
		ctx := end.Chain.Context()
		clientState, found := end.Chain.App.IBCKeeper.ClientKeeper.GetClientState(ctx, end.ClientID)
		require.True(t, found)
		status := end.Chain.App.IBCKeeper.ClientKeeper.GetClientStatus(ctx, clientState, end.ClientID)
		require.Equal(t, ibcexported.Active, status)
	}

	amount := sdkmath.NewInt(77)
	transfer(t, net, a, b, ch.PortA, ch.ChannelA, sdk.NewCoin("uprov", amount))
	require.NoError(t, link.RelayAll())
	require.Equal(t, amount, balance(b, b.Accounts[0].Address, voucher(ch.PortB, ch.ChannelB, "uprov")))
}
