package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

// lienKey is the key of a lien: (user, canonical holder id).
type lienKey = collections.Pair[sdk.AccAddress, string]

// holderKey is the key of the holder index: (kind, key) of a holder id.
type holderKey = collections.Pair[string, string]

// LienIndexes are the indexes the liens collection keeps up to date on every write.
type LienIndexes struct {
	// ByHolder counts, for each holder, the users with a lien with it.
	ByHolder *HolderLienCount
}

// IndexesList implements collections.Indexes.
func (i LienIndexes) IndexesList() []collections.Index[lienKey, types.Lien] {
	return []collections.Index[lienKey, types.Lien]{i.ByHolder}
}

// HolderLienCount maps a holder (kind, key) to the number of users with a lien with it; a holder
// with none has no entry. It changes only when a lien is created or removed, never when one is
// rewritten, so it costs a lien write one extra read (of the lien as stored).
type HolderLienCount struct {
	// Counts holds the number of liens by holder.
	Counts collections.Map[holderKey, uint64]
}

func newHolderLienCount(sb *collections.SchemaBuilder) *HolderLienCount {
	return &HolderLienCount{Counts: collections.NewMap(sb, types.HolderLiensKey, "holder_liens",
		collections.PairKeyCodec(collections.StringKey, collections.StringKey), collections.Uint64Value)}
}

// Reference implements collections.Index: a lien stored for the first time adds one to its holder.
func (h *HolderLienCount) Reference(ctx context.Context, pk lienKey, _ types.Lien, old func() (types.Lien, error)) error {
	if _, err := old(); !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	return h.add(ctx, pk.K2(), 1)
}

// Unreference implements collections.Index: a stored lien that is removed takes one from its holder.
func (h *HolderLienCount) Unreference(ctx context.Context, pk lienKey, old func() (types.Lien, error)) error {
	if _, err := old(); errors.Is(err, collections.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	return h.add(ctx, pk.K2(), -1)
}

// add moves the holder's count by delta, deleting the entry when it reaches zero.
func (h *HolderLienCount) add(ctx context.Context, holder string, delta int) error {
	id, err := lienholder.ParseHolderID(holder)
	if err != nil {
		return err
	}
	key := collections.Join(id.Kind, id.Key)
	n, err := h.Counts.Get(ctx, key)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	switch {
	case delta < 0 && n == 0:
		return errorsmod.Wrapf(types.ErrAccounting, "holder index: %s has no lien to remove", holder)
	case delta < 0 && n == 1:
		return h.Counts.Remove(ctx, key)
	case delta < 0:
		return h.Counts.Set(ctx, key, n-1)
	default:
		return h.Counts.Set(ctx, key, n+1)
	}
}

// checkHolderIndex checks that the holder index counts exactly the stored liens.
func (k *Keeper) checkHolderIndex(ctx context.Context) error {
	want := map[string]uint64{}
	err := k.Liens.Walk(ctx, nil, func(key lienKey, _ types.Lien) (bool, error) {
		want[key.K2()]++
		return false, nil
	})
	if err != nil {
		return err
	}
	err = k.HolderLiens.Walk(ctx, nil, func(key holderKey, n uint64) (bool, error) {
		holder := lienholder.HolderID{Kind: key.K1(), Key: key.K2()}.String()
		if want[holder] != n {
			return true, fmt.Errorf("holder index: %s counts %d liens, %d are stored", holder, n, want[holder])
		}
		delete(want, holder)
		return false, nil
	})
	if err != nil {
		return err
	}
	if len(want) != 0 {
		return fmt.Errorf("holder index: %d holders with liens have no entry", len(want))
	}
	return nil
}
