package keeper

import (
	"context"
	"sort"

	errorsmod "cosmossdk.io/errors"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

// registration is one registered holder kind.
type registration struct {
	kind      string
	holder    lienholder.LienHolder
	custody   lienholder.Custody
	module    string
	custodial lienholder.CustodialHolder
}

// registry maps holder kinds to their keepers. It is shared by every copy of the keeper.
type registry struct {
	byKind map[string]*registration
}

func newRegistry() *registry { return &registry{byKind: map[string]*registration{}} }

// RegisterHolder routes every HolderID of kind to holder and returns the handle the holder uses to
// act on the vault. Call it once per kind while building the app, before the first block.
func (k *Keeper) RegisterHolder(kind string, holder lienholder.LienHolder) (lienholder.Vault, error) {
	if err := (lienholder.HolderID{Kind: kind}).Validate(); err != nil {
		return nil, err
	}
	if holder == nil {
		return nil, errorsmod.Wrapf(types.ErrUnknownHolder, "nil holder for kind %q", kind)
	}
	if _, dup := k.holders.byKind[kind]; dup {
		return nil, errorsmod.Wrapf(types.ErrDuplicateHolder, "kind %q", kind)
	}
	reg := &registration{kind: kind, holder: holder, custody: holder.Custody()}
	if !reg.custody.Valid() {
		return nil, errorsmod.Wrapf(types.ErrUnknownHolder, "kind %q declares no custody", kind)
	}
	if reg.custody == lienholder.Custodial {
		custodial, ok := holder.(lienholder.CustodialHolder)
		if !ok || custodial.CustodyModule() == "" {
			return nil, errorsmod.Wrapf(types.ErrUnknownHolder,
				"custodial kind %q must name its custody module account", kind)
		}
		reg.module, reg.custodial = custodial.CustodyModule(), custodial
	}
	k.holders.byKind[kind] = reg
	return &handle{k: k, kind: kind}, nil
}

// HolderKinds lists the registered kinds in ascending order.
func (k *Keeper) HolderKinds() []string {
	kinds := make([]string, 0, len(k.holders.byKind))
	for kind := range k.holders.byKind {
		kinds = append(kinds, kind)
	}
	sort.Strings(kinds)
	return kinds
}

// lookup returns the registration for a holder, or ErrUnknownHolder.
func (k *Keeper) lookup(id lienholder.HolderID) (*registration, error) {
	reg, ok := k.holders.byKind[id.Kind]
	if !ok {
		return nil, errorsmod.Wrapf(types.ErrUnknownHolder, "no holder registered for kind %q", id.Kind)
	}
	return reg, nil
}

// checkKey refuses a holder key the kind does not serve: kinds without KeyedHolder serve only the
// empty key.
func (k *Keeper) checkKey(ctx context.Context, reg *registration, id lienholder.HolderID) error {
	keyed, ok := reg.holder.(lienholder.KeyedHolder)
	if !ok {
		if id.Key != "" {
			return errorsmod.Wrapf(types.ErrUnknownHolder, "kind %q has no holder %q", id.Kind, id.Key)
		}
		return nil
	}
	if err := recoverAs(id.String()+" ValidateKey", func() error { return keyed.ValidateKey(ctx, id.Key) }); err != nil {
		return errorsmod.Wrapf(types.ErrUnknownHolder, "%s: %s", id, err)
	}
	return nil
}

// validateWithHolders asks every registered holder that implements types.ParamsValidator whether
// it can work with p, in kind order, and returns the first refusal.
func (k *Keeper) validateWithHolders(ctx context.Context, p types.Params) error {
	for _, kind := range k.HolderKinds() {
		if v, ok := k.holders.byKind[kind].holder.(types.ParamsValidator); ok {
			if err := v.ValidateVaultParams(ctx, p); err != nil {
				return err
			}
		}
	}
	return nil
}
