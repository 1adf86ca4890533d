package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/converter/types"
	virtualstakingtypes "github.com/meshsecurity/mesh/virtualstaking/types"
)

var _ virtualstakingtypes.ConverterKeeper = (*Keeper)(nil)

// Pairings lists every pairing with its cap, closed flag and governance policy. The number of
// pairings is set by the authority and small.
func (k *Keeper) Pairings(ctx context.Context) ([]virtualstakingtypes.PairingView, error) {
	var out []virtualstakingtypes.PairingView
	err := k.PairingStore.Walk(ctx, nil, func(_ string, p types.ProviderPairing) (bool, error) {
		out = append(out, virtualstakingtypes.PairingView{
			ID: p.Id, MaxCap: p.MaxCap, Closed: p.Status == types.PAIRING_STATUS_CLOSED,
			Abstain: p.GovPolicy == types.GOV_POLICY_ABSTAIN,
		})
		return false, nil
	})
	return out, err
}

// IterateTargets walks the pairing's validators with requests in ascending order after
// startAfter, each with its total converted to local tokens at the current price and discount.
// While the price is stale it returns ErrStalePrice and calls fn for nothing.
func (k *Keeper) IterateTargets(ctx context.Context, pairingID, startAfter string, fn func(valoper string, local math.Int) (stop bool)) error {
	p, err := k.GetPairing(ctx, pairingID)
	if err != nil {
		return err
	}
	if p.Feed().Stale(sdk.UnwrapSDKContext(ctx).BlockTime()) {
		return types.ErrStalePrice.Wrapf("%q", pairingID)
	}
	price, _ := p.Feed().Rate()
	rng := collections.NewPrefixedPairRange[string, string](pairingID)
	if startAfter != "" {
		rng = rng.StartExclusive(startAfter)
	}
	iter, err := k.ValidatorTotals.Iterate(ctx, rng)
	if err != nil {
		return err
	}
	defer iter.Close()
	for ; iter.Valid(); iter.Next() {
		kv, err := iter.KeyValue()
		if err != nil {
			return err
		}
		local, err := types.Normalize(kv.Value, price, p.Adjustment())
		if err != nil {
			return err
		}
		if fn(kv.Key.K2(), local) {
			return nil
		}
	}
	return nil
}
