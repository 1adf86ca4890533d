package scriptedconsumer_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/scriptedconsumer"
)

func TestClosesAreAcceptedAndRecorded(t *testing.T) {
	p := newPair(t, scriptedconsumer.Config{})
	first, second := p.open(t), p.open(t)
	require.Equal(t, []string{first.ChannelA, second.ChannelA}, p.cons.Channels())

	// The consumer closes the first channel; the provider closes the second (p.link's A end is
	// the provider).
	require.NoError(t, first.Close())
	fromProvider := &testutil.Channel{Link: p.link,
		PortA: second.PortB, ChannelA: second.ChannelB, PortB: second.PortA, ChannelB: second.ChannelA}
	require.NoError(t, fromProvider.Close())

	require.Equal(t, []string{first.ChannelA, second.ChannelA}, p.cons.Closed())
	for _, ch := range []*testutil.Channel{first, second} {
		require.Equal(t, channeltypes.CLOSED, channelEnd(t, p.consumer, ch.PortA, ch.ChannelA).State)
		require.Equal(t, channeltypes.CLOSED, channelEnd(t, p.provider, ch.PortB, ch.ChannelB).State)
	}
}
