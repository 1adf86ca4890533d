package converter_test

import (
	"testing"

	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/types"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
)

// TestTwoProvidersSideBySide pairs the consumer with two provider chains at different prices:
// each pairing keeps its own requests and targets, and a validator change goes out as exactly
// one valset_update per pairing.
func TestTwoProvidersSideBySide(t *testing.T) {
	p := newPair(t)
	p.open()
	second := p.net.AddChain(testutil.ChainConfig{ChainID: "provider-2", BondDenom: "uprov"})
	link, err := p.net.Connect(second, p.consumer)
	require.NoError(t, err)
	terms := p.pairing()
	terms.Id, terms.ConnectionId, terms.ProviderChainId = "prov2", link.EndB.ConnectionID, second.ChainID
	terms.FixedPrice.Price, terms.Discount = dec("2"), dec("0.5")
	require.NoError(t, p.keeper().CreatePairing(p.consumer.Context(), terms))
	ext := p.extTerms()
	ext.ConnectionId = link.EndA.ConnectionID
	require.NoError(t, second.App.ExternalStakingKeeper.CreatePairing(second.Context(), ext))
	ch2, err := link.OpenChannelFrom(p.consumer, testutil.ChannelConfig{PortA: types.PortID, PortB: exttypes.PortID, Order: channeltypes.UNORDERED})
	require.NoError(t, err)
	p.consumer.NextBlock()
	require.NoError(t, link.RelayAll())
	require.NoError(t, p.link.RelayAll())

	val := p.val(0)
	p.stakeRemote(p.provider.Accounts[0], 10_000, 1_000, val)
	u2 := second.Accounts[0]
	_, _, err = second.DeliverTx(u2, vaultBond(u2, 10_000), vaultStake(u2, 300, val))
	require.NoError(t, err)
	require.NoError(t, link.RelayAll())

	targets, err := p.targets()
	require.NoError(t, err)
	require.Equal(t, map[string]string{val: "450"}, targets)
	second2 := map[string]string{}
	require.NoError(t, p.keeper().IterateTargets(p.consumer.Context(), "prov2", "", func(v string, local sdkInt) bool {
		second2[v] = local.String()
		return false
	}))
	// floor(floor(300 * 2) * 0.5) = 300
	require.Equal(t, map[string]string{val: "300"}, second2)

	p.keeper().ReportValidatorChange(p.consumer.Context(), types.ValidatorChange{Kind: types.ValidatorJailed, Valoper: p.val(3)})
	p.consumer.NextBlock()
	perChannel := map[string]int{}
	for _, sent := range p.consumer.PendingPackets() {
		decoded, err := ibcproto.DecodeConsumerPacket(sent.GetData())
		require.NoError(t, err)
		v, ok := decoded.(ibcproto.ValsetUpdatePacket)
		require.True(t, ok)
		require.Equal(t, []string{p.val(3)}, v.Jailed)
		perChannel[sent.SourceChannel]++
	}
	require.Equal(t, map[string]int{p.ch.ChannelA: 1, ch2.ChannelA: 1}, perChannel)
	p.checkInvariants()
}
