package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

// absorbPending charges what slashes and propagated burns took from a lien's pending part to the
// user's pending liens with that holder, oldest first. A later commit or rollback then moves only
// what is left of each, so the result does not depend on the order acknowledgements arrive in and
// a lien that a slash removed is never brought back by an old commit. It reads only the user's own
// pending liens.
func (k *Keeper) absorbPending(ctx context.Context, b *book) error {
	pending, err := k.pendingOf(ctx, b.owner)
	if err != nil || len(pending) == 0 {
		return err
	}
	remaining := map[string]math.Int{}
	for _, p := range pending {
		remaining[p.Holder] = remainingOf(p).Add(orZero(remaining[p.Holder]))
	}
	for _, p := range pending {
		cut := subFloor(remaining[p.Holder], b.pendingPart(p.Holder))
		if cut.IsZero() {
			continue
		}
		take := math.MinInt(cut, remainingOf(p))
		p.Absorbed = orZero(p.Absorbed).Add(take)
		remaining[p.Holder] = remaining[p.Holder].Sub(take)
		if err := k.PendingLiens.Set(ctx, p.Id, p); err != nil {
			return err
		}
	}
	return nil
}

// pendingPart is how much of the lien with holder is still pending (high - low), zero if the
// lien is gone.
func (b *book) pendingPart(holder string) math.Int {
	id, err := lienholder.ParseHolderID(holder)
	if err != nil {
		return math.ZeroInt()
	}
	if e := b.lien(id); e != nil {
		return e.amount.High.Sub(e.amount.Low)
	}
	return math.ZeroInt()
}

// pendingOf lists the user's pending liens in id order.
func (k *Keeper) pendingOf(ctx context.Context, owner sdk.AccAddress) ([]types.PendingLien, error) {
	var out []types.PendingLien
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, uint64](owner)
	err := k.PendingByOwner.Walk(ctx, rng, func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		p, err := k.PendingLiens.Get(ctx, key.K2())
		if err != nil {
			return true, err
		}
		out = append(out, p)
		return false, nil
	})
	return out, err
}

// remainingOf is what a pending lien would still add: its amount less what was absorbed.
func remainingOf(p types.PendingLien) math.Int { return subFloor(p.Amount, orZero(p.Absorbed)) }

func orZero(i math.Int) math.Int {
	if i.IsNil() {
		return math.ZeroInt()
	}
	return i
}
