package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

// setPending stores a pending lien and indexes it by owner.
func (k *Keeper) setPending(ctx context.Context, owner sdk.AccAddress, p types.PendingLien) error {
	if err := k.PendingLiens.Set(ctx, p.Id, p); err != nil {
		return err
	}
	return k.PendingByOwner.Set(ctx, collections.Join(owner, p.Id))
}

// takePending loads pending lien id for holder and removes it, failing with ErrUnknownPendingLien
// or ErrForeignPendingLien.
func (k *Keeper) takePending(ctx context.Context, holder lienholder.HolderID, id uint64) (types.PendingLien, sdk.AccAddress, error) {
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
	if err := k.PendingLiens.Remove(ctx, id); err != nil {
		return p, nil, err
	}
	return p, owner, k.PendingByOwner.Remove(ctx, collections.Join(sdk.AccAddress(owner), id))
}

// CommitLien completes a pending lien. If a slash lowered the lien meanwhile, the commit saturates
// at what the slash left (reference 12.2 item 15 fixed); if the slash removed the lien, it is a
// no-op.
func (k *Keeper) CommitLien(ctx context.Context, holder lienholder.HolderID, id uint64) error {
	p, owner, err := k.takePending(ctx, holder, id)
	if err != nil {
		return err
	}
	b, err := k.settle(ctx, owner)
	if err != nil {
		return err
	}
	if e := b.lien(holder); e != nil {
		if e.amount, err = e.amount.CommitAddClamped(p.Amount); err != nil {
			return errorsmod.Wrap(types.ErrAccounting, err.Error())
		}
		if e.slashable, err = e.slashable.CommitAddClamped(p.SlashableAmount); err != nil {
			return errorsmod.Wrap(types.ErrAccounting, err.Error())
		}
	}
	if err := k.saveBook(ctx, b); err != nil {
		return err
	}
	return emit(ctx, &types.EventLienCommitted{Owner: p.Owner, Holder: p.Holder, Amount: p.Amount.String(), PendingId: id})
}

// RollbackLien cancels a pending lien: the lien shrinks back (never below what is committed) and
// is removed if nothing is left.
func (k *Keeper) RollbackLien(ctx context.Context, holder lienholder.HolderID, id uint64) error {
	p, owner, err := k.takePending(ctx, holder, id)
	if err != nil {
		return err
	}
	b, err := k.settle(ctx, owner)
	if err != nil {
		return err
	}
	if e := b.lien(holder); e != nil {
		if e.amount, err = e.amount.RollbackAddSaturating(p.Amount); err != nil {
			return errorsmod.Wrap(types.ErrAccounting, err.Error())
		}
		if e.slashable, err = e.slashable.RollbackAddSaturating(p.SlashableAmount); err != nil {
			return errorsmod.Wrap(types.ErrAccounting, err.Error())
		}
	}
	if err := k.saveBook(ctx, b); err != nil {
		return err
	}
	return emit(ctx, &types.EventLienRolledBack{Owner: p.Owner, Holder: p.Holder, Amount: p.Amount.String(), PendingId: id})
}
