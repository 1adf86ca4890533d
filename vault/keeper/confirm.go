package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

// unconfirmedOf returns the user's applied but unacknowledged losses by canonical holder id.
func (k *Keeper) unconfirmedOf(ctx context.Context, owner sdk.AccAddress) (map[string]math.Int, error) {
	out := map[string]math.Int{}
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, string](owner)
	err := k.UnconfirmedLosses.Walk(ctx, rng, func(key collections.Pair[sdk.AccAddress, string], amount math.Int) (bool, error) {
		out[key.K2()] = amount
		return false, nil
	})
	return out, err
}

// confirmation is one SlashSettled the vault owes a holder.
type confirmation struct {
	reg    *registration
	id     lienholder.HolderID
	amount math.Int
}

// confirmLosses tells each holder the loss the vault has applied for it: what this settlement
// applied plus what an earlier SlashSettled failed to acknowledge. Each call runs in its own cache
// context. A holder that fails (an error, a panic, or a call back about the user, which the vault
// refuses) keeps its loss applied: the failure is logged and emitted, and the loss is recorded as
// unconfirmed, so the vault neither applies it again nor stops retrying the notification. One
// failing holder therefore cannot block a user's settlement.
func (k *Keeper) confirmLosses(ctx context.Context, owner sdk.AccAddress, settled []settledLoss, unconfirmed map[string]math.Int) error {
	owed := make([]confirmation, 0, len(settled)+len(unconfirmed))
	seen := map[string]bool{}
	for _, s := range settled {
		key := s.id.String()
		seen[key] = true
		owed = append(owed, confirmation{reg: s.reg, id: s.id, amount: s.loss.Add(orZero(unconfirmed[key]))})
	}
	for _, key := range sortedKeys(unconfirmed) {
		id, err := lienholder.ParseHolderID(key)
		if seen[key] || err != nil {
			continue
		}
		if reg, known := k.holders.byKind[id.Kind]; known {
			owed = append(owed, confirmation{reg: reg, id: id, amount: unconfirmed[key]})
		}
	}
	for _, c := range owed {
		if err := k.confirm(ctx, owner, c, unconfirmed[c.id.String()]); err != nil {
			return err
		}
	}
	return nil
}

// confirm calls the holder's SlashSettled in a cache context and records the outcome.
func (k *Keeper) confirm(ctx context.Context, owner sdk.AccAddress, c confirmation, wasUnconfirmed math.Int) error {
	key := collections.Join(owner, c.id.String())
	cacheCtx, write := sdk.UnwrapSDKContext(ctx).CacheContext()
	err := callHolder(cacheCtx, owner, c.id, "SlashSettled", 0, func(ctx context.Context) error {
		return c.reg.holder.SlashSettled(ctx, c.id, owner, c.amount)
	})
	if err == nil {
		write()
		if wasUnconfirmed.IsNil() {
			return nil
		}
		return k.UnconfirmedLosses.Remove(ctx, key)
	}
	k.Logger(ctx).Error("slash settled not acknowledged", "owner", owner.String(), "holder", c.id.String(), "error", err)
	if err := k.emit(ctx, &types.EventSettlementFailed{
		Owner: owner.String(), Error: "slash settled on " + c.id.String() + ": " + err.Error(),
	}); err != nil {
		return err
	}
	return k.UnconfirmedLosses.Set(ctx, key, c.amount)
}
