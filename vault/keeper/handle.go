package keeper

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
)

// handle is the lienholder.Vault a registered holder kind receives; it can only name holders of
// its own kind. Every call runs in its own cache context and writes only on success, so a failed
// call changes nothing even when the holder calls from an acknowledgement or a block hook.
type handle struct {
	k    *Keeper
	kind string
}

var _ lienholder.Vault = (*handle)(nil)

// Kind returns the kind the handle is bound to.
func (h *handle) Kind() string { return h.kind }

func (h *handle) id(key string) (lienholder.HolderID, error) {
	id := lienholder.HolderID{Kind: h.kind, Key: key}
	return id, id.Validate()
}

// Release implements lienholder.Vault.
func (h *handle) Release(ctx context.Context, key string, owner sdk.AccAddress, amount math.Int) error {
	id, err := h.id(key)
	if err != nil {
		return err
	}
	if err := checkReentry(ctx, owner, 0); err != nil {
		return err
	}
	return h.k.atomic(ctx, func(ctx context.Context) error { return h.k.Release(ctx, id, owner, amount) })
}

// CommitLien implements lienholder.Vault.
func (h *handle) CommitLien(ctx context.Context, key string, txID uint64) error {
	id, err := h.id(key)
	if err != nil {
		return err
	}
	if err := h.k.checkPendingReentry(ctx, txID); err != nil {
		return err
	}
	return h.k.atomic(ctx, func(ctx context.Context) error { return h.k.CommitLien(ctx, id, txID) })
}

// RollbackLien implements lienholder.Vault.
func (h *handle) RollbackLien(ctx context.Context, key string, txID uint64) error {
	id, err := h.id(key)
	if err != nil {
		return err
	}
	if err := h.k.checkPendingReentry(ctx, txID); err != nil {
		return err
	}
	return h.k.atomic(ctx, func(ctx context.Context) error { return h.k.RollbackLien(ctx, id, txID) })
}

// AddCustodied implements lienholder.Vault.
func (h *handle) AddCustodied(ctx context.Context, key string, owner sdk.AccAddress, amount math.Int) error {
	id, err := h.id(key)
	if err != nil {
		return err
	}
	if err := checkReentry(ctx, owner, 0); err != nil {
		return err
	}
	return h.k.atomic(ctx, func(ctx context.Context) error { return h.k.AddCustodied(ctx, id, owner, amount) })
}

// ReportSlash implements lienholder.Vault.
func (h *handle) ReportSlash(ctx context.Context, key string, owner sdk.AccAddress) error {
	if _, err := h.id(key); err != nil {
		return err
	}
	if err := checkReentry(ctx, owner, 0); err != nil {
		return err
	}
	return h.k.atomic(ctx, func(ctx context.Context) error { return h.k.Settle(ctx, owner) })
}

// PendingLeft implements lienholder.Vault.
func (h *handle) PendingLeft(ctx context.Context, key string, txID uint64) (math.Int, error) {
	id, err := h.id(key)
	if err != nil {
		return math.Int{}, err
	}
	if err := h.k.checkPendingReentry(ctx, txID); err != nil {
		return math.Int{}, err
	}
	var left math.Int
	err = h.k.atomic(ctx, func(ctx context.Context) error {
		var err error
		left, err = h.k.PendingLeft(ctx, id, txID)
		return err
	})
	return left, err
}

// QueueSettlement implements lienholder.Vault. It is allowed from any holder call: it only marks the
// user for a later settlement.
func (h *handle) QueueSettlement(ctx context.Context, owner sdk.AccAddress) error {
	return h.k.SettlementQueue.Set(ctx, owner)
}

// checkPendingReentry applies checkReentry to the owner of pending lien txID; an unknown id is
// left to the operation to report.
func (k *Keeper) checkPendingReentry(ctx context.Context, txID uint64) error {
	p, err := k.PendingLiens.Get(ctx, txID)
	if err != nil {
		return nil
	}
	owner, err := k.addressCodec.StringToBytes(p.Owner)
	if err != nil {
		return nil
	}
	return checkReentry(ctx, owner, txID)
}

// atomic runs fn in a cache context and writes its changes only if it succeeds.
func (k *Keeper) atomic(ctx context.Context, fn func(context.Context) error) error {
	cacheCtx, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	if err := fn(cacheCtx); err != nil {
		return err
	}
	write()
	return nil
}
