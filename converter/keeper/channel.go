package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/ibcproto/handshake"
)

// chainIDReader is what a light client state offers that names its chain (07-tendermint does).
type chainIDReader interface{ GetChainID() string }

// OpenInit starts the channel of an active pairing without an open channel, matched by
// connection and counterparty port, whose connection's client tracks the provider's chain id.
// The channel must be unordered with one hop; the version follows the protocol's rules. A new
// INIT replaces one whose handshake never completed.
func (k *Keeper) OpenInit(ctx sdk.Context, order channeltypes.Order, hops []string, channelID string,
	chanCap *capabilitytypes.Capability, counterparty channeltypes.Counterparty, version string,
) (string, error) {
	if err := handshake.ValidateOrder(order); err != nil {
		return "", err
	}
	conn, err := handshake.ValidateConnectionHops(hops)
	if err != nil {
		return "", err
	}
	p, err := k.pairingFor(ctx, conn, counterparty.PortId)
	if err != nil {
		return "", err
	}
	if err := k.checkChainID(ctx, p, conn); err != nil {
		return "", err
	}
	proposal, err := ibcproto.NegotiateInitVersion(version, nil)
	if err != nil {
		return "", err
	}
	if err := k.claimChannel(ctx, chanCap, channelID); err != nil {
		return "", err
	}
	if p.ChannelId != "" {
		if err := k.Channels.Remove(ctx, p.ChannelId); err != nil {
			return "", err
		}
		if err := k.Opening.Remove(ctx, p.ChannelId); err != nil {
			return "", err
		}
	}
	p.ChannelId = channelID
	if err := k.PairingStore.Set(ctx, p.Id, p); err != nil {
		return "", err
	}
	if err := k.Channels.Set(ctx, channelID, p.Id); err != nil {
		return "", err
	}
	return proposal.String(), k.Opening.Set(ctx, channelID)
}

// pairingFor finds the active pairing for a connection and counterparty port, refusing one that
// already has an open channel.
func (k *Keeper) pairingFor(ctx sdk.Context, conn, port string) (types.ProviderPairing, error) {
	var found *types.ProviderPairing
	err := k.PairingStore.Walk(ctx, nil, func(_ string, p types.ProviderPairing) (bool, error) {
		if p.ConnectionId == conn && p.CounterpartyPort == port {
			found = &p
			return true, nil
		}
		return false, nil
	})
	if err != nil {
		return types.ProviderPairing{}, err
	}
	if found == nil {
		return types.ProviderPairing{}, types.ErrInvalidCounterparty.Wrapf("no pairing for %s and port %q", conn, port)
	}
	if found.Status != types.PAIRING_STATUS_ACTIVE {
		return *found, types.ErrPairingNotActive.Wrapf("%q is %s", found.Id, found.Status)
	}
	if k.channelOpen(ctx, *found) {
		return *found, types.ErrChannelAlreadyOpen.Wrapf("%q has %s", found.Id, found.ChannelId)
	}
	return *found, nil
}

// checkChainID refuses a connection whose client tracks another chain than the pairing's.
func (k *Keeper) checkChainID(ctx sdk.Context, p types.ProviderPairing, conn string) error {
	ibc := k.refs.ibc
	end, ok := ibc.Connections.GetConnection(ctx, conn)
	if !ok {
		return types.ErrInvalidCounterparty.Wrapf("unknown connection %s", conn)
	}
	cs, ok := ibc.Clients.GetClientState(ctx, end.ClientId)
	if !ok {
		return types.ErrInvalidCounterparty.Wrapf("unknown client %s", end.ClientId)
	}
	reader, ok := cs.(chainIDReader)
	if !ok || reader.GetChainID() != p.ProviderChainId {
		return types.ErrInvalidCounterparty.Wrapf("client %s does not track %s", end.ClientId, p.ProviderChainId)
	}
	return nil
}

// OpenAck completes the handshake: the provider's version must be compatible; the channel opens
// and the whole bonded validator set is queued as additions.
func (k *Keeper) OpenAck(ctx sdk.Context, channelID, counterpartyVersion string) error {
	id, err := k.Channels.Get(ctx, channelID)
	if err != nil {
		return types.ErrUnknownChannel.Wrap(channelID)
	}
	if opening, err := k.Opening.Has(ctx, channelID); err != nil || !opening {
		return types.ErrChannelAlreadyOpen.Wrapf("%s", channelID)
	}
	if _, err := ibcproto.VerifyAckVersion(counterpartyVersion, nil); err != nil {
		return err
	}
	if err := k.Opening.Remove(ctx, channelID); err != nil {
		return err
	}
	if err := k.queueFullValset(ctx, id); err != nil {
		return err
	}
	k.emit(ctx, &types.EventChannelOpened{Pairing: id, Channel: channelID})
	return nil
}

// CounterpartyClosed closes the channel's pairing and hands it to virtual staking's unwind. A
// channel that is no pairing's just closes.
func (k *Keeper) CounterpartyClosed(ctx sdk.Context, channelID string) error {
	id, err := k.Channels.Get(ctx, channelID)
	if isNotFound(err) {
		return nil
	} else if err != nil {
		return err
	}
	p, err := k.GetPairing(ctx, id)
	if err != nil || p.Status == types.PAIRING_STATUS_CLOSED || p.ChannelId != channelID {
		return err
	}
	return k.closePairing(ctx, p)
}

// closeChannel closes the pairing's end of its channel, open or still opening, with the module's
// capability; IBC core calls no application callback for it, so the module's refusal of a
// relayer's MsgChannelCloseInit stays. The event records whether the end closed or why not.
func (k *Keeper) closeChannel(ctx sdk.Context, p types.ProviderPairing) {
	event := &types.EventChannelClose{Pairing: p.Id, Channel: p.ChannelId, Started: true}
	if err := k.closeEnd(ctx, p.ChannelId); err != nil {
		event.Started, event.Error = false, err.Error()
	}
	k.emit(ctx, event)
}

// closeEnd closes the module's end of a channel.
func (k *Keeper) closeEnd(ctx sdk.Context, channelID string) error {
	if channelID == "" {
		return types.ErrChannelNotOpen.Wrap("the pairing has no channel")
	}
	return k.port().Close(ctx, channelID)
}
