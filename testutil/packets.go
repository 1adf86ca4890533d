package testutil

import (
	"encoding/hex"
	"fmt"
	"strconv"

	abci "github.com/cometbft/cometbft/abci/types"

	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
)

// SentPacket is a packet a chain committed to sending, as seen in its send_packet event.
type SentPacket struct {
	channeltypes.Packet
	// Source is the chain that sent the packet.
	Source *Chain
	// Height is the block whose transactions or begin/end block emitted the packet.
	Height int64
}

// WrittenAck is an acknowledgement a chain wrote for a packet it received.
type WrittenAck struct {
	Packet channeltypes.Packet
	// Writer is the chain that received the packet and wrote the acknowledgement.
	Writer *Chain
	Ack    []byte
	// Height is the block that wrote the acknowledgement.
	Height int64
}

// packetLog holds the packets and acknowledgements a chain emitted and no relay has delivered.
type packetLog struct {
	packets []SentPacket
	acks    []WrittenAck
}

// collect records every send_packet and write_acknowledgement event of a block, from its
// transactions and from its begin and end block (block events first, then each transaction).
func (l *packetLog) collect(c *Chain, height int64, res *abci.ResponseFinalizeBlock) {
	events := append([]abci.Event{}, res.Events...)
	for _, tx := range res.TxResults {
		events = append(events, tx.Events...)
	}
	for _, event := range events {
		switch event.Type {
		case channeltypes.EventTypeSendPacket:
			packet, err := packetFromEvent(event)
			c.fatalIf(err, "parse send_packet")
			l.packets = append(l.packets, SentPacket{Packet: packet, Source: c, Height: height})
		case channeltypes.EventTypeWriteAck:
			packet, err := packetFromEvent(event)
			c.fatalIf(err, "parse write_acknowledgement")
			ack, err := hex.DecodeString(attribute(event, channeltypes.AttributeKeyAckHex))
			c.fatalIf(err, "decode acknowledgement")
			l.acks = append(l.acks, WrittenAck{Packet: packet, Writer: c, Ack: ack, Height: height})
		}
	}
}

// PendingPackets returns the packets the chain sent that no relay has delivered or timed out.
func (c *Chain) PendingPackets() []SentPacket {
	return append([]SentPacket{}, c.outbox.packets...)
}

// PendingAcks returns the acknowledgements the chain wrote that no relay has delivered.
func (c *Chain) PendingAcks() []WrittenAck {
	return append([]WrittenAck{}, c.outbox.acks...)
}

// removePacket drops a delivered packet from the pending list.
func (l *packetLog) removePacket(p channeltypes.Packet) {
	kept := l.packets[:0]
	for _, sent := range l.packets {
		if !samePacket(sent.Packet, p) {
			kept = append(kept, sent)
		}
	}
	l.packets = kept
}

// takeAcks removes and returns the pending acknowledgements of packet p.
func (l *packetLog) takeAcks(p channeltypes.Packet) []WrittenAck {
	var taken []WrittenAck
	kept := l.acks[:0]
	for _, ack := range l.acks {
		if samePacket(ack.Packet, p) {
			taken = append(taken, ack)
			continue
		}
		kept = append(kept, ack)
	}
	l.acks = kept
	return taken
}

// samePacket compares the identity of two packets: both ends and the sequence.
func samePacket(a, b channeltypes.Packet) bool {
	return a.SourcePort == b.SourcePort && a.SourceChannel == b.SourceChannel &&
		a.DestinationPort == b.DestinationPort && a.DestinationChannel == b.DestinationChannel &&
		a.Sequence == b.Sequence
}

// packetFromEvent rebuilds a packet from the attributes IBC core puts on its packet events.
func packetFromEvent(event abci.Event) (channeltypes.Packet, error) {
	data, err := hex.DecodeString(attribute(event, channeltypes.AttributeKeyDataHex))
	if err != nil {
		return channeltypes.Packet{}, err
	}
	sequence, err := strconv.ParseUint(attribute(event, channeltypes.AttributeKeySequence), 10, 64)
	if err != nil {
		return channeltypes.Packet{}, err
	}
	timeoutHeight, err := clienttypes.ParseHeight(attribute(event, channeltypes.AttributeKeyTimeoutHeight))
	if err != nil {
		return channeltypes.Packet{}, err
	}
	timeoutTimestamp, err := strconv.ParseUint(attribute(event, channeltypes.AttributeKeyTimeoutTimestamp), 10, 64)
	if err != nil {
		return channeltypes.Packet{}, err
	}
	return channeltypes.NewPacket(data, sequence,
		attribute(event, channeltypes.AttributeKeySrcPort), attribute(event, channeltypes.AttributeKeySrcChannel),
		attribute(event, channeltypes.AttributeKeyDstPort), attribute(event, channeltypes.AttributeKeyDstChannel),
		timeoutHeight, timeoutTimestamp), nil
}

// attribute returns the value of an event attribute, or "" when absent.
func attribute(event abci.Event, key string) string {
	for _, attr := range event.Attributes {
		if attr.Key == key {
			return attr.Value
		}
	}
	return ""
}

// eventAttribute finds the first attribute key in events of the given type.
func eventAttribute(events []abci.Event, eventType, key string) (string, error) {
	for _, event := range events {
		if event.Type == eventType {
			if value := attribute(event, key); value != "" {
				return value, nil
			}
		}
	}
	return "", fmt.Errorf("no %s attribute in a %s event", key, eventType)
}
