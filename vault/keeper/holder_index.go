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

// countHolder moves the holder index's count of users with a lien with id by delta, deleting the
// entry when it reaches zero. saveLien calls it when it stores a lien for the first time (+1) or
// removes one (-1), so rewriting a lien costs the index nothing.
func (k *Keeper) countHolder(ctx context.Context, id lienholder.HolderID, delta int) error {
	key := collections.Join(id.Kind, id.Key)
	n, err := k.HolderLiens.Get(ctx, key)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	switch {
	case delta < 0 && n == 0:
		return errorsmod.Wrapf(types.ErrAccounting, "holder index: %s has no lien to remove", id)
	case delta < 0 && n == 1:
		return k.HolderLiens.Remove(ctx, key)
	case delta < 0:
		return k.HolderLiens.Set(ctx, key, n-1)
	default:
		return k.HolderLiens.Set(ctx, key, n+1)
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
