package scriptedconsumer

import (
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

	"github.com/meshsecurity/mesh/ibcproto"
)

// Received is a provider packet the consumer received.
type Received struct {
	// ChannelID is the consumer's end of the channel; Sequence the packet's sequence on it.
	ChannelID string
	Sequence  uint64
	// Data is the packet's raw data.
	Data []byte
	// Packet is the decoded packet, nil when Invalid is set.
	Packet ibcproto.ProviderPacket
	// Invalid is why the packet did not decode or failed ValidateBasic; such a packet is always
	// answered with an error acknowledgement.
	Invalid error
	// Answer is what the consumer decided when the packet arrived.
	Answer Answer
	// Acked reports whether an acknowledgement has been written (at receipt, or later by
	// Acknowledge for a held packet), and Ack is that acknowledgement.
	Acked bool
	Ack   ibcproto.Ack

	packet channeltypes.Packet
}

// Outcome is what became of a packet the consumer sent.
type Outcome uint8

const (
	// Pending means neither an acknowledgement nor a timeout has come back yet.
	Pending Outcome = iota
	// Acknowledged means the provider's acknowledgement was delivered (see Sent.Ack).
	Acknowledged
	// TimedOut means the packet timed out.
	TimedOut
)

// String names the outcome.
func (o Outcome) String() string {
	switch o {
	case Pending:
		return "pending"
	case Acknowledged:
		return "acknowledged"
	case TimedOut:
		return "timed out"
	default:
		return "unknown outcome"
	}
}

// Sent is a packet the consumer sent and what became of it.
type Sent struct {
	// ChannelID is the consumer's end of the channel; Sequence the packet's sequence on it.
	ChannelID string
	Sequence  uint64
	// Data is the packet's raw data.
	Data []byte
	// Packet is the packet as queued; nil for raw data that does not decode as a consumer packet.
	Packet ibcproto.ConsumerPacket
	// Outcome is Pending until the acknowledgement or the timeout is delivered.
	Outcome Outcome
	// AckBytes is the acknowledgement as delivered, Ack its decoding and AckInvalid why it did
	// not decode.
	AckBytes   []byte
	Ack        ibcproto.Ack
	AckInvalid error
}

// Received returns the provider packets received so far, in arrival order.
func (c *Consumer) Received() []Received { return append([]Received(nil), c.received...) }

// Sent returns the packets sent so far, in sending order, with their outcomes.
func (c *Consumer) Sent() []Sent { return append([]Sent(nil), c.sent...) }

// receive records a provider packet and returns the answer to give it.
func (c *Consumer) receive(packet channeltypes.Packet) Received {
	r := Received{
		ChannelID: packet.DestinationChannel, Sequence: packet.Sequence,
		Data: packet.GetData(), packet: packet,
	}
	r.Packet, r.Invalid = decodeProviderPacket(r.Data)
	if r.Invalid != nil {
		r.Answer = Fail(ibcproto.NewErrorAckFromError(r.Invalid).ErrorMessage())
	} else {
		r.Answer = c.answer(r)
	}
	r.Ack, r.Acked = r.Answer.Ack()
	c.received = append(c.received, r)
	return r
}

// decodeProviderPacket decodes and validates a provider packet.
func decodeProviderPacket(data []byte) (ibcproto.ProviderPacket, error) {
	p, err := ibcproto.DecodeProviderPacket(data)
	if err != nil {
		return nil, err
	}
	if err := p.ValidateBasic(); err != nil {
		return nil, err
	}
	return p, nil
}

// held returns the index of the received packet on channelID with sequence that still waits for
// its acknowledgement.
func (c *Consumer) held(channelID string, sequence uint64) (int, bool) {
	for i, r := range c.received {
		if r.ChannelID == channelID && r.Sequence == sequence && !r.Acked {
			return i, true
		}
	}
	return 0, false
}

// recordSent adds a packet just committed for sending.
func (c *Consumer) recordSent(out outgoing, sequence uint64) {
	c.sent = append(c.sent, Sent{ChannelID: out.channelID, Sequence: sequence, Data: out.data, Packet: out.packet})
}

// settle records the outcome of a sent packet; ack is nil for a timeout.
func (c *Consumer) settle(packet channeltypes.Packet, ack []byte, outcome Outcome) {
	for i := range c.sent {
		s := &c.sent[i]
		if s.ChannelID != packet.SourceChannel || s.Sequence != packet.Sequence {
			continue
		}
		s.Outcome = outcome
		if outcome == Acknowledged {
			s.AckBytes = append([]byte(nil), ack...)
			s.Ack, s.AckInvalid = ibcproto.DecodeAck(ack)
		}
		return
	}
}
