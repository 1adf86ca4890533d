package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// MigrateBookings books every delegation at its value today and, per pairing, books as rounded
// supply what its outstanding supply differs from those bookings plus its unbonding and matured
// tokens: the migration of a state written before bookings were kept. Afterwards the outstanding
// supply is exactly the books, and each delegation's live value is its booking.
func (k *Keeper) MigrateBookings(ctx context.Context) error {
	var pairings []string
	err := k.Supplies.Walk(ctx, nil, func(id string, _ types.PairingSupply) (bool, error) {
		pairings = append(pairings, id)
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, id := range pairings {
		if err := k.migratePairingBookings(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// migratePairingBookings books a pairing's delegations and its gap to the outstanding supply.
func (k *Keeper) migratePairingBookings(ctx context.Context, pairingID string) error {
	var valopers []string
	err := k.Targets.Walk(ctx, collections.NewPrefixedPairRange[string, string](pairingID),
		func(key collections.Pair[string, string], _ math.Int) (bool, error) {
			valopers = append(valopers, key.K2())
			return false, nil
		})
	if err != nil {
		return err
	}
	for _, valoper := range valopers {
		if err := k.book(ctx, pairingID, valoper); err != nil {
			return err
		}
	}
	f, err := k.supplyFigures(ctx, pairingID)
	if err != nil {
		return err
	}
	supply, err := k.Supplies.Get(ctx, pairingID)
	if err != nil {
		return err
	}
	addRounded(&supply, supply.Outstanding().Sub(f.books))
	return k.Supplies.Set(ctx, pairingID, supply)
}
