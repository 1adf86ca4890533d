package capture

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/internal/safecall"
)

// EndBlock runs after x/staking's end-blocker (or first thing in the next block, before x/slashing
// and x/evidence: what it reads is then unchanged). It marks this block's slashes of validators that
// x/slashing tombstoned (x/slashing's Tombstone has no hook) and queues their tombstoning, then
// delivers up to limit queued events to the reporter, oldest first, each in a cache context
// written only when the reporter returns (an event whose delivery panics is dropped and logged).
// It never fails: what it cannot do it logs.
func (k *Keeper) EndBlock(ctx context.Context, limit uint32) error {
	k.checkTombstones(ctx)
	k.deliver(sdk.UnwrapSDKContext(ctx), limit)
	return nil
}

// checkTombstones updates this block's slashes of tombstoned validators, queues one tombstoning
// per validator and forgets the block's slashes.
func (k *Keeper) checkTombstones(ctx context.Context) {
	var seqs []uint64
	var consAddrs []sdk.ConsAddress
	err := k.slashed.Walk(ctx, nil, func(seq uint64, consAddr []byte) (bool, error) {
		seqs = append(seqs, seq)
		consAddrs = append(consAddrs, consAddr)
		return false, nil
	})
	if err != nil {
		k.logger.Error("slashes of the block not read", "error", err)
	}
	if err := k.slashed.Clear(ctx, nil); err != nil {
		k.logger.Error("slashes of the block not cleared", "error", err)
	}
	if k.tombstones == nil {
		return
	}
	reported := map[string]bool{}
	for i, seq := range seqs {
		if !k.tombstones.IsTombstoned(ctx, consAddrs[i]) {
			continue
		}
		valoper, ok := k.markTombstoned(ctx, seq)
		if ok && !reported[valoper] {
			reported[valoper] = true
			k.enqueue(ctx, Event{Change: &convertertypes.ValidatorChange{
				Kind: convertertypes.ValidatorTombstoned, Valoper: valoper,
			}})
		}
	}
}

// markTombstoned sets the tombstone flag of the queued slash seq and returns its validator.
func (k *Keeper) markTombstoned(ctx context.Context, seq uint64) (string, bool) {
	event, err := k.queue.Get(ctx, seq)
	if err != nil || event.Slash == nil {
		k.logger.Error("slash not found for the tombstone mark", "sequence", seq, "error", err)
		return "", false
	}
	event.Slash.Tombstoned = true
	if err := k.queue.Set(ctx, seq, event); err != nil {
		k.logger.Error("tombstone mark not saved", "sequence", seq, "error", err)
	}
	return event.Slash.Valoper, true
}

// deliver hands up to limit queued events to the reporter and removes them.
func (k *Keeper) deliver(ctx sdk.Context, limit uint32) {
	if limit == 0 || k.reporter == nil {
		return
	}
	var seqs []uint64
	var events []Event
	err := k.queue.Walk(ctx, nil, func(seq uint64, e Event) (bool, error) {
		seqs = append(seqs, seq)
		events = append(events, e)
		return uint32(len(seqs)) >= limit, nil
	})
	if err != nil {
		k.logger.Error("capture queue not read", "error", err)
	}
	for i, event := range events {
		cacheCtx, write := ctx.CacheContext()
		if err := safecall.Run(ErrReport, "reporter", func() error { k.report(cacheCtx, event); return nil }); err != nil {
			k.logger.Error("captured event dropped", "error", err)
		} else {
			write()
		}
		if err := k.queue.Remove(ctx, seqs[i]); err != nil {
			k.logger.Error("delivered event not removed", "sequence", seqs[i], "error", err)
		}
	}
}

// report hands one event to the reporter: a change as it is, a slash once per pairing.
func (k *Keeper) report(ctx context.Context, e Event) {
	if e.Change != nil {
		k.reporter.ReportValidatorChange(ctx, *e.Change)
	}
	if e.Slash != nil {
		for _, p := range e.Slash.Pairings {
			k.reporter.ReportSlash(ctx, p.PairingID, e.Slash.virtualSlash(p.Value))
		}
	}
}
