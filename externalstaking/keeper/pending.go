package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// setPendingTx stores a pending operation and indexes it under its pairing and owner.
func (k *Keeper) setPendingTx(ctx context.Context, tx types.PendingTx) error {
	if err := k.PendingTxs.Set(ctx, tx.Id, tx); err != nil {
		return err
	}
	return k.PendingByUser.Set(ctx, collections.Join3(tx.Pairing, tx.Owner, tx.Id))
}

// removePendingTx removes a pending operation and its index entry.
func (k *Keeper) removePendingTx(ctx context.Context, tx types.PendingTx) error {
	if err := k.PendingTxs.Remove(ctx, tx.Id); err != nil {
		return err
	}
	return k.PendingByUser.Remove(ctx, collections.Join3(tx.Pairing, tx.Owner, tx.Id))
}

// userPendingIDs lists the ids of the user's pending operations in the pairing.
func (k *Keeper) userPendingIDs(ctx context.Context, pairing, owner string) ([]uint64, error) {
	rng := collections.NewSuperPrefixedTripleRange[string, string, uint64](pairing, owner)
	iter, err := k.PendingByUser.Iterate(ctx, rng)
	if err != nil {
		return nil, err
	}
	defer iter.Close()
	keys, err := iter.Keys()
	if err != nil {
		return nil, err
	}
	ids := make([]uint64, len(keys))
	for i, key := range keys {
		ids[i] = key.K3()
	}
	return ids, nil
}

// hasPendingTxs reports whether any operation of the pairing is still pending.
func (k *Keeper) hasPendingTxs(ctx context.Context, pairing string) (bool, error) {
	rng := collections.NewPrefixedTripleRange[string, string, uint64](pairing)
	iter, err := k.PendingByUser.Iterate(ctx, rng)
	if err != nil {
		return false, err
	}
	defer iter.Close()
	return iter.Valid(), nil
}

// rollBackAbandoned rolls back the user's operations still pending in a closed pairing once its
// release time has passed: their packets were dropped or can no longer be answered (a halted
// consumer's timeout can never be proven), so nothing else would ever settle them.
func (k *Keeper) rollBackAbandoned(ctx sdk.Context, p types.ConsumerPairing, owner sdk.AccAddress) error {
	limit := p.ClosedRelease()
	if p.Status != types.PAIRING_STATUS_CLOSED || limit.IsZero() || limit.After(ctx.BlockTime()) {
		return nil
	}
	ids, err := k.userPendingIDs(ctx, p.Id, owner.String())
	if err != nil {
		return err
	}
	for _, id := range ids {
		k.abandonTx(ctx, p.ChannelId, 0, id, false)
	}
	return nil
}

// AbandonPendingTxs rolls back up to limit operations still pending in a closed pairing whose
// release time has passed, as each user's own withdrawal would (rollBackAbandoned), so that the
// pairing can reopen without waiting for every such user. It returns how many it abandoned and
// whether more remain; the cost is bounded by limit.
func (k *Keeper) AbandonPendingTxs(ctx sdk.Context, id string, limit uint32) (uint32, bool, error) {
	p, err := k.GetPairing(ctx, id)
	if err != nil {
		return 0, false, err
	}
	release := p.ClosedRelease()
	if p.Status != types.PAIRING_STATUS_CLOSED || release.IsZero() || release.After(ctx.BlockTime()) {
		return 0, false, types.ErrWrongPairingStatus.Wrapf("%q is not closed past its release time", id)
	}
	iter, err := k.PendingByUser.Iterate(ctx, collections.NewPrefixedTripleRange[string, string, uint64](id))
	if err != nil {
		return 0, false, err
	}
	var ids []uint64
	for ; iter.Valid() && len(ids) <= int(limit); iter.Next() {
		key, err := iter.Key()
		if err != nil {
			iter.Close()
			return 0, false, err
		}
		ids = append(ids, key.K3())
	}
	iter.Close()
	more := len(ids) > int(limit)
	if more {
		ids = ids[:limit]
	}
	for _, tx := range ids {
		k.abandonTx(ctx, p.ChannelId, 0, tx, false)
	}
	return uint32(len(ids)), more, nil
}
