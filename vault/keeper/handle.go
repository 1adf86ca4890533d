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
	return h.k.atomic(ctx, func(ctx context.Context) error { return h.k.Release(ctx, id, owner, amount) })
}

// CommitLien implements lienholder.Vault.
func (h *handle) CommitLien(ctx context.Context, key string, txID uint64) error {
	id, err := h.id(key)
	if err != nil {
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
	return h.k.atomic(ctx, func(ctx context.Context) error { return h.k.RollbackLien(ctx, id, txID) })
}

// AddCustodied implements lienholder.Vault.
func (h *handle) AddCustodied(ctx context.Context, key string, owner sdk.AccAddress, amount math.Int) error {
	id, err := h.id(key)
	if err != nil {
		return err
	}
	return h.k.atomic(ctx, func(ctx context.Context) error { return h.k.AddCustodied(ctx, id, owner, amount) })
}

// ReportSlash implements lienholder.Vault.
func (h *handle) ReportSlash(ctx context.Context, key string, owner sdk.AccAddress) error {
	if _, err := h.id(key); err != nil {
		return err
	}
	return h.k.atomic(ctx, func(ctx context.Context) error { return h.k.Settle(ctx, owner) })
}

// QueueSettlement implements lienholder.Vault.
func (h *handle) QueueSettlement(ctx context.Context, owner sdk.AccAddress) error {
	return h.k.SettlementQueue.Set(ctx, owner)
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
