package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/valuerange"
	"github.com/meshsecurity/mesh/vault/types"
)

// setPending stores a pending lien and indexes it by owner.
func (k *Keeper) setPending(ctx context.Context, owner sdk.AccAddress, p types.PendingLien) error {
	if err := k.PendingLiens.Set(ctx, p.Id, p); err != nil {
		return err
	}
	return k.PendingByOwner.Set(ctx, collections.Join(owner, p.Id))
}

// pendingFor loads pending lien id and checks it belongs to holder, failing with
// ErrUnknownPendingLien or ErrForeignPendingLien.
func (k *Keeper) pendingFor(ctx context.Context, holder lienholder.HolderID, id uint64) (types.PendingLien, sdk.AccAddress, error) {
	p, err := k.PendingLiens.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return p, nil, errorsmod.Wrapf(types.ErrUnknownPendingLien, "id %d", id)
	} else if err != nil {
		return p, nil, err
	}
	if p.Holder != holder.String() {
		return p, nil, errorsmod.Wrapf(types.ErrForeignPendingLien, "id %d belongs to %s, not %s", id, p.Holder, holder)
	}
	owner, err := k.addressCodec.StringToBytes(p.Owner)
	if err != nil {
		return p, nil, errorsmod.Wrap(types.ErrInvalidAddress, err.Error())
	}
	return p, owner, nil
}

// closePending settles the owner of pending lien id (tolerating a failing holder, as an
// acknowledgement must not fail for another holder's sake), then removes the pending lien and
// returns it as settlement left it, with the owner's book.
func (k *Keeper) closePending(ctx context.Context, holder lienholder.HolderID, id uint64) (types.PendingLien, *book, error) {
	_, owner, err := k.pendingFor(ctx, holder, id)
	if err != nil {
		return types.PendingLien{}, nil, err
	}
	b, err := k.settleForAck(ctx, owner)
	if err != nil {
		return types.PendingLien{}, nil, err
	}
	p, err := k.PendingLiens.Get(ctx, id)
	if err != nil {
		return p, nil, err
	}
	if err := k.PendingLiens.Remove(ctx, id); err != nil {
		return p, nil, err
	}
	return p, b, k.PendingByOwner.Remove(ctx, collections.Join(owner, id))
}

// settleForAck settles owner in a cache context. If a holder fails, the failure is logged and
// emitted, the user is queued for the crank, and the unsettled book is returned: the pending lien
// closes against the stored state, and the crank later applies every holder's loss in the usual
// order (custodial first), which ends where settling first would have. Settling only the
// acknowledging holder here would apply its loss before the custodial ones and could burn the
// wrong liens.
func (k *Keeper) settleForAck(ctx context.Context, owner sdk.AccAddress) (*book, error) {
	cacheCtx, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	var b *book
	err := recoverAs("settlement of "+owner.String(), func() error {
		var err error
		b, err = k.settle(cacheCtx, owner)
		return err
	})
	if err == nil {
		write()
		return b, nil
	}
	k.Logger(ctx).Error("settlement deferred", "owner", owner.String(), "error", err)
	if evErr := k.emit(ctx, &types.EventSettlementFailed{Owner: owner.String(), Error: err.Error()}); evErr != nil {
		return nil, evErr
	}
	if qErr := k.SettlementQueue.Set(ctx, owner); qErr != nil {
		return nil, qErr
	}
	return k.loadBook(ctx, owner)
}

// PendingLeft settles the owner of pending lien id as an acknowledgement would (tolerating a
// failing holder) and returns what the pending lien would still add on commit: its amount less
// what slashes and propagated burns took from the lien's pending part.
func (k *Keeper) PendingLeft(ctx context.Context, holder lienholder.HolderID, id uint64) (math.Int, error) {
	_, owner, err := k.pendingFor(ctx, holder, id)
	if err != nil {
		return math.Int{}, err
	}
	if _, err := k.settleForAck(ctx, owner); err != nil {
		return math.Int{}, err
	}
	p, err := k.PendingLiens.Get(ctx, id)
	if err != nil {
		return math.Int{}, err
	}
	return remainingOf(p), nil
}

// CommitLien completes a pending lien with what slashes left of it (where the reference panics);
// if a slash took all of it, the commit is a no-op.
func (k *Keeper) CommitLien(ctx context.Context, holder lienholder.HolderID, id uint64) error {
	p, moved, err := k.finishPending(ctx, holder, id, valuerange.Range.CommitAddClamped)
	if err != nil {
		return err
	}
	return k.emit(ctx, &types.EventLienCommitted{Owner: p.Owner, Holder: p.Holder, Amount: moved.String(), PendingId: id})
}

// RollbackLien cancels a pending lien: the lien shrinks back by what is left of it (never below
// what is committed) and is removed if nothing is left.
func (k *Keeper) RollbackLien(ctx context.Context, holder lienholder.HolderID, id uint64) error {
	p, moved, err := k.finishPending(ctx, holder, id, valuerange.Range.RollbackAddSaturating)
	if err != nil {
		return err
	}
	return k.emit(ctx, &types.EventLienRolledBack{Owner: p.Owner, Holder: p.Holder, Amount: moved.String(), PendingId: id})
}

// finishPending closes pending lien id and applies what is left of it to the lien's amount and
// slashable amount with finish (a commit or a rollback), then saves the owner's book. It returns
// the pending lien and the amount it still moved (its amount less what slashes absorbed; zero if
// the lien is gone).
func (k *Keeper) finishPending(ctx context.Context, holder lienholder.HolderID, id uint64,
	finish func(valuerange.Range, math.Int) (valuerange.Range, error),
) (types.PendingLien, math.Int, error) {
	moved := math.ZeroInt()
	p, b, err := k.closePending(ctx, holder, id)
	if err != nil {
		return p, moved, err
	}
	if e := b.lien(holder); e != nil {
		rem, remSlash, err := e.remaining(p)
		if err != nil {
			return p, moved, err
		}
		if e.amount, err = finish(e.amount, rem); err != nil {
			return p, moved, errorsmod.Wrap(types.ErrAccounting, err.Error())
		}
		if e.slashable, err = finish(e.slashable, remSlash); err != nil {
			return p, moved, errorsmod.Wrap(types.ErrAccounting, err.Error())
		}
		moved = rem
	}
	return p, moved, k.saveBook(ctx, b)
}

// remaining is what pending lien p still moves on this lien: its amount less what slashes
// absorbed, and the matching slashable amount (exact when nothing was absorbed).
func (e *lienEntry) remaining(p types.PendingLien) (math.Int, math.Int, error) {
	rem := remainingOf(p)
	if rem.Equal(p.Amount) {
		return rem, p.SlashableAmount, nil
	}
	remSlash, err := valuerange.MulFloor(rem, e.ratio)
	if err != nil {
		return rem, remSlash, errorsmod.Wrap(types.ErrAccounting, err.Error())
	}
	return rem, math.MinInt(remSlash, p.SlashableAmount), nil
}
