package converter_test

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/keeper"
	"github.com/meshsecurity/mesh/converter/types"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
)

// channelEnd is the state of a chain's end of the pairing's channel.
func (p *pair) channelEnd(c *testutil.Chain, port, channelID string) channeltypes.State {
	ch, found := c.App.IBCKeeper.ChannelKeeper.GetChannel(c.Context(), port, channelID)
	require.True(p.t, found)
	return ch.State
}

// closeByAuthority runs the authority's MsgClosePairing on the consumer and returns the
// attributes of its EventChannelClose.
func (p *pair) closeByAuthority(t *testing.T) map[string]string {
	ctx := p.consumer.Context()
	_, err := keeper.NewMsgServerImpl(p.keeper()).ClosePairing(ctx,
		&types.MsgClosePairing{Authority: p.keeper().Authority(), PairingId: convPairing})
	require.NoError(t, err)
	p.consumer.NextBlock() // the block the Msg ran in
	return eventAttributes(t, ctx.EventManager().ABCIEvents(), "meshsecurity.converter.v1.EventChannelClose")
}

// eventAttributes are the attributes of the first event of a kind.
func eventAttributes(t *testing.T, events []abci.Event, kind string) map[string]string {
	t.Helper()
	for _, ev := range events {
		if ev.Type == kind {
			attrs := map[string]string{}
			for _, a := range ev.Attributes {
				attrs[a.Key] = a.Value
			}
			return attrs
		}
	}
	t.Fatalf("no %s event", kind)
	return nil
}

// TestAuthorityCloseClosesTheChannel closes the pairing by the authority's Msg: the consumer's
// end of the channel closes with it (a relayer's MsgChannelCloseInit stays refused), and a
// relayer then closes the provider's end, which closes the provider's pairing.
func TestAuthorityCloseClosesTheChannel(t *testing.T) {
	p := newPair(t)
	p.open()
	_, _, err := p.consumer.DeliverTx(p.consumer.Relayer,
		channeltypes.NewMsgChannelCloseInit(types.PortID, p.ch.ChannelA, p.consumer.Relayer.String()))
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr)
	require.Equal(t, types.ErrCloseRefused.ABCICode(), txErr.Code, txErr.Log)

	event := p.closeByAuthority(t)
	require.Equal(t, map[string]string{"pairing": convPairing, "channel": p.ch.ChannelA, "started": "true", "error": ""}, event)
	require.Equal(t, []string{convPairing}, p.consumer.App.ConverterUnwinds.Unwound())
	require.Equal(t, channeltypes.CLOSED, p.channelEnd(p.consumer, types.PortID, p.ch.ChannelA))
	require.Equal(t, channeltypes.OPEN, p.channelEnd(p.provider, exttypes.PortID, p.ch.ChannelB))

	require.NoError(t, p.link.RelayAll())
	require.Equal(t, channeltypes.CLOSED, p.channelEnd(p.provider, exttypes.PortID, p.ch.ChannelB))
	ext, err := p.provider.App.ExternalStakingKeeper.GetPairing(p.provider.Context(), extPairing)
	require.NoError(t, err)
	require.Equal(t, exttypes.PAIRING_STATUS_CLOSED, ext.Status)
}

// TestAuthorityCloseWithAnExpiredClient closes the pairing when the consumer's client of the
// provider expired: the channel cannot close, the event says why, and the pairing closes and
// unwinds all the same.
func TestAuthorityCloseWithAnExpiredClient(t *testing.T) {
	p := newPair(t)
	p.open()
	interval := p.net.BlockInterval
	p.net.BlockInterval = p.provider.TrustingPeriod() + time.Minute
	p.consumer.NextBlock()
	p.net.BlockInterval = interval

	event := p.closeByAuthority(t)
	require.Equal(t, "false", event["started"])
	require.Contains(t, event["error"], clienttypes.ErrClientNotActive.Error())
	got, err := p.keeper().GetPairing(p.consumer.Context(), convPairing)
	require.NoError(t, err)
	require.Equal(t, types.PAIRING_STATUS_CLOSED, got.Status)
	require.Equal(t, []string{convPairing}, p.consumer.App.ConverterUnwinds.Unwound())
	require.Equal(t, channeltypes.OPEN, p.channelEnd(p.consumer, types.PortID, p.ch.ChannelA))
}
