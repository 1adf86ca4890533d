package externalstaking_test

import (
	"testing"

	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

func TestHandshakeOpensOneChannelForTheRegisteredPairing(t *testing.T) {
	p := newPair(t)
	ch := p.open()
	require.Equal(t, types.PortID, ch.PortB, "the B end is the provider's")
	require.Equal(t, ibcproto.DefaultVersion(nil).String(), ch.Version)
	require.Equal(t, ch.ChannelB, p.getPairing().ChannelId)
	require.Equal(t, []string{ch.ChannelA}, p.cons.Channels())

	// A second channel for the same pairing is refused.
	_, err := p.cons.OpenChannel(p.link, p.consumer)
	requireTxCode(t, err, types.ErrChannelAlreadyOpen)
	require.Equal(t, ch.ChannelB, p.getPairing().ChannelId)
}

func TestHandshakeRefusals(t *testing.T) {
	p := newPair(t)
	wrongConn := p.pairing()
	wrongConn.ConnectionId = "connection-99"
	p.register(wrongConn)
	_, err := p.cons.OpenChannel(p.link, p.consumer)
	requireTxCode(t, err, types.ErrInvalidCounterparty)

	require.NoError(t, p.provider.App.ExternalStakingKeeper.Pairings.Remove(p.provider.Context(), pairingID))
	wrongChain := p.pairing()
	wrongChain.ConsumerChainId = "someone-else-1"
	p.register(wrongChain)
	_, err = p.cons.OpenChannel(p.link, p.consumer)
	requireTxCode(t, err, types.ErrInvalidCounterparty)

	require.NoError(t, p.provider.App.ExternalStakingKeeper.Pairings.Remove(p.provider.Context(), pairingID))
	p.register(p.pairing())
	// From another port of the consumer chain.
	_, err = p.other.OpenChannel(p.link, p.consumer)
	requireTxCode(t, err, types.ErrInvalidCounterparty)

	// Ordered, a bad version, a version too old.
	cfg := p.cons.ChannelConfig()
	cfg.Order = channeltypes.ORDERED
	_, err = p.link.OpenChannelFrom(p.consumer, cfg)
	requireTxCode(t, err, ibcproto.ErrInvalidChannelOrder)
	cfg = p.cons.ChannelConfig()
	cfg.Version = "not a version"
	_, err = p.link.OpenChannelFrom(p.consumer, cfg)
	requireTxCode(t, err, ibcproto.ErrInvalidVersion)
	cfg.Version = `{"protocol":"mesh-security","version":"0.10.0"}`
	_, err = p.link.OpenChannelFrom(p.consumer, cfg)
	requireTxCode(t, err, ibcproto.ErrVersionTooOld)
	require.Empty(t, p.getPairing().ChannelId, "no refused attempt binds a channel")

	// The provider never opens: INIT on meshprovider is refused.
	cfg = p.cons.ChannelConfig()
	cfg.PortA, cfg.PortB = types.PortID, p.cons.Config().PortID
	_, err = p.link.OpenChannelFrom(p.provider, cfg)
	requireTxCode(t, err, ibcproto.ErrHandshakeStepDisallowed)

	// After all that, the right proposal still opens the pairing's channel.
	ch, err := p.cons.OpenChannel(p.link, p.consumer)
	require.NoError(t, err)
	require.Equal(t, ch.ChannelB, p.getPairing().ChannelId)
}

func TestCloseInitRefusedAndAuthorityClosesAndReopens(t *testing.T) {
	p := newPair(t)
	ch := p.open()

	user := p.provider.Accounts[0]
	_, _, err := p.provider.DeliverTx(user, channeltypes.NewMsgChannelCloseInit(types.PortID, ch.ChannelB, user.String()))
	requireTxCode(t, err, types.ErrCloseRefused)

	k := p.provider.App.ExternalStakingKeeper
	require.NoError(t, k.ClosePairing(p.provider.Context(), pairingID, "closed by the authority"))
	require.Equal(t, types.PAIRING_STATUS_CLOSED, p.getPairing().Status)
	require.ErrorIs(t, k.ReopenPairing(p.provider.Context(), pairingID), types.ErrWrongPairingStatus,
		"not before everything staked could leave")
	require.NoError(t, p.net.AdvanceTime(unbonding))
	require.NoError(t, p.link.UpdateClients())
	require.NoError(t, k.ReopenPairing(p.provider.Context(), pairingID))
	require.Empty(t, p.getPairing().ChannelId)

	again, err := p.cons.OpenChannel(p.link, p.consumer)
	require.NoError(t, err)
	require.NotEqual(t, ch.ChannelB, again.ChannelB)
	require.Equal(t, again.ChannelB, p.getPairing().ChannelId)
	require.Equal(t, types.PAIRING_STATUS_ACTIVE, p.getPairing().Status)
}

// A channel bound at TRY takes no stake until CONFIRM, and a handshake stalled in TRYOPEN does
// not block a new one: the next TRY replaces it.
func TestStalledTryTakesNoStakeAndIsReplaced(t *testing.T) {
	p := newPair(t)
	p.register(p.pairing())
	stalled, err := p.link.StartChannelFrom(p.consumer, p.cons.ChannelConfig())
	require.NoError(t, err)
	require.Equal(t, stalled.ChannelB, p.getPairing().ChannelId)
	u := p.provider.Accounts[0]
	err = p.bondAndStake(u, 1_000, 100, "valA")
	require.ErrorContains(t, err, types.ErrChannelNotOpen.Error(), "the vault refuses the key: its channel is not open")
	p.requireLien(u, "0", "0")

	ch, err := p.cons.OpenChannel(p.link, p.consumer)
	require.NoError(t, err)
	require.NotEqual(t, stalled.ChannelB, ch.ChannelB)
	require.Equal(t, ch.ChannelB, p.getPairing().ChannelId)
	p.activate(ch, 1, "valA")
	require.NoError(t, p.stakeMore(u, 100, "valA"))
	p.requireLien(u, "0", "100")
}

// A genesis taken while the pairing's handshake is in TRYOPEN keeps it from taking stake.
func TestGenesisKeepsAStalledTryFromTakingStake(t *testing.T) {
	p := newPair(t)
	p.register(p.pairing())
	stalled, err := p.link.StartChannelFrom(p.consumer, p.cons.ChannelConfig())
	require.NoError(t, err)
	k := p.provider.App.ExternalStakingKeeper
	ctx := p.provider.Context()
	gs, err := k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, k.Opening.Remove(ctx, stalled.ChannelB))
	require.NoError(t, k.InitGenesis(ctx, *gs))
	opening, err := k.Opening.Has(ctx, stalled.ChannelB)
	require.NoError(t, err)
	require.True(t, opening)
	require.ErrorIs(t, k.ValidateKey(ctx, pairingID), types.ErrChannelNotOpen)
}
