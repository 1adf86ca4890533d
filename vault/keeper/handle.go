package keeper

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
)

// handle is the lienholder.Vault a registered holder kind receives; it can only name holders of
// its own kind.
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
	return h.k.Release(ctx, id, owner, amount)
}

// CommitLien implements lienholder.Vault.
func (h *handle) CommitLien(ctx context.Context, key string, txID uint64) error {
	id, err := h.id(key)
	if err != nil {
		return err
	}
	return h.k.CommitLien(ctx, id, txID)
}

// RollbackLien implements lienholder.Vault.
func (h *handle) RollbackLien(ctx context.Context, key string, txID uint64) error {
	id, err := h.id(key)
	if err != nil {
		return err
	}
	return h.k.RollbackLien(ctx, id, txID)
}

// AddCustodied implements lienholder.Vault.
func (h *handle) AddCustodied(ctx context.Context, key string, owner sdk.AccAddress, amount math.Int) error {
	id, err := h.id(key)
	if err != nil {
		return err
	}
	return h.k.AddCustodied(ctx, id, owner, amount)
}

// ReportSlash implements lienholder.Vault.
func (h *handle) ReportSlash(ctx context.Context, key string, owner sdk.AccAddress) error {
	if _, err := h.id(key); err != nil {
		return err
	}
	return h.k.Settle(ctx, owner)
}

// QueueSettlement implements lienholder.Vault.
func (h *handle) QueueSettlement(ctx context.Context, owner sdk.AccAddress) error {
	return h.k.SettlementQueue.Set(ctx, owner)
}
