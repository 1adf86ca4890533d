package testutil

import (
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"
)

// ConfirmCloses finishes every close started on one end of a channel of the link: for each
// closed end whose counterparty is not closed yet, it proves the closed end and delivers
// MsgChannelCloseConfirm to the other chain, as a relayer does when it sees a channel close. It
// returns how many ends it closed; an application that refuses the confirm makes it fail.
func (l *Link) ConfirmCloses() (int, error) {
	confirmed := 0
	for _, pair := range [][2]*Endpoint{{l.EndA, l.EndB}, {l.EndB, l.EndA}} {
		closed, open := pair[0], pair[1]
		for _, ch := range closed.halfClosed(open) {
			if err := l.confirmClose(closed, open, ch); err != nil {
				return confirmed, err
			}
			confirmed++
		}
	}
	return confirmed, nil
}

// halfClosed lists the closed channel ends of e whose counterparty end on other is not closed
// and knows e's end.
func (e *Endpoint) halfClosed(other *Endpoint) []channeltypes.IdentifiedChannel {
	var ends []channeltypes.IdentifiedChannel
	for _, ch := range e.Chain.app.GetIBCKeeper().ChannelKeeper.GetAllChannels(e.Chain.Context()) {
		if ch.State != channeltypes.CLOSED || !e.owns(ch.PortId, ch.ChannelId) {
			continue
		}
		peer, ok := other.channel(ch.Counterparty.PortId, ch.Counterparty.ChannelId)
		if ok && peer.State != channeltypes.CLOSED && peer.Counterparty.PortId == ch.PortId &&
			peer.Counterparty.ChannelId == ch.ChannelId {
			ends = append(ends, ch)
		}
	}
	return ends
}

// channel reads one of the endpoint chain's channel ends.
func (e *Endpoint) channel(portID, channelID string) (channeltypes.Channel, bool) {
	return e.Chain.app.GetIBCKeeper().ChannelKeeper.GetChannel(e.Chain.Context(), portID, channelID)
}

// closedEnd reports whether a channel end of the endpoint's chain is closed.
func (e *Endpoint) closedEnd(portID, channelID string) bool {
	ch, found := e.channel(portID, channelID)
	return found && ch.State == channeltypes.CLOSED
}

// confirmClose proves on closed that its end ch is closed and confirms the close on open.
func (l *Link) confirmClose(closed, open *Endpoint, ch channeltypes.IdentifiedChannel) error {
	proofHeight, err := l.updateClient(open, closed)
	if err != nil {
		return err
	}
	proof, err := closed.Chain.QueryProof(host.ChannelKey(ch.PortId, ch.ChannelId), proofHeight)
	if err != nil {
		return err
	}
	msg := channeltypes.NewMsgChannelCloseConfirm(ch.Counterparty.PortId, ch.Counterparty.ChannelId, proof,
		proofHeight, open.Chain.Relayer.String())
	_, _, err = open.Chain.DeliverTx(open.Chain.Relayer, msg)
	return err
}

// TimeoutOnClose times a packet out on its sender because the destination's end of the channel
// has closed: it proves on the destination, at one height, that the end is closed and that the
// packet was never received, whatever the packet's timeout.
func (l *Link) TimeoutOnClose(p SentPacket) error {
	src, dst, err := l.ends(p.Source)
	if err != nil {
		return err
	}
	proofHeight, err := l.updateClient(src, dst)
	if err != nil {
		return err
	}
	nextSeqRecv, key := unreceivedKey(p, src, dst)
	unreceived, err := dst.Chain.QueryProof(key, proofHeight)
	if err != nil {
		return err
	}
	closed, err := dst.Chain.QueryProof(host.ChannelKey(p.DestinationPort, p.DestinationChannel), proofHeight)
	if err != nil {
		return err
	}
	msg := channeltypes.NewMsgTimeoutOnClose(p.Packet, nextSeqRecv, unreceived, closed, proofHeight, src.Chain.Relayer.String())
	if _, _, err := src.Chain.DeliverTx(src.Chain.Relayer, msg); err != nil {
		return err
	}
	src.Chain.outbox.removePacket(p.Packet)
	return nil
}

// unreceivedKey returns the destination's next receive sequence and the key whose proof shows
// that it never received p: the packet's receipt, or the next receive sequence on an ordered
// channel.
func unreceivedKey(p SentPacket, src, dst *Endpoint) (uint64, []byte) {
	nextSeqRecv, _ := dst.Chain.app.GetIBCKeeper().ChannelKeeper.GetNextSequenceRecv(dst.Chain.Context(),
		p.DestinationPort, p.DestinationChannel)
	if ch, found := src.channel(p.SourcePort, p.SourceChannel); found && ch.Ordering == channeltypes.ORDERED {
		return nextSeqRecv, host.NextSequenceRecvKey(p.DestinationPort, p.DestinationChannel)
	}
	return nextSeqRecv, host.PacketReceiptKey(p.DestinationPort, p.DestinationChannel, p.Sequence)
}
