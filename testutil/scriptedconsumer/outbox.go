package scriptedconsumer

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"

	"github.com/meshsecurity/mesh/ibcproto"
)

// outgoing is a packet waiting for the next EndBlock.
type outgoing struct {
	channelID string
	data      []byte
	packet    ibcproto.ConsumerPacket
}

// release is an acknowledgement of a held packet waiting for the next EndBlock.
type release struct {
	channelID string
	sequence  uint64
	ack       ibcproto.Ack
}

// Queue encodes p and sends it on the consumer's channelID at the chain's next EndBlock. It fails,
// queueing nothing, only if p cannot be encoded (ibcproto.EncodeConsumerPacket).
func (c *Consumer) Queue(channelID string, p ibcproto.ConsumerPacket) error {
	data, err := ibcproto.EncodeConsumerPacket(p)
	if err != nil {
		return err
	}
	c.outbox = append(c.outbox, outgoing{channelID: channelID, data: data, packet: p})
	return nil
}

// QueueRaw sends data as is on the consumer's channelID at the chain's next EndBlock, to test how
// the provider handles bytes no consumer should send. Sent decodes it when it can.
func (c *Consumer) QueueRaw(channelID string, data []byte) {
	p, err := ibcproto.DecodeConsumerPacket(data)
	if err != nil {
		p = nil
	}
	c.outbox = append(c.outbox, outgoing{channelID: channelID, data: append([]byte(nil), data...), packet: p})
}

// Acknowledge writes the acknowledgement of a held packet (received on the consumer's channelID
// with sequence) at the chain's next EndBlock; relay it with the link afterwards. It fails for a
// packet that is not held or whose ack is already waiting (ErrNotHeld) and for Hold itself
// (ErrHoldIsNoAck).
func (c *Consumer) Acknowledge(channelID string, sequence uint64, a Answer) error {
	ack, ok := a.Ack()
	if !ok {
		return ErrHoldIsNoAck
	}
	if _, held := c.held(channelID, sequence); !held || c.released(channelID, sequence) {
		return errorsmod.Wrapf(ErrNotHeld, "channel %s sequence %d", channelID, sequence)
	}
	c.releases = append(c.releases, release{channelID: channelID, sequence: sequence, ack: ack})
	return nil
}

// released reports whether an acknowledgement of the packet is already waiting for EndBlock.
func (c *Consumer) released(channelID string, sequence uint64) bool {
	for _, r := range c.releases {
		if r.channelID == channelID && r.sequence == sequence {
			return true
		}
	}
	return false
}

// flush sends the queued packets and writes the released acknowledgements. A failure is
// recorded and dropped, never returned, so EndBlock cannot fail.
func (c *Consumer) flush(ctx sdk.Context) {
	queue, releases := c.outbox, c.releases
	c.outbox, c.releases = nil, nil
	for _, out := range queue {
		if err := c.send(ctx, out); err != nil {
			c.errs = append(c.errs, err)
		}
	}
	for _, r := range releases {
		if err := c.writeAck(ctx, r); err != nil {
			c.errs = append(c.errs, err)
		}
	}
}

// send commits one packet on its channel and records it.
func (c *Consumer) send(ctx sdk.Context, out outgoing) error {
	channelCap, ok := c.scoped.GetCapability(ctx, host.ChannelCapabilityPath(c.cfg.PortID, out.channelID))
	if !ok {
		return errorsmod.Wrap(ErrNoChannel, out.channelID)
	}
	timeout := uint64(ctx.BlockTime().Add(c.cfg.PacketLifetime).UnixNano())
	sequence, err := c.ibcKeeper.ChannelKeeper.SendPacket(ctx, channelCap, c.cfg.PortID, out.channelID,
		clienttypes.ZeroHeight(), timeout, out.data)
	if err != nil {
		return err
	}
	c.recordSent(out, sequence)
	return nil
}

// writeAck writes a held packet's acknowledgement and marks it written.
func (c *Consumer) writeAck(ctx sdk.Context, r release) error {
	i, held := c.held(r.channelID, r.sequence)
	if !held {
		return errorsmod.Wrapf(ErrNotHeld, "channel %s sequence %d", r.channelID, r.sequence)
	}
	channelCap, ok := c.scoped.GetCapability(ctx, host.ChannelCapabilityPath(c.cfg.PortID, r.channelID))
	if !ok {
		return errorsmod.Wrap(ErrNoChannel, r.channelID)
	}
	if err := c.ibcKeeper.ChannelKeeper.WriteAcknowledgement(ctx, channelCap, c.received[i].packet, r.ack); err != nil {
		return err
	}
	c.received[i].Acked, c.received[i].Ack = true, r.ack
	return nil
}
