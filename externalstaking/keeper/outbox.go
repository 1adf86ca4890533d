package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// queue appends an encoded packet to the outbox; EndBlock sends it. No handler's success depends
// on the send.
func (k *Keeper) queue(ctx context.Context, pairing string, packet ibcproto.ProviderPacket) error {
	data, err := ibcproto.EncodeProviderPacket(packet)
	if err != nil {
		return err
	}
	seq, err := k.OutboxSeq.Next(ctx)
	if err != nil {
		return err
	}
	return k.Outbox.Set(ctx, seq, types.OutboxPacket{Pairing: pairing, Data: data})
}

// collateral returns a coin of amount in the vault's denom.
func (k *Keeper) collateral(ctx context.Context, amount math.Int) (ibcproto.Coin, error) {
	denom, err := k.denom(ctx)
	if err != nil {
		return ibcproto.Coin{}, err
	}
	return ibcproto.NewCoin(denom, amount), nil
}

// queueStake queues the stake packet of a pending stake.
func (k *Keeper) queueStake(ctx context.Context, pairing string, tx types.PendingTx) error {
	coin, err := k.collateral(ctx, tx.Amount)
	if err != nil {
		return err
	}
	return k.queue(ctx, pairing, ibcproto.StakePacket{Delegator: tx.Owner, Validator: tx.Validator, Stake: coin, TxID: tx.Id})
}

// queueUnstake queues the unstake packet of a pending unstake.
func (k *Keeper) queueUnstake(ctx context.Context, pairing string, tx types.PendingTx) error {
	coin, err := k.collateral(ctx, tx.Amount)
	if err != nil {
		return err
	}
	return k.queue(ctx, pairing, ibcproto.UnstakePacket{Delegator: tx.Owner, Validator: tx.Validator, Unstake: coin, TxID: tx.Id})
}

// queueBurn queues a burn packet.
func (k *Keeper) queueBurn(ctx context.Context, pairing string, validators []string, amount math.Int) error {
	coin, err := k.collateral(ctx, amount)
	if err != nil {
		return err
	}
	return k.queue(ctx, pairing, ibcproto.BurnPacket{Validators: validators, Burn: coin})
}

// FlushOutbox sends up to the per-block bound of queued packets. A packet whose pairing has no
// open channel yet stays queued and is passed over; one whose send fails stays queued too; one
// whose pairing closed is dropped. A block reads at most twice the bound: the scan starts where
// the previous block's stopped and wraps around, so packets waiting for a channel cost a bounded
// number of reads and hold back no other pairing for more than a few blocks; once a scan covers
// the whole outbox, the next starts again from the oldest packet. It never returns an error:
// failures become events.
func (k *Keeper) FlushOutbox(ctx sdk.Context) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return
	}
	cursor, err := k.OutboxCursor.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return
	}
	f := &flush{params: params}
	k.flushRange(ctx, f, new(collections.Range[uint64]).StartInclusive(cursor))
	if !f.stopped && cursor > 0 {
		k.flushRange(ctx, f, new(collections.Range[uint64]).EndExclusive(cursor))
	}
	next := uint64(0)
	if f.stopped {
		next = f.last + 1
	}
	_ = k.OutboxCursor.Set(ctx, next)
	for _, seq := range f.remove {
		_ = k.Outbox.Remove(ctx, seq)
	}
}

// flush is one block's outbox scan: what it read and sent, what to remove and where it stopped.
type flush struct {
	params       types.Params
	reads, sends uint32
	remove       []uint64
	last         uint64
	stopped      bool
}

// flushRange scans part of the outbox until the block's bounds are reached.
func (k *Keeper) flushRange(ctx sdk.Context, f *flush, rng *collections.Range[uint64]) {
	iter, err := k.Outbox.Iterate(ctx, rng)
	if err != nil {
		f.stopped = true
		return
	}
	defer iter.Close()
	for ; iter.Valid(); iter.Next() {
		if f.sends >= f.params.MaxPacketsPerBlock || f.reads >= 2*f.params.MaxPacketsPerBlock {
			f.stopped = true
			return
		}
		kv, err := iter.KeyValue()
		if err != nil {
			f.stopped = true
			return
		}
		f.reads, f.last = f.reads+1, kv.Key
		_, err = k.sendQueued(ctx, f.params, kv.Value)
		if errors.Is(err, errNotYet) {
			continue
		}
		f.sends++
		if err != nil {
			_ = k.emit(ctx, &types.EventPacketSendFailed{Pairing: kv.Value.Pairing, Seq: kv.Key, Error: err.Error()})
			continue
		}
		f.remove = append(f.remove, kv.Key)
	}
}

// errNotYet marks a packet that waits for its pairing's channel to open.
var errNotYet = errors.New("pairing has no channel yet")

// sendQueued sends one packet in a cache context. It returns (true, nil) once sent, (false, nil)
// when the packet is to be dropped (its pairing is gone or closed: its operation is rolled back)
// and an error when it stays.
func (k *Keeper) sendQueued(ctx sdk.Context, params types.Params, out types.OutboxPacket) (bool, error) {
	p, err := k.Pairings.Get(ctx, out.Pairing)
	if err != nil || p.Status == types.PAIRING_STATUS_CLOSED {
		// The packet will never be answered: its operation fails now.
		k.settlePacket(ctx, p.ChannelId, 0, out.Data, false)
		return false, nil
	}
	if open, err := k.channelOpen(ctx, p); err != nil || !open {
		return false, errNotYet
	}
	if _, err := k.port().Send(ctx, p.ChannelId, params.PacketTimeout, out.Data, nil); err != nil {
		return false, err
	}
	return true, nil
}
