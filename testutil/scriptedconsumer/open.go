package scriptedconsumer

import (
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/ibcproto/handshake"
	"github.com/meshsecurity/mesh/testutil"
)

// ChannelConfig is the channel OpenChannel opens: from the consumer's port to
// Config.CounterpartyPortID, unordered, proposing the default version with Config.Extensions.
// Change it and pass it to link.OpenChannelFrom to try a handshake the protocol refuses.
func (c *Consumer) ChannelConfig() testutil.ChannelConfig {
	return testutil.ChannelConfig{
		PortA:   c.cfg.PortID,
		PortB:   c.cfg.CounterpartyPortID,
		Version: ibcproto.DefaultVersion(c.cfg.Extensions).String(),
		Order:   handshake.RequiredOrder,
	}
}

// OpenChannel runs the channel handshake over link with consumer, the link's end that runs this
// application, taking INIT and ACK. The returned channel's A end is the consumer's (PortA,
// ChannelA) and its B end the provider's.
func (c *Consumer) OpenChannel(link *testutil.Link, consumer *testutil.Chain) (*testutil.Channel, error) {
	return link.OpenChannelFrom(consumer, c.ChannelConfig())
}
