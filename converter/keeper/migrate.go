package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
)

// MigrateRequestIndex writes the index of delegators per pairing and validator from the requests:
// the migration of a state written before the index was kept. An entry left without its request is
// dropped.
func (k *Keeper) MigrateRequestIndex(ctx context.Context) error {
	var stale []collections.Triple[string, string, string]
	err := k.RequestIndex.Walk(ctx, nil, func(index collections.Triple[string, string, string]) (bool, error) {
		has, err := k.Requests.Has(ctx, collections.Join3(index.K1(), index.K3(), index.K2()))
		if !has {
			stale = append(stale, index)
		}
		return err != nil, err
	})
	if err != nil {
		return err
	}
	for _, index := range stale {
		if err := k.RequestIndex.Remove(ctx, index); err != nil {
			return err
		}
	}
	return k.Requests.Walk(ctx, nil, func(key collections.Triple[string, string, string], _ math.Int) (bool, error) {
		err := k.RequestIndex.Set(ctx, collections.Join3(key.K1(), key.K3(), key.K2()))
		return err != nil, err
	})
}
