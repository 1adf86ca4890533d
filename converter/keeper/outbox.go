package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// queue appends an encoded packet to the outbox; EndBlock sends it. No handler's success depends
// on the send.
func (k *Keeper) queue(ctx context.Context, pairing string, packet ibcproto.ConsumerPacket) error {
	data, err := ibcproto.EncodeConsumerPacket(packet)
	if err != nil {
		return err
	}
	return k.queueData(ctx, types.OutboxPacket{Pairing: pairing, Data: data})
}

// queueData appends an already encoded packet to the outbox.
func (k *Keeper) queueData(ctx context.Context, out types.OutboxPacket) error {
	seq, err := k.OutboxSeq.Next(ctx)
	if err != nil {
		return err
	}
	return k.Outbox.Set(ctx, seq, out)
}

// errNotYet marks a packet whose pairing has no open channel yet: it waits without counting
// against the per-block bound.
var errNotYet = errors.New("pairing has no open channel yet")

// flushOutbox sends, within the per-block bound shared with the valset updates, the queued
// packets oldest first. A packet of a closed or removed pairing is dropped; one that fails to
// send stays queued and is reported by an event. It returns how many sends it used.
func (k *Keeper) flushOutbox(ctx sdk.Context, params types.Params, budget uint32) uint32 {
	iter, err := k.Outbox.Iterate(ctx, nil)
	if err != nil {
		return 0
	}
	var used uint32
	var done []uint64
	for ; iter.Valid() && used < budget; iter.Next() {
		kv, err := iter.KeyValue()
		if err != nil {
			break
		}
		_, err = k.send(ctx, kv.Value, params.PacketTimeout)
		switch {
		case errors.Is(err, errNotYet):
			continue
		case errors.Is(err, errDropped):
			done = append(done, kv.Key)
			continue
		case err != nil:
			k.emit(ctx, &types.EventPacketSendFailed{Pairing: kv.Value.Pairing, Error: err.Error()})
		default:
			done = append(done, kv.Key)
		}
		used++
	}
	iter.Close()
	for _, seq := range done {
		_ = k.Outbox.Remove(ctx, seq)
	}
	return used
}

// errDropped marks a packet whose pairing closed or is gone: it will never be sent.
var errDropped = errors.New("pairing closed")

// send sends one packet on its pairing's channel in a cache context, records it as in flight
// until its acknowledgement and returns its sequence.
func (k *Keeper) send(ctx sdk.Context, out types.OutboxPacket, timeout time.Duration) (uint64, error) {
	p, err := k.PairingStore.Get(ctx, out.Pairing)
	if err != nil || p.Status == types.PAIRING_STATUS_CLOSED {
		return 0, errDropped
	}
	if !k.channelOpen(ctx, p) {
		return 0, errNotYet
	}
	return k.port().Send(ctx, p.ChannelId, timeout, out.Data, func(cache sdk.Context, seq uint64) error {
		return k.InFlight.Set(cache, collections.Join(p.ChannelId, seq), out)
	})
}

// channelOpen says whether the pairing's channel completed its handshake.
func (k *Keeper) channelOpen(ctx context.Context, p types.ProviderPairing) bool {
	if p.ChannelId == "" {
		return false
	}
	opening, err := k.Opening.Has(ctx, p.ChannelId)
	return err == nil && !opening
}
