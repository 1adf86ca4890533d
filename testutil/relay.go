package testutil

import (
	"time"

	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"
)

// maxRelayRounds bounds RelayAll: each round delivers everything pending, and a round may
// create new packets (a receive or an ack that sends, or an end-blocker reacting to them).
const maxRelayRounds = 20

// RelayAll delivers every pending packet and acknowledgement on the link's channels, in both
// directions and in the order they were emitted, until nothing is pending. Each round first
// confirms the closes started on one end of a channel (ConfirmCloses); a packet whose destination
// end has closed is then timed out on close at its sender, and an acknowledgement whose packet's
// sender end has closed, which IBC core can no longer take, is discarded. Packets that can no
// longer be received (timed out) make it fail: time them out with TimeoutPacket instead.
func (l *Link) RelayAll() error {
	for round := 0; round < maxRelayRounds; round++ {
		closed, err := l.ConfirmCloses()
		if err != nil {
			return err
		}
		packets, acks := l.pending()
		if closed == 0 && len(packets) == 0 && len(acks) == 0 {
			return nil
		}
		for _, p := range packets {
			if err := l.relayOrTimeOut(p); err != nil {
				return err
			}
		}
		for _, ack := range acks {
			if err := l.relayOrDiscard(ack); err != nil {
				return err
			}
		}
	}
	return errRelayLoop
}

// relayOrTimeOut relays a packet, or times it out on close when its destination end closed.
func (l *Link) relayOrTimeOut(p SentPacket) error {
	_, dst, err := l.ends(p.Source)
	if err != nil {
		return err
	}
	if dst.closedEnd(p.DestinationPort, p.DestinationChannel) {
		return l.TimeoutOnClose(p)
	}
	return l.RelayPacket(p)
}

// relayOrDiscard relays an acknowledgement, or drops it when its packet's sender end closed.
func (l *Link) relayOrDiscard(ack WrittenAck) error {
	_, sender, err := l.ends(ack.Writer)
	if err != nil {
		return err
	}
	if sender.closedEnd(ack.Packet.SourcePort, ack.Packet.SourceChannel) {
		ack.Writer.outbox.takeAcks(ack.Packet)
		return nil
	}
	return l.RelayAck(ack)
}

// PendingPackets returns the packets sent on the link's channels, from both chains, that no
// relay has delivered or timed out yet.
func (l *Link) PendingPackets() []SentPacket {
	packets, _ := l.pending()
	return packets
}

// pending collects what is waiting on the link: packets from A then B, acks from A then B. An
// ack is listed only when its packet has already left the sender's pending list.
func (l *Link) pending() ([]SentPacket, []WrittenAck) {
	var packets []SentPacket
	var acks []WrittenAck
	for _, c := range []*Chain{l.A, l.B} {
		local, _, _ := l.ends(c)
		for _, p := range c.outbox.packets {
			if local.owns(p.SourcePort, p.SourceChannel) {
				packets = append(packets, p)
			}
		}
		for _, ack := range c.outbox.acks {
			if local.owns(ack.Packet.DestinationPort, ack.Packet.DestinationChannel) {
				acks = append(acks, ack)
			}
		}
	}
	return packets, acks
}

// owns reports whether a channel end of the endpoint's chain runs over the endpoint's connection.
func (e *Endpoint) owns(portID, channelID string) bool {
	channel, found := e.Chain.app.GetIBCKeeper().ChannelKeeper.GetChannel(e.Chain.Context(), portID, channelID)
	return found && len(channel.ConnectionHops) > 0 && channel.ConnectionHops[0] == e.ConnectionID
}

// RelayPacket delivers a packet to its destination and then relays back every acknowledgement
// the destination wrote for it in that block. An acknowledgement written later (asynchronously)
// stays pending for RelayAck or RelayAll.
func (l *Link) RelayPacket(p SentPacket) error {
	if err := l.ReceivePacket(p); err != nil {
		return err
	}
	_, remote, err := l.ends(p.Source)
	if err != nil {
		return err
	}
	for _, ack := range remote.Chain.outbox.takeAcks(p.Packet) {
		if err := l.deliverAck(ack); err != nil {
			return err
		}
	}
	return nil
}

// ReceivePacket delivers a packet to its destination with a MsgRecvPacket and leaves the
// acknowledgement it produces pending, so a test can deliver acknowledgements in its own order.
func (l *Link) ReceivePacket(p SentPacket) error {
	src, dst, err := l.ends(p.Source)
	if err != nil {
		return err
	}
	if !src.owns(p.SourcePort, p.SourceChannel) {
		return errUnknownPacket
	}
	proofHeight, err := l.updateClient(dst, src)
	if err != nil {
		return err
	}
	key := host.PacketCommitmentKey(p.SourcePort, p.SourceChannel, p.Sequence)
	proof, err := src.Chain.QueryProof(key, proofHeight)
	if err != nil {
		return err
	}
	msg := channeltypes.NewMsgRecvPacket(p.Packet, proof, proofHeight, dst.Chain.Relayer.String())
	if _, _, err := dst.Chain.DeliverTx(dst.Chain.Relayer, msg); err != nil {
		return err
	}
	src.Chain.outbox.removePacket(p.Packet)
	return nil
}

// RelayAck delivers a pending acknowledgement back to the packet's sender.
func (l *Link) RelayAck(ack WrittenAck) error {
	if _, _, err := l.ends(ack.Writer); err != nil {
		return err
	}
	ack.Writer.outbox.takeAcks(ack.Packet)
	return l.deliverAck(ack)
}

// deliverAck proves an acknowledgement on its writer and delivers it to the packet's sender.
func (l *Link) deliverAck(ack WrittenAck) error {
	writer, sender, err := l.ends(ack.Writer)
	if err != nil {
		return err
	}
	proofHeight, err := l.updateClient(sender, writer)
	if err != nil {
		return err
	}
	p := ack.Packet
	key := host.PacketAcknowledgementKey(p.DestinationPort, p.DestinationChannel, p.Sequence)
	proof, err := writer.Chain.QueryProof(key, proofHeight)
	if err != nil {
		return err
	}
	msg := channeltypes.NewMsgAcknowledgement(p, ack.Ack, proof, proofHeight, sender.Chain.Relayer.String())
	_, _, err = sender.Chain.DeliverTx(sender.Chain.Relayer, msg)
	return err
}

// TimeoutPacket times a packet out on its sender. If the destination has not reached the
// packet's timeout height it produces blocks there, and if the network clock has not reached
// its timeout timestamp it advances time (keeping clients alive), then proves on the
// destination that the packet was never received.
func (l *Link) TimeoutPacket(p SentPacket) error {
	src, dst, err := l.ends(p.Source)
	if err != nil {
		return err
	}
	if err := l.reachTimeout(p, dst.Chain); err != nil {
		return err
	}
	proofHeight, err := l.updateClient(src, dst)
	if err != nil {
		return err
	}
	nextSeqRecv, key := unreceivedKey(p, src, dst)
	proof, err := dst.Chain.QueryProof(key, proofHeight)
	if err != nil {
		return err
	}
	msg := channeltypes.NewMsgTimeout(p.Packet, nextSeqRecv, proof, proofHeight, src.Chain.Relayer.String())
	if _, _, err := src.Chain.DeliverTx(src.Chain.Relayer, msg); err != nil {
		return err
	}
	src.Chain.outbox.removePacket(p.Packet)
	return nil
}

// reachTimeout moves the destination past the packet's timeout height or timestamp.
func (l *Link) reachTimeout(p SentPacket, dst *Chain) error {
	if p.TimeoutHeight.IsZero() && p.TimeoutTimestamp == 0 {
		return errNoTimeout
	}
	if !p.TimeoutHeight.IsZero() {
		for uint64(dst.Height()) < p.TimeoutHeight.RevisionHeight {
			dst.NextBlock()
		}
	}
	if p.TimeoutTimestamp != 0 {
		deadline := time.Unix(0, int64(p.TimeoutTimestamp))
		if wait := deadline.Sub(dst.LastBlockTime()); wait > 0 {
			return l.network.AdvanceTime(wait)
		}
	}
	return nil
}
