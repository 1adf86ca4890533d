package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// Acknowledged settles a packet this module sent; it never fails. An unknown packet is a no-op.
// A refused packet is reported by an event; a refused distribute_batch returns its amounts to
// the next batch.
func (k *Keeper) Acknowledged(ctx sdk.Context, channelID string, sequence uint64, ack []byte) {
	k.settle(ctx, "acknowledgement", func(ctx sdk.Context) error {
		out, packet, ok := k.takeInFlight(ctx, channelID, sequence)
		if !ok {
			return nil
		}
		decoded, err := ibcproto.DecodeAck(ack)
		if err == nil && decoded.Success() {
			return nil
		}
		reason := "undecodable acknowledgement"
		if err == nil {
			reason = decoded.ErrorMessage()
		}
		k.emit(ctx, &types.EventPacketRefused{Pairing: out.Pairing, Variant: packet.Variant(), Sequence: sequence, Error: reason})
		if batch, ok := packet.(ibcproto.DistributeBatchPacket); ok {
			return k.returnBatch(ctx, out.Pairing, batch)
		}
		return nil
	})
}

// TimedOut sends again what a timed-out packet carried; it never fails. A valset update merges
// into the pairing's next one; an internal_unstake is queued again; a distribute_batch returns
// its amounts to the next batch.
func (k *Keeper) TimedOut(ctx sdk.Context, channelID string, sequence uint64) {
	k.settle(ctx, "timeout", func(ctx sdk.Context) error {
		out, packet, ok := k.takeInFlight(ctx, channelID, sequence)
		if !ok {
			return nil
		}
		k.emit(ctx, &types.EventPacketTimedOut{Pairing: out.Pairing, Variant: packet.Variant(), Sequence: sequence})
		switch pk := packet.(type) {
		case ibcproto.ValsetUpdatePacket:
			return k.requeueValset(ctx, out.Pairing, pk)
		case ibcproto.DistributeBatchPacket:
			return k.returnBatch(ctx, out.Pairing, pk)
		default:
			return k.queueData(ctx, out)
		}
	})
}

// takeInFlight removes a sent packet's record and decodes it; ok is false for a packet this
// module does not know.
func (k *Keeper) takeInFlight(ctx context.Context, channelID string, sequence uint64) (types.OutboxPacket, ibcproto.ConsumerPacket, bool) {
	key := collections.Join(channelID, sequence)
	out, err := k.InFlight.Get(ctx, key)
	if err != nil {
		return out, nil, false
	}
	if err := k.InFlight.Remove(ctx, key); err != nil {
		return out, nil, false
	}
	if seq, err := k.ValsetInFlight.Get(ctx, out.Pairing); err == nil && seq == sequence {
		_ = k.ValsetInFlight.Remove(ctx, out.Pairing)
	}
	packet, err := ibcproto.DecodeConsumerPacket(out.Data)
	if err != nil {
		return out, nil, false
	}
	return out, packet, true
}

// requeueValset puts a timed-out update back in front of the pairing's draft.
func (k *Keeper) requeueValset(ctx context.Context, pairing string, sent ibcproto.ValsetUpdatePacket) error {
	later, err := k.draft(ctx, pairing)
	if err != nil {
		return err
	}
	merged := mergeValset(sent, later)
	bz, err := ibcproto.EncodeConsumerPacket(merged)
	if err != nil {
		return err
	}
	return k.ValsetDrafts.Set(ctx, pairing, bz)
}

// settle runs an acknowledgement or timeout handler in a cache context, keeping its writes only
// when it succeeds; a failure is logged, never returned.
func (k *Keeper) settle(ctx sdk.Context, what string, fn func(sdk.Context) error) {
	cache, write := ctx.CacheContext()
	if err := recovered(what, func() error { return fn(cache) }); err != nil {
		ctx.Logger().Error("converter packet settlement failed", "step", what, "error", err.Error())
		return
	}
	write()
}
