package testutil

import (
	ibctransfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"
)

// ChannelConfig describes a channel to open on a link: A's port initiates.
type ChannelConfig struct {
	PortA, PortB string
	// Version is proposed by A; the applications may negotiate another.
	Version string
	Order   channeltypes.Order
}

// Channel is an open channel between the two chains of a link.
type Channel struct {
	Link            *Link
	PortA, ChannelA string
	PortB, ChannelB string
	Version         string
	Order           channeltypes.Order
}

// OpenTransferChannel opens an unordered ICS-20 channel between the transfer ports.
func (l *Link) OpenTransferChannel() (*Channel, error) {
	return l.OpenChannel(ChannelConfig{
		PortA: ibctransfertypes.PortID, PortB: ibctransfertypes.PortID,
		Version: ibctransfertypes.Version, Order: channeltypes.UNORDERED,
	})
}

// OpenChannel runs the channel handshake: INIT on A, TRY on B, ACK on A, CONFIRM on B.
func (l *Link) OpenChannel(cfg ChannelConfig) (*Channel, error) {
	ch, err := l.StartChannel(cfg)
	if err != nil {
		return nil, err
	}
	if err := l.chanOpenAck(ch); err != nil {
		return nil, err
	}
	if err := l.chanOpenConfirm(ch); err != nil {
		return nil, err
	}
	ch.Version = channelVersion(l.EndA.Chain, ch.PortA, ch.ChannelA)
	return ch, nil
}

// StartChannel runs the first half of the handshake, INIT on A and TRY on B, and stops there, as
// a handshake whose relayer gave up does: B's end stays in TRYOPEN.
func (l *Link) StartChannel(cfg ChannelConfig) (*Channel, error) {
	a := l.EndA
	ch := &Channel{Link: l, PortA: cfg.PortA, PortB: cfg.PortB, Order: cfg.Order}
	initMsg := channeltypes.NewMsgChannelOpenInit(cfg.PortA, cfg.Version, cfg.Order,
		[]string{a.ConnectionID}, cfg.PortB, a.Chain.Relayer.String())
	_, events, err := a.Chain.DeliverTx(a.Chain.Relayer, initMsg)
	if err != nil {
		return nil, err
	}
	if ch.ChannelA, err = eventAttribute(events, channeltypes.EventTypeChannelOpenInit, channeltypes.AttributeKeyChannelID); err != nil {
		return nil, err
	}
	if ch.ChannelB, err = l.chanOpenTry(ch, cfg.Version); err != nil {
		return nil, err
	}
	return ch, nil
}

// OpenChannelFrom runs the channel handshake with initiator taking INIT and ACK, whichever end
// of the link it is. The returned channel's A end is the initiator's, and its Link is the same
// connection seen from the initiator, so it relays and times out packets like l does.
func (l *Link) OpenChannelFrom(initiator *Chain, cfg ChannelConfig) (*Channel, error) {
	switch initiator {
	case l.A:
		return l.OpenChannel(cfg)
	case l.B:
		return l.reversed().OpenChannel(cfg)
	default:
		return nil, errUnknownChain
	}
}

// StartChannelFrom runs INIT on initiator and TRY on the other end, and stops there; the
// returned channel's A end is the initiator's.
func (l *Link) StartChannelFrom(initiator *Chain, cfg ChannelConfig) (*Channel, error) {
	switch initiator {
	case l.A:
		return l.StartChannel(cfg)
	case l.B:
		return l.reversed().StartChannel(cfg)
	default:
		return nil, errUnknownChain
	}
}

// reversed returns the link with its ends swapped, sharing the same clients and connection.
func (l *Link) reversed() *Link {
	return &Link{network: l.network, A: l.B, B: l.A, EndA: l.EndB, EndB: l.EndA}
}

// chanOpenTry answers A's INIT on B and returns B's channel id.
func (l *Link) chanOpenTry(ch *Channel, version string) (string, error) {
	proofHeight, err := l.updateClient(l.EndB, l.EndA)
	if err != nil {
		return "", err
	}
	proof, err := l.A.QueryProof(host.ChannelKey(ch.PortA, ch.ChannelA), proofHeight)
	if err != nil {
		return "", err
	}
	msg := channeltypes.NewMsgChannelOpenTry(ch.PortB, version, ch.Order, []string{l.EndB.ConnectionID},
		ch.PortA, ch.ChannelA, channelVersion(l.A, ch.PortA, ch.ChannelA), proof, proofHeight, l.B.Relayer.String())
	_, events, err := l.B.DeliverTx(l.B.Relayer, msg)
	if err != nil {
		return "", err
	}
	return eventAttribute(events, channeltypes.EventTypeChannelOpenTry, channeltypes.AttributeKeyChannelID)
}

// chanOpenAck acknowledges B's TRY on A.
func (l *Link) chanOpenAck(ch *Channel) error {
	proofHeight, err := l.updateClient(l.EndA, l.EndB)
	if err != nil {
		return err
	}
	proof, err := l.B.QueryProof(host.ChannelKey(ch.PortB, ch.ChannelB), proofHeight)
	if err != nil {
		return err
	}
	msg := channeltypes.NewMsgChannelOpenAck(ch.PortA, ch.ChannelA, ch.ChannelB,
		channelVersion(l.B, ch.PortB, ch.ChannelB), proof, proofHeight, l.A.Relayer.String())
	_, _, err = l.A.DeliverTx(l.A.Relayer, msg)
	return err
}

// chanOpenConfirm confirms on B that A's end is open.
func (l *Link) chanOpenConfirm(ch *Channel) error {
	proofHeight, err := l.updateClient(l.EndB, l.EndA)
	if err != nil {
		return err
	}
	proof, err := l.A.QueryProof(host.ChannelKey(ch.PortA, ch.ChannelA), proofHeight)
	if err != nil {
		return err
	}
	msg := channeltypes.NewMsgChannelOpenConfirm(ch.PortB, ch.ChannelB, proof, proofHeight, l.B.Relayer.String())
	_, _, err = l.B.DeliverTx(l.B.Relayer, msg)
	return err
}

// channelVersion reads the version a chain stored for one of its channel ends.
func channelVersion(c *Chain, portID, channelID string) string {
	channel, found := c.app.GetIBCKeeper().ChannelKeeper.GetChannel(c.Context(), portID, channelID)
	if !found {
		return ""
	}
	return channel.Version
}

// Close closes the channel from A: MsgChannelCloseInit on A, then MsgChannelCloseConfirm on B
// with a proof that A's end is closed. Either step fails if its application refuses the close.
func (ch *Channel) Close() error {
	l := ch.Link
	initMsg := channeltypes.NewMsgChannelCloseInit(ch.PortA, ch.ChannelA, l.A.Relayer.String())
	if _, _, err := l.A.DeliverTx(l.A.Relayer, initMsg); err != nil {
		return err
	}
	proofHeight, err := l.updateClient(l.EndB, l.EndA)
	if err != nil {
		return err
	}
	proof, err := l.A.QueryProof(host.ChannelKey(ch.PortA, ch.ChannelA), proofHeight)
	if err != nil {
		return err
	}
	confirm := channeltypes.NewMsgChannelCloseConfirm(ch.PortB, ch.ChannelB, proof, proofHeight, l.B.Relayer.String())
	_, _, err = l.B.DeliverTx(l.B.Relayer, confirm)
	return err
}
