package externalstaking_test

import (
	"testing"
	"time"

	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
)

// providerEnd is the state of the provider's end of the channel.
func (p *pair) providerEnd(channelID string) channeltypes.State {
	ch, found := p.provider.App.IBCKeeper.ChannelKeeper.GetChannel(p.provider.Context(), types.PortID, channelID)
	require.True(p.t, found)
	return ch.State
}

// closeByAuthority runs the authority's MsgClosePairing and returns its EventChannelClose.
func (p *pair) closeByAuthority(t *testing.T) map[string]string {
	k := p.provider.App.ExternalStakingKeeper
	ctx := p.provider.Context()
	_, err := keeper.NewMsgServerImpl(k).ClosePairing(ctx, &types.MsgClosePairing{Authority: k.Authority(), PairingId: pairingID})
	require.NoError(p.t, err)
	p.provider.NextBlock() // the block the Msg ran in
	return findEvent(t, ctx.EventManager().ABCIEvents(), "meshsecurity.externalstaking.v1.EventChannelClose")
}

// TestAuthorityCloseClosesTheChannel closes the pairing by the authority's Msg: the provider's
// end of the channel closes with it (a relayer's MsgChannelCloseInit stays refused), and a
// relayer then closes the consumer's end.
func TestAuthorityCloseClosesTheChannel(t *testing.T) {
	p := newPair(t)
	ch := p.open()
	u := p.provider.Accounts[0]
	_, _, err := p.provider.DeliverTx(u, channeltypes.NewMsgChannelCloseInit(types.PortID, ch.ChannelB, u.String()))
	requireTxCode(t, err, types.ErrCloseRefused)

	event := p.closeByAuthority(t)
	require.Equal(t, map[string]string{"pairing": pairingID, "channel": ch.ChannelB, "started": "true", "error": ""}, event)
	require.Equal(t, types.PAIRING_STATUS_CLOSED, p.getPairing().Status)
	require.Equal(t, channeltypes.CLOSED, p.providerEnd(ch.ChannelB))
	require.Empty(t, p.cons.Closed(), "the consumer's end waits for a relayer")

	require.NoError(t, p.link.RelayAll())
	require.Equal(t, []string{ch.ChannelA}, p.cons.Closed())
	require.Equal(t, types.PAIRING_STATUS_CLOSED, p.getPairing().Status)
}

// TestAuthorityCloseWithAnExpiredClient closes the pairing of a consumer whose client expired:
// its channel cannot close, the event says why, and the pairing closes all the same.
func TestAuthorityCloseWithAnExpiredClient(t *testing.T) {
	p := newPair(t)
	ch := p.open()
	p.jump(p.consumer.TrustingPeriod() + time.Minute)
	closing := p.provider.LastBlockTime()

	event := p.closeByAuthority(t)
	require.Equal(t, "false", event["started"])
	require.Contains(t, event["error"], clienttypes.ErrClientNotActive.Error())
	got := p.getPairing()
	require.Equal(t, types.PAIRING_STATUS_CLOSED, got.Status)
	require.Equal(t, closing, got.ClosedAt)
	require.Equal(t, channeltypes.OPEN, p.providerEnd(ch.ChannelB))
}
