package scriptedconsumer_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/scriptedconsumer"
)

const wantVersion = `{"protocol":"mesh-security","version":"0.11.0"}`

// channelEnd reads a channel end from a chain.
func channelEnd(t *testing.T, c *testutil.Chain, port, channel string) channeltypes.Channel {
	t.Helper()
	end, found := c.App.IBCKeeper.ChannelKeeper.GetChannel(c.Context(), port, channel)
	require.True(t, found)
	return end
}

func TestDefaults(t *testing.T) {
	cons := scriptedconsumer.New(scriptedconsumer.Config{})
	cfg := cons.Config()
	require.Equal(t, "scriptedconsumer", cfg.ModuleName)
	require.Equal(t, "meshconsumer", cfg.PortID)
	require.Equal(t, "meshprovider", cfg.CounterpartyPortID)
	require.Equal(t, time.Hour, cfg.PacketLifetime)
	require.False(t, cfg.Permissive)
	require.Equal(t, testutil.ChannelConfig{
		PortA: "meshconsumer", PortB: "meshprovider", Version: wantVersion, Order: channeltypes.UNORDERED,
	}, cons.ChannelConfig())
	app := cons.Application()
	require.Equal(t, "scriptedconsumer", app.ModuleName)
	require.Equal(t, "meshconsumer", app.PortID)

	withExt := scriptedconsumer.New(scriptedconsumer.Config{Extensions: []string{"batch"}})
	require.Equal(t, `{"protocol":"mesh-security","version":"0.11.0","ext":["batch"]}`, withExt.ChannelConfig().Version)
}

func TestOpenChannelFromConsumerNegotiates0110(t *testing.T) {
	p := newPair(t, scriptedconsumer.Config{})
	ch := p.open(t)

	require.Equal(t, p.consumer, ch.Link.A, "the consumer initiated from the link's B end")
	require.Equal(t, scriptedconsumer.DefaultPortID, ch.PortA)
	require.Equal(t, fakeProviderPort, ch.PortB)
	require.Equal(t, wantVersion, ch.Version)
	for _, end := range []channeltypes.Channel{
		channelEnd(t, p.consumer, ch.PortA, ch.ChannelA),
		channelEnd(t, p.provider, ch.PortB, ch.ChannelB),
	} {
		require.Equal(t, channeltypes.OPEN, end.State)
		require.Equal(t, channeltypes.UNORDERED, end.Ordering)
		require.Equal(t, wantVersion, end.Version)
	}
	require.Equal(t, []string{ch.ChannelA}, p.cons.Channels())
	version, open := p.cons.Version(ch.ChannelA)
	require.True(t, open)
	require.Equal(t, wantVersion, version)
	require.Empty(t, p.cons.Errors())
}

func TestHandshakeRefusals(t *testing.T) {
	p := newPair(t, scriptedconsumer.Config{})
	open := func(mutate func(*testutil.ChannelConfig)) error {
		cfg := p.cons.ChannelConfig()
		mutate(&cfg)
		_, err := p.link.OpenChannelFrom(p.consumer, cfg)
		return err
	}

	// INIT on the consumer.
	err := open(func(c *testutil.ChannelConfig) { c.Order = channeltypes.ORDERED })
	requireTxCode(t, err, ibcproto.ErrInvalidChannelOrder)
	err = open(func(c *testutil.ChannelConfig) { c.Version = `{"protocol":"ics20","version":"0.11.0"}` })
	requireTxCode(t, err, ibcproto.ErrInvalidProtocol)
	err = open(func(c *testutil.ChannelConfig) { c.Version = `{"protocol":"mesh-security","version":"0.10.9"}` })
	requireTxCode(t, err, ibcproto.ErrVersionTooOld)
	err = open(func(c *testutil.ChannelConfig) { c.Version = "ics20-1" })
	requireTxCode(t, err, ibcproto.ErrInvalidVersion)

	// ACK on the consumer: the provider's answer must be 0.11.0 with no extension not offered.
	p.prov.tryVersion = func(string) (string, error) { return `{"protocol":"mesh-security","version":"0.12.0"}`, nil }
	requireTxCode(t, open(func(*testutil.ChannelConfig) {}), ibcproto.ErrVersionTooNew)
	p.prov.tryVersion = func(string) (string, error) {
		return `{"protocol":"mesh-security","version":"0.11.0","ext":["unasked"]}`, nil
	}
	requireTxCode(t, open(func(*testutil.ChannelConfig) {}), ibcproto.ErrUnsupportedExtension)

	// TRY on the consumer: the provider may not open the channel.
	_, err = p.link.OpenChannelFrom(p.provider, testutil.ChannelConfig{
		PortA: fakeProviderPort, PortB: scriptedconsumer.DefaultPortID,
		Version: wantVersion, Order: channeltypes.UNORDERED,
	})
	requireTxCode(t, err, ibcproto.ErrHandshakeStepDisallowed)

	require.Empty(t, p.cons.Channels())
}

func TestPermissiveConsumerLetsABadChannelThrough(t *testing.T) {
	p := newPair(t, scriptedconsumer.Config{Permissive: true, ModuleName: "laxconsumer", PortID: "laxport"})
	p.prov.tryVersion = func(cp string) (string, error) { return cp, nil }
	cfg := p.cons.ChannelConfig()
	cfg.Order = channeltypes.ORDERED
	cfg.Version = "not-a-mesh-version"

	ch, err := p.link.OpenChannelFrom(p.consumer, cfg)
	require.NoError(t, err)
	require.Equal(t, "laxport", ch.PortA)
	require.Equal(t, "not-a-mesh-version", ch.Version)
	require.Equal(t, channeltypes.ORDERED, channelEnd(t, p.provider, ch.PortB, ch.ChannelB).Ordering)
	require.Equal(t, []string{ch.ChannelA}, p.cons.Channels())
}

func TestOpenChannelFromAnUnlinkedChainFails(t *testing.T) {
	p := newPair(t, scriptedconsumer.Config{})
	stranger := p.net.AddChain(testutil.ChainConfig{ChainID: "stranger-1"})
	_, err := p.cons.OpenChannel(p.link, stranger)
	require.ErrorContains(t, err, "not an end of this link")
}

func TestExtensionsAreNegotiated(t *testing.T) {
	p := newPair(t, scriptedconsumer.Config{Extensions: []string{"batch", "other"}})
	p.prov.tryVersion = func(cp string) (string, error) {
		v, err := ibcproto.NegotiateTryVersion(cp, []string{"batch"})
		return v.String(), err
	}
	ch := p.open(t)

	const withBatch = `{"protocol":"mesh-security","version":"0.11.0","ext":["batch"]}`
	require.Equal(t, withBatch, ch.Version)
	version, open := p.cons.Version(ch.ChannelA)
	require.True(t, open)
	require.Equal(t, withBatch, version)
}
