package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/vault/types"
)

// EndBlock runs the settlement crank: it settles queued users first (at most half the budget,
// rounded down), then continues a round-robin pass over all accounts with the rest (at least one),
// at most MaxSettlementsPerBlock users in all, so every user's propagated burns happen within a
// bounded number of blocks. Each user is settled in its own cache context; a failure is logged and emitted, and the user
// leaves the queue and is retried by the round-robin pass, so users that keep failing can never
// hold up the others. EndBlock itself never fails.
func (k *Keeper) EndBlock(ctx context.Context) error {
	p, err := k.GetParams(ctx)
	if err != nil {
		k.Logger(ctx).Error("settlement crank skipped", "error", err)
		return nil
	}
	budget := int(p.MaxSettlementsPerBlock)
	queued, err := k.collectQueued(ctx, budget/2)
	if err != nil {
		k.Logger(ctx).Error("settlement queue unreadable", "error", err)
		return nil
	}
	for _, owner := range queued {
		k.settleIsolated(ctx, owner)
		if err := k.SettlementQueue.Remove(ctx, owner); err != nil {
			k.Logger(ctx).Error("settlement queue remove", "error", err)
		}
	}
	k.roundRobin(ctx, budget-len(queued))
	return nil
}

// collectQueued returns up to limit queued users.
func (k *Keeper) collectQueued(ctx context.Context, limit int) ([]sdk.AccAddress, error) {
	var out []sdk.AccAddress
	if limit <= 0 {
		return out, nil
	}
	err := k.SettlementQueue.Walk(ctx, nil, func(owner sdk.AccAddress) (bool, error) {
		out = append(out, owner)
		return len(out) >= limit, nil
	})
	return out, err
}

// roundRobin settles up to limit accounts after the stored cursor, wrapping around once.
func (k *Keeper) roundRobin(ctx context.Context, limit int) {
	if limit <= 0 {
		return
	}
	cursor, err := k.CrankCursor.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		k.Logger(ctx).Error("crank cursor unreadable", "error", err)
		return
	}
	owners, err := k.accountsBetween(ctx, cursor, nil, limit)
	if err != nil {
		k.Logger(ctx).Error("crank walk", "error", err)
		return
	}
	if len(owners) < limit && len(cursor) > 0 {
		more, err := k.accountsBetween(ctx, nil, cursor, limit-len(owners))
		if err == nil {
			owners = append(owners, more...)
		}
	}
	for _, owner := range owners {
		if k.settleIsolated(ctx, owner) {
			k.dequeue(ctx, owner)
		}
	}
	next := []byte{}
	if len(owners) > 0 {
		next = owners[len(owners)-1]
	}
	if err := k.CrankCursor.Set(ctx, next); err != nil {
		k.Logger(ctx).Error("crank cursor write", "error", err)
	}
}

// accountsBetween lists up to limit account owners strictly after from and up to and including
// to, from the start when from is empty and to the end when to is empty.
func (k *Keeper) accountsBetween(ctx context.Context, from, to []byte, limit int) ([]sdk.AccAddress, error) {
	rng := new(collections.Range[sdk.AccAddress])
	if len(from) > 0 {
		rng = rng.StartExclusive(from)
	}
	if len(to) > 0 {
		rng = rng.EndInclusive(to)
	}
	var out []sdk.AccAddress
	err := k.Accounts.Walk(ctx, rng, func(owner sdk.AccAddress, _ math.Int) (bool, error) {
		out = append(out, owner)
		return len(out) >= limit, nil
	})
	return out, err
}

// dequeue takes a user the round-robin pass settled off the settlement queue, so the queue
// drains even when the budget leaves it no share.
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
