package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/vault/types"
)

// EndBlock runs the settlement crank: it settles queued users first (at most half the budget,
// rounded down), then continues a round-robin pass over all accounts with the rest (at least one),
// at most MaxSettlementsPerBlock users in all, so every user's propagated burns happen within a
// bounded number of blocks. Each user is settled in its own cache context. A user settled leaves
// the queue; a user whose settlement fails (an error or a panic of a holder) is logged, emitted
// and stays queued, and the queued pass resumes after the last user it tried, so users that keep
// failing are retried without holding up the others. EndBlock itself never fails.
func (k *Keeper) EndBlock(ctx context.Context) error {
	p, err := k.GetParams(ctx)
	if err != nil {
		k.Logger(ctx).Error("settlement crank skipped", "error", err)
		return nil
	}
	budget := int(p.MaxSettlementsPerBlock)
	tried := k.settleQueued(ctx, budget/2)
	k.roundRobin(ctx, budget-tried)
	return nil
}

// settleQueued settles up to limit queued users, starting after the queue cursor and wrapping
// around once, and returns how many it tried.
func (k *Keeper) settleQueued(ctx context.Context, limit int) int {
	if limit <= 0 {
		return 0
	}
	queued, err := walkAfter(ctx, k.queuedBetween, k.QueueCursor, limit)
	if err != nil {
		k.Logger(ctx).Error("settlement queue unreadable", "error", err)
		return 0
	}
	for _, owner := range queued {
		if k.settleIsolated(ctx, owner) {
			k.dequeue(ctx, owner)
		}
	}
	k.moveCursor(ctx, k.QueueCursor, queued)
	return len(queued)
}

// between lists up to limit users strictly after from and up to and including to, from the start
// when from is empty and to the end when to is empty.
type between func(ctx context.Context, from, to []byte, limit int) ([]sdk.AccAddress, error)

// walkAfter lists up to limit users after the stored cursor, wrapping around once.
func walkAfter(ctx context.Context, list between, cursorItem collections.Item[[]byte], limit int) ([]sdk.AccAddress, error) {
	cursor, err := cursorItem.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	owners, err := list(ctx, cursor, nil, limit)
	if err != nil {
		return nil, err
	}
	if len(owners) < limit && len(cursor) > 0 {
		more, err := list(ctx, nil, cursor, limit-len(owners))
		if err != nil {
			return nil, err
		}
		owners = append(owners, more...)
	}
	return owners, nil
}

// queuedBetween is a between over the settlement queue.
func (k *Keeper) queuedBetween(ctx context.Context, from, to []byte, limit int) ([]sdk.AccAddress, error) {
	var out []sdk.AccAddress
	err := k.SettlementQueue.Walk(ctx, ownerRange(from, to), func(owner sdk.AccAddress) (bool, error) {
		out = append(out, owner)
		return len(out) >= limit, nil
	})
	return out, err
}

// moveCursor stores the last of visited as the cursor, or clears it when nothing was visited.
func (k *Keeper) moveCursor(ctx context.Context, cursorItem collections.Item[[]byte], visited []sdk.AccAddress) {
	next := []byte{}
	if len(visited) > 0 {
		next = visited[len(visited)-1]
	}
	if err := cursorItem.Set(ctx, next); err != nil {
		k.Logger(ctx).Error("crank cursor write", "error", err)
	}
}

// roundRobin settles up to limit accounts after the stored cursor, wrapping around once.
func (k *Keeper) roundRobin(ctx context.Context, limit int) {
	if limit <= 0 {
		return
	}
	owners, err := walkAfter(ctx, k.accountsBetween, k.CrankCursor, limit)
	if err != nil {
		k.Logger(ctx).Error("crank walk", "error", err)
		return
	}
	for _, owner := range owners {
		if k.settleIsolated(ctx, owner) {
			k.dequeue(ctx, owner)
		}
	}
	k.moveCursor(ctx, k.CrankCursor, owners)
}

// accountsBetween is a between over the accounts.
func (k *Keeper) accountsBetween(ctx context.Context, from, to []byte, limit int) ([]sdk.AccAddress, error) {
	var out []sdk.AccAddress
	err := k.Accounts.Walk(ctx, ownerRange(from, to), func(owner sdk.AccAddress, _ types.Account) (bool, error) {
		out = append(out, owner)
		return len(out) >= limit, nil
	})
	return out, err
}

// ownerRange is the range strictly after from and up to and including to; an empty bound is open.
func ownerRange(from, to []byte) *collections.Range[sdk.AccAddress] {
	rng := new(collections.Range[sdk.AccAddress])
	if len(from) > 0 {
		rng = rng.StartExclusive(from)
	}
	if len(to) > 0 {
		rng = rng.EndInclusive(to)
	}
	return rng
}

// dequeue takes a settled user off the settlement queue; the round-robin pass calls it too, so
// the queue drains even when the budget leaves it no share.
func (k *Keeper) dequeue(ctx context.Context, owner sdk.AccAddress) {
	queued, err := k.SettlementQueue.Has(ctx, owner)
	if err == nil && queued {
		err = k.SettlementQueue.Remove(ctx, owner)
	}
	if err != nil {
		k.Logger(ctx).Error("settlement queue remove", "error", err)
	}
}

// settleIsolated settles one user in a cache context and commits only on success. A panic during
// the settlement (a faulty holder) is a failure like any other: the block goes on.
func (k *Keeper) settleIsolated(ctx context.Context, owner sdk.AccAddress) bool {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cacheCtx, write := sdkCtx.CacheContext()
	if err := recoverAs("settlement of "+owner.String(), func() error { return k.Settle(cacheCtx, owner) }); err != nil {
		k.Logger(ctx).Error("settlement failed", "owner", owner.String(), "error", err)
		if evErr := k.emit(ctx, &types.EventSettlementFailed{
			Owner: owner.String(), Error: err.Error(),
		}); evErr != nil {
			k.Logger(ctx).Error("settlement failed event", "error", evErr)
		}
		return false
	}
	write()
	return true
}
