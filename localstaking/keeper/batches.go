package keeper

import (
	"context"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// batchKey names one queued batch: its due time, user and validator.
type batchKey = collections.Triple[time.Time, sdk.AccAddress, sdk.ValAddress]

// EndBlock sends due unbonding batches to x/staking, at most MaxBatchesPerBlock of them, oldest
// first, so no block does work per user beyond the bound. Each batch runs in its own cache context; a batch that cannot be sent
// now is rescheduled with an event, and EndBlock itself never fails.
func (k *Keeper) EndBlock(ctx context.Context) error {
	p, err := k.GetParams(ctx)
	if err != nil {
		k.Logger(ctx).Error("unbonding batches skipped", "error", err)
		return nil
	}
	due, err := k.dueBatches(ctx, int(p.MaxBatchesPerBlock))
	if err != nil {
		k.Logger(ctx).Error("batch queue unreadable", "error", err)
		return nil
	}
	for _, key := range due {
		k.runBatch(ctx, key)
	}
	return nil
}

// dueBatches lists up to limit batches due at the block time.
func (k *Keeper) dueBatches(ctx context.Context, limit int) ([]batchKey, error) {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	var out []batchKey
	rng := new(collections.Range[batchKey]).EndExclusive(collections.Join3(now.Add(time.Nanosecond), sdk.AccAddress{}, sdk.ValAddress{}))
	err := k.BatchQueue.Walk(ctx, rng, func(key batchKey) (bool, error) {
		out = append(out, key)
		return len(out) >= limit, nil
	})
	return out, err
}

// runBatch sends one batch in a cache context; on failure the batch is rescheduled.
func (k *Keeper) runBatch(ctx context.Context, key batchKey) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cacheCtx, write := sdkCtx.CacheContext()
	retry, err := k.sendBatch(cacheCtx, key)
	if err == nil && retry.IsZero() {
		write()
		return
	}
	reason := "x/staking unbonding entry limit reached"
	if err != nil {
		reason = err.Error()
		k.Logger(ctx).Error("unbonding batch failed", "owner", key.K2().String(), "validator", key.K3().String(), "error", err)
		if retry, err = k.retryTime(ctx); err != nil {
			return
		}
	}
	k.reschedule(ctx, key, retry, reason)
}

// retryTime is one segment from now, when a failed batch is tried again.
func (k *Keeper) retryTime(ctx context.Context) (time.Time, error) {
	seg, err := k.segment(ctx)
	if err != nil {
		k.Logger(ctx).Error("batch retry", "error", err)
		return time.Time{}, err
	}
	return sdk.UnwrapSDKContext(ctx).BlockTime().Add(seg), nil
}

// reschedule moves a batch to a later due time and says why. The move runs in a cache context
// and is written only if it succeeds as a whole; otherwise the batch keeps its due time and is
// tried again in the next block.
func (k *Keeper) reschedule(ctx context.Context, key batchKey, at time.Time, reason string) {
	owner, val := key.K2(), key.K3()
	cacheCtx, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	if err := k.moveBatch(cacheCtx, key, at); err != nil {
		k.Logger(ctx).Error("batch reschedule", "owner", owner.String(), "validator", val.String(), "error", err)
	} else {
		write()
	}
	if err := k.emit(ctx, &types.EventBatchDeferred{Owner: owner.String(), Validator: val.String(), Reason: reason}); err != nil {
		k.Logger(ctx).Error("batch deferred event", "error", err)
	}
}

// moveBatch moves a queued batch from its key to due time at, in the queue and in the position.
func (k *Keeper) moveBatch(ctx context.Context, key batchKey, at time.Time) error {
	owner, val := key.K2(), key.K3()
	p, found, err := k.positionOf(ctx, owner, val)
	if err != nil || !found {
		return err
	}
	if err := k.BatchQueue.Remove(ctx, key); err != nil {
		return err
	}
	p.DueTime = at
	if err := k.BatchQueue.Set(ctx, collections.Join3(at, owner, val)); err != nil {
		return err
	}
	return k.setPosition(ctx, owner, val, p)
}

// sendBatch settles the user, then undelegates the queued amount through x/staking's Msg server
// and records the unbonding entry. When the account already has as many entries with the
// validator as x/staking allows, nothing is sent and the time the oldest entry completes is
// returned instead.
func (k *Keeper) sendBatch(ctx context.Context, key batchKey) (time.Time, error) {
	owner, val := key.K2(), key.K3()
	if err := k.BatchQueue.Remove(ctx, key); err != nil {
		return time.Time{}, err
	}
	p, found, err := k.positionOf(ctx, owner, val)
	if err != nil || !found || p.Queued.IsZero() || !p.DueTime.Equal(key.K1()) {
		return time.Time{}, err
	}
	account, err := k.settledAccount(ctx, owner)
	if err != nil {
		return time.Time{}, err
	}
	sp, err := k.staking.GetParams(ctx)
	if err != nil {
		return time.Time{}, err
	}
	if retry, full, err := k.entriesFull(ctx, account, val, sp.MaxEntries); err != nil || full {
		return retry, err
	}
	if p, _, err = k.positionOf(ctx, owner, val); err != nil {
		return time.Time{}, err
	}
	amount := math.MinInt(p.Queued, p.Principal)
	p.Queued, p.DueTime = math.ZeroInt(), time.Time{}
	if !amount.IsPositive() {
		return time.Time{}, k.setPosition(ctx, owner, val, p)
	}
	return time.Time{}, k.undelegate(ctx, owner, account, val, p, sdk.NewCoin(sp.BondDenom, amount))
}

// entriesFull reports whether the account already has maxEntries (x/staking's limit) unbonding
// entries with val, and if so when the first of them completes.
func (k *Keeper) entriesFull(ctx context.Context, account sdk.AccAddress, val sdk.ValAddress, maxEntries uint32) (time.Time, bool, error) {
	ubd, err := k.staking.GetUnbondingDelegation(ctx, account, val)
	if err != nil || len(ubd.Entries) < int(maxEntries) {
		return time.Time{}, false, nil
	}
	first := ubd.Entries[0].CompletionTime
	for _, e := range ubd.Entries[1:] {
		if e.CompletionTime.Before(first) {
			first = e.CompletionTime
		}
	}
	return first.Add(time.Nanosecond), true, nil
}

// undelegate sends coin through x/staking's Msg server and records the entry it creates; stake
// that may leave at once (see instantUnbondable) is unbonded instantly instead.
func (k *Keeper) undelegate(ctx context.Context, owner, account sdk.AccAddress, val sdk.ValAddress, p types.Position, coin sdk.Coin) error {
	amount := coin.Amount
	validator, err := k.staking.GetValidator(ctx, val)
	if err != nil {
		return err
	}
	instant, err := k.instantUnbondable(ctx, account, val, validator)
	if err != nil {
		return err
	}
	if instant {
		if err := k.setPosition(ctx, owner, val, p); err != nil {
			return err
		}
		return k.instantUnbond(ctx, owner, account, val, p, amount)
	}
	res, err := k.stakingMsgs.Undelegate(ctx, &stakingtypes.MsgUndelegate{
		DelegatorAddress: account.String(), ValidatorAddress: val.String(), Amount: coin,
	})
	if err != nil {
		return fmt.Errorf("undelegate: %w", err)
	}
	p.Principal = p.Principal.Sub(amount)
	p.LastBatchTime = sdk.UnwrapSDKContext(ctx).BlockTime()
	if err := k.setPosition(ctx, owner, val, p); err != nil {
		return err
	}
	if err := k.recordUnbonding(ctx, owner, val, amount, res.CompletionTime); err != nil {
		return err
	}
	if err := k.forget(ctx, owner); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventBatchUndelegated{Owner: owner.String(), Validator: val.String(), Amount: amount.String()})
}

// recordUnbonding adds amount to the recorded entry of this block, as x/staking merges entries
// created at the same height.
func (k *Keeper) recordUnbonding(ctx context.Context, owner sdk.AccAddress, val sdk.ValAddress, amount math.Int, completion time.Time) error {
	key := collections.Join3(owner, val, sdk.UnwrapSDKContext(ctx).BlockHeight())
	u, err := k.Unbondings.Get(ctx, key)
	if isNotFound(err) {
		u, err = types.Unbonding{Principal: math.ZeroInt(), CompletionTime: completion, BurnDebt: math.ZeroInt()}, nil
	}
	if err != nil {
		return err
	}
	u.Principal = u.Principal.Add(amount)
	return k.Unbondings.Set(ctx, key, u)
}
