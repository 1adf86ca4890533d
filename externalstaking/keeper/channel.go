package keeper

import (
	"errors"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/ibcproto/handshake"
)

// chainIDReader is what a light client state offers that names its chain (07-tendermint does).
type chainIDReader interface{ GetChainID() string }

// OpenTry answers the consumer's channel proposal: the channel must be unordered, use one
// connection hop, and match an active pairing without a channel by connection, counterparty port
// and the consumer chain id of the connection's client; the version follows the protocol's rules.
// The channel is bound to the pairing at once but takes stake only once CONFIRM opens it; until
// then a new TRY replaces it, so a handshake stalled in TRYOPEN blocks nothing.
func (k *Keeper) OpenTry(ctx sdk.Context, order channeltypes.Order, hops []string, channelID string,
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
	answer, err := ibcproto.NegotiateTryVersion(version, nil)
	if err != nil {
		return "", err
	}
	if err := k.claimChannel(ctx, chanCap, channelID); err != nil {
		return "", err
	}
	if err := k.unbindChannel(ctx, p.ChannelId); err != nil {
		return "", err
	}
	if err := k.Opening.Set(ctx, channelID); err != nil {
		return "", err
	}
	p.ChannelId = channelID
	if err := k.Pairings.Set(ctx, p.Id, p); err != nil {
		return "", err
	}
	if err := k.Channels.Set(ctx, channelID, p.Id); err != nil {
		return "", err
	}
	return answer.String(), nil
}

// pairingFor finds the active pairing for a connection and counterparty port, refusing one that
// already has an open channel.
func (k *Keeper) pairingFor(ctx sdk.Context, conn, port string) (types.ConsumerPairing, error) {
	iter, err := k.Pairings.Iterate(ctx, nil)
	if err != nil {
		return types.ConsumerPairing{}, err
	}
	defer iter.Close()
	for ; iter.Valid(); iter.Next() {
		p, err := iter.Value()
		if err != nil {
			return types.ConsumerPairing{}, err
		}
		if p.ConnectionId != conn || p.CounterpartyPort != port {
			continue
		}
		if p.Status != types.PAIRING_STATUS_ACTIVE {
			return p, types.ErrPairingNotActive.Wrapf("%q is %s", p.Id, p.Status)
		}
		if open, err := k.channelOpen(ctx, p); err != nil {
			return p, err
		} else if open {
			return p, types.ErrChannelAlreadyOpen.Wrapf("%q has %s", p.Id, p.ChannelId)
		}
		return p, nil
	}
	return types.ConsumerPairing{}, types.ErrInvalidCounterparty.Wrapf("no pairing for %s and port %q", conn, port)
}

// checkChainID refuses a connection whose client tracks another chain than the pairing's.
func (k *Keeper) checkChainID(ctx sdk.Context, p types.ConsumerPairing, conn string) error {
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
	if !ok || reader.GetChainID() != p.ConsumerChainId {
		return types.ErrInvalidCounterparty.Wrapf("client %s does not track %s", end.ClientId, p.ConsumerChainId)
	}
	return nil
}

// unbindChannel forgets a channel bound to a pairing, if any.
func (k *Keeper) unbindChannel(ctx sdk.Context, channelID string) error {
	if channelID == "" {
		return nil
	}
	if err := k.Channels.Remove(ctx, channelID); err != nil {
		return err
	}
	return k.Opening.Remove(ctx, channelID)
}

// OpenConfirm completes the handshake of the pairing's channel, which from now on takes stake.
// A channel a later TRY replaced is unknown.
func (k *Keeper) OpenConfirm(ctx sdk.Context, channelID string) error {
	id, err := k.Channels.Get(ctx, channelID)
	if err != nil {
		return types.ErrUnknownChannel.Wrap(channelID)
	}
	if err := k.Opening.Remove(ctx, channelID); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventChannelOpened{Pairing: id, Channel: channelID})
}

// CounterpartyClosed marks the channel's pairing closed now, as a close by the authority does.
// A channel that is no pairing's (a pairing reopened on a new one) just closes.
func (k *Keeper) CounterpartyClosed(ctx sdk.Context, channelID string) error {
	id, err := k.Channels.Get(ctx, channelID)
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	p, err := k.GetPairing(ctx, id)
	if err != nil || p.Status == types.PAIRING_STATUS_CLOSED || p.ChannelId != channelID {
		return err
	}
	return k.closeAt(ctx, p, "counterparty closed the channel")
}

// closeChannel closes the pairing's end of its channel, open or still opening, with the module's
// capability; IBC core calls no application callback for it, so the module's refusal of a
// relayer's MsgChannelCloseInit stays. The event records whether the end closed or why not.
func (k *Keeper) closeChannel(ctx sdk.Context, p types.ConsumerPairing) error {
	event := &types.EventChannelClose{Pairing: p.Id, Channel: p.ChannelId, Started: true}
	if err := k.closeEnd(ctx, p.ChannelId); err != nil {
		event.Started, event.Error = false, err.Error()
	}
	return k.emit(ctx, event)
}

// closeEnd closes the module's end of a channel.
func (k *Keeper) closeEnd(ctx sdk.Context, channelID string) error {
	if channelID == "" {
		return types.ErrChannelNotOpen.Wrap("the pairing has no channel")
	}
	return k.port().Close(ctx, channelID)
}
