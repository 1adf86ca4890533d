package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// positionKey is the key of one user's position with one validator of one pairing.
func positionKey(pairing string, owner sdk.AccAddress, val string) collections.Triple[string, sdk.AccAddress, string] {
	return collections.Join3(pairing, owner, val)
}

// loadValidator returns the validator's record, a zero one if it was never reported.
func (k *Keeper) loadValidator(ctx context.Context, pairing, val string) (types.Validator, error) {
	v, err := k.Validators.Get(ctx, collections.Join(pairing, val))
	if errors.Is(err, collections.ErrNotFound) {
		return newValidator(), nil
	}
	return v, err
}

// loadPosition returns the user's position, a new one of the pairing's generation if none exists.
func (k *Keeper) loadPosition(ctx context.Context, p types.ConsumerPairing, owner sdk.AccAddress, val string) (types.Position, bool, error) {
	pos, err := k.Positions.Get(ctx, positionKey(p.Id, owner, val))
	if errors.Is(err, collections.ErrNotFound) {
		return newPosition(p.Generation), false, nil
	}
	return pos, err == nil, err
}

// openPosition returns the user's position for new stake, refusing a new one beyond the per-user
// bound.
func (k *Keeper) openPosition(ctx context.Context, p types.ConsumerPairing, owner sdk.AccAddress, val string) (types.Position, error) {
	pos, found, err := k.loadPosition(ctx, p, owner, val)
	if err != nil {
		return pos, err
	}
	if found && pos.Generation < p.Generation {
		return pos, types.ErrWrongPairingStatus.Wrapf("withdraw the stake with %q from before %q closed first", val, p.Id)
	}
	if found {
		return pos, nil
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return pos, err
	}
	count, err := k.positionCount(ctx, p.Id, owner)
	if err != nil {
		return pos, err
	}
	if count >= params.MaxPositionsPerUser {
		return pos, types.ErrTooManyPositions.Wrapf("%d positions in pairing %q", count, p.Id)
	}
	return pos, nil
}

// positionCount is how many positions the user holds in the pairing.
func (k *Keeper) positionCount(ctx context.Context, pairing string, owner sdk.AccAddress) (uint32, error) {
	n, err := k.PositionCount.Get(ctx, collections.Join(pairing, owner))
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return n, err
}

// savePosition stores the position, or removes it once it holds nothing and has no rewards
// left, keeping the user's position count in step.
func (k *Keeper) savePosition(ctx context.Context, pairing string, owner sdk.AccAddress, val string, v types.Validator, pos types.Position) error {
	key := positionKey(pairing, owner, val)
	found, err := k.Positions.Has(ctx, key)
	if err != nil {
		return err
	}
	count, err := k.positionCount(ctx, pairing, owner)
	if err != nil {
		return err
	}
	if isEmpty(pos) && earned(v, pos).IsZero() && pos.UnstakingShares.IsZero() {
		if !found {
			return nil
		}
		if err := k.Positions.Remove(ctx, key); err != nil {
			return err
		}
		return k.setPositionCount(ctx, pairing, owner, count-1)
	}
	if err := k.Positions.Set(ctx, key, pos); err != nil {
		return err
	}
	if found {
		return nil
	}
	return k.setPositionCount(ctx, pairing, owner, count+1)
}

// setPositionCount stores the count, removing it at zero.
func (k *Keeper) setPositionCount(ctx context.Context, pairing string, owner sdk.AccAddress, n uint32) error {
	key := collections.Join(pairing, owner)
	if n == 0 {
		return k.PositionCount.Remove(ctx, key)
	}
	return k.PositionCount.Set(ctx, key, n)
}

// userPositions lists the user's positions in the pairing; there are at most the per-user bound.
func (k *Keeper) userPositions(ctx context.Context, pairing string, owner sdk.AccAddress) ([]string, []types.Position, error) {
	rng := collections.NewSuperPrefixedTripleRange[string, sdk.AccAddress, string](pairing, owner)
	iter, err := k.Positions.Iterate(ctx, rng)
	if err != nil {
		return nil, nil, err
	}
	defer iter.Close()
	var vals []string
	var positions []types.Position
	for ; iter.Valid(); iter.Next() {
		kv, err := iter.KeyValue()
		if err != nil {
			return nil, nil, err
		}
		vals = append(vals, kv.Key.K3())
		positions = append(positions, kv.Value)
	}
	return vals, positions, nil
}

// entryValue is what an unbonding entry is worth after the validator's slashes recorded since
// seen: each slash of an infraction before the entry started, recorded before it released, takes
// the slash's nominal ratio of it, rounded down.
func entryValue(e types.Unbonding, slashes []types.SlashRecord) math.Int {
	amount := e.Amount
	for _, s := range slashes {
		if s.InfractionTime.Before(e.Start) && s.RecordedAt.Before(e.ReleaseAt) {
			amount = amount.Sub(s.Ratio.MulInt(amount).TruncateInt())
		}
	}
	return amount
}

// slashesSince returns the validator's slash records after index seen.
func (k *Keeper) slashesSince(ctx context.Context, pairing, val string, seen, count uint64) ([]types.SlashRecord, error) {
	var out []types.SlashRecord
	for i := seen + 1; i <= count; i++ {
		s, err := k.Slashes.Get(ctx, collections.Join3(pairing, val, i))
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// positionValue is the committed value of a position now: its shares and unbonding entries, after
// every recorded slash.
func (k *Keeper) positionValue(ctx context.Context, pairing, val string, pos types.Position) (math.Int, error) {
	v, err := k.loadValidator(ctx, pairing, val)
	if err != nil {
		return math.Int{}, err
	}
	slashes, err := k.slashesSince(ctx, pairing, val, pos.SlashSeen, v.SlashCount)
	if err != nil {
		return math.Int{}, err
	}
	total := tokensOf(v, pos.Shares)
	for _, e := range pos.Unbondings {
		total = total.Add(entryValue(e, slashes))
	}
	return total, nil
}

// materialize applies the slashes recorded since the position was last valued to its unbonding
// entries.
func (k *Keeper) materialize(ctx context.Context, pairing, val string, v types.Validator, pos *types.Position) error {
	if pos.SlashSeen >= v.SlashCount {
		return nil
	}
	slashes, err := k.slashesSince(ctx, pairing, val, pos.SlashSeen, v.SlashCount)
	if err != nil {
		return err
	}
	for i, e := range pos.Unbondings {
		pos.Unbondings[i].Amount = entryValue(e, slashes)
	}
	pos.SlashSeen = v.SlashCount
	return nil
}

// released reports whether an unbonding entry may leave now.
func released(p types.ConsumerPairing, pos types.Position, e types.Unbonding, now time.Time) bool {
	if pos.Generation < p.Generation {
		return true
	}
	return !p.ReleaseAt(e.ReleaseAt).After(now)
}

// bondedReleased reports whether bonded stake of the position may leave now: after the pairing
// closed and one unbonding period passed, or when the position belongs to an earlier generation.
func bondedReleased(p types.ConsumerPairing, pos types.Position, now time.Time) bool {
	if pos.Generation < p.Generation {
		return true
	}
	limit := p.ClosedRelease()
	return !limit.IsZero() && !limit.After(now)
}
