package keeper

import (
	"context"
	"errors"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// entry is one validator of a pairing to rebalance: its converted request (if any), whether the
// converter has requests on it (even ones whose value rounds to zero) and whether the pairing
// holds a target there.
type entry struct {
	valoper   string
	local     math.Int
	requested bool
	held      bool
}

// applyStep rebalances up to ValidatorsPerBlock validators of a pairing, in ascending order: those
// with requests and those where the pairing holds stake. The requests on a tombstoned or removed
// validator are handed back to the converter to end, up to UnwindBatch of them per block, and as
// each validator is visited once an epoch, at most UnwindBatch per validator per epoch; none end
// while the price is stale, when the converter lists no requests. When the
// pairing is done its rewards go to the converter, and an unwinding pairing has the converter
// unwind a batch of its requests.
func (k *Keeper) applyStep(ctx context.Context, params types.Params, view types.PairingView, run *types.EpochRun) (int, bool, error) {
	rp, err := k.RunPairings.Get(ctx, view.ID)
	if errors.Is(err, collections.ErrNotFound) {
		rp = types.RunPairing{Requested: math.ZeroInt(), Allowed: math.ZeroInt(), Applied: math.ZeroInt(), Stale: true}
	} else if err != nil {
		return 0, false, err
	}
	budget := int(params.ValidatorsPerBlock)
	entries, more, err := k.collect(ctx, view.ID, run.Cursor, budget, &rp)
	if err != nil {
		return 0, false, err
	}
	ending := params.UnwindBatch
	for _, e := range entries {
		if err := k.observeSlash(ctx, view.ID, e.valoper); err != nil {
			return 0, false, err
		}
		target, err := k.targetFor(ctx, view.ID, e, rp)
		if err != nil {
			return 0, false, err
		}
		if !rp.Stale && !rp.Unwind {
			target = math.MinInt(target, math.MaxInt(rp.Allowed.Sub(rp.Applied), math.ZeroInt()))
			rp.Applied = rp.Applied.Add(target)
		}
		k.guard(ctx, view.ID, e.valoper, func(ctx context.Context) error {
			return k.rebalance(ctx, params, view.ID, e.valoper, target)
		})
		if !rp.Stale && !e.local.IsPositive() {
			if err := k.Debts.Remove(ctx, collections.Join(view.ID, e.valoper)); err != nil {
				return 0, false, err
			}
		}
		if !rp.Stale && !rp.Unwind && e.requested && ending > 0 {
			k.guard(ctx, view.ID, e.valoper, func(ctx context.Context) error {
				ended, err := k.endRequestsIfGone(ctx, view.ID, e.valoper, ending)
				ending -= min(ended, ending)
				return err
			})
		}
		run.Cursor = e.valoper
	}
	if err := k.RunPairings.Set(ctx, view.ID, rp); err != nil {
		return 0, false, err
	}
	if more {
		return len(entries), false, nil
	}
	if err := k.finishPairing(ctx, params, view.ID, rp); err != nil {
		return len(entries), false, err
	}
	return len(entries), true, nil
}

// collect merges, after cursor, up to budget of the converter's requests with up to budget of the
// pairing's held targets, and returns the validators both lists are complete for, and whether
// any remain. A price that turned stale during the epoch makes the pairing keep its targets.
func (k *Keeper) collect(ctx context.Context, pairingID, cursor string, budget int, rp *types.RunPairing) ([]entry, bool, error) {
	byVal := map[string]*entry{}
	var reqBound, heldBound string
	if !rp.Stale && !rp.Unwind {
		n := 0
		err := k.converter.IterateTargets(ctx, pairingID, cursor, func(valoper string, local math.Int) bool {
			if n == budget {
				return true
			}
			byVal[valoper] = &entry{valoper: valoper, local: local, requested: true}
			reqBound = valoper
			n++
			return false
		})
		switch {
		case errors.Is(err, convertertypes.ErrStalePrice):
			rp.Stale = true
			byVal = map[string]*entry{}
			reqBound = ""
			if err := k.RunPairings.Set(ctx, pairingID, *rp); err != nil {
				return nil, false, err
			}
		case err != nil:
			return nil, false, err
		case n < budget:
			reqBound = ""
		}
	}
	held, heldFull, err := k.heldAfter(ctx, pairingID, cursor, budget)
	if err != nil {
		return nil, false, err
	}
	if heldFull {
		heldBound = held[len(held)-1]
	}
	for _, v := range held {
		if e, ok := byVal[v]; ok {
			e.held = true
		} else {
			byVal[v] = &entry{valoper: v, local: math.ZeroInt(), held: true}
		}
	}
	bound := minBound(reqBound, heldBound)
	out := make([]entry, 0, len(byVal))
	for _, e := range byVal {
		if bound == "" || e.valoper <= bound {
			out = append(out, *e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].valoper < out[j].valoper })
	return out, bound != "", nil
}

// heldAfter lists up to budget validators after cursor where the pairing holds a target, and
// whether the list may go on.
func (k *Keeper) heldAfter(ctx context.Context, pairingID, cursor string, budget int) ([]string, bool, error) {
	rng := collections.NewPrefixedPairRange[string, string](pairingID)
	if cursor != "" {
		rng = rng.StartExclusive(cursor)
	}
	it, err := k.Targets.Iterate(ctx, rng)
	if err != nil {
		return nil, false, err
	}
	defer it.Close()
	var out []string
	for ; it.Valid(); it.Next() {
		if len(out) == budget {
			return out, true, nil
		}
		key, err := it.Key()
		if err != nil {
			return nil, false, err
		}
		out = append(out, key.K2())
	}
	return out, false, nil
}

// minBound is the smaller of two bounds, where empty means unbounded.
func minBound(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || a < b:
		return a
	}
	return b
}

// targetFor is the target of one validator: nothing for an unwinding pairing, the last target for
// a stale one (at most what is still delegated), otherwise the request scaled by what the pairing is allowed over what it requested
// (floor).
func (k *Keeper) targetFor(ctx context.Context, pairingID string, e entry, rp types.RunPairing) (math.Int, error) {
	switch {
	case rp.Unwind:
		return math.ZeroInt(), nil
	case rp.Stale:
		t, err := k.Targets.Get(ctx, collections.Join(pairingID, e.valoper))
		if errors.Is(err, collections.ErrNotFound) {
			return math.ZeroInt(), nil
		} else if err != nil {
			return math.Int{}, err
		}
		// Kept, but a slash since is not minted back.
		value, err := k.bondedValue(ctx, pairingID, e.valoper)
		if err != nil {
			return math.Int{}, err
		}
		return math.MinInt(t, value), nil
	case !rp.Requested.IsPositive() || !e.local.IsPositive():
		return math.ZeroInt(), nil
	}
	net, err := k.net(ctx, pairingID, e.valoper, e.local)
	if err != nil {
		return math.Int{}, err
	}
	return net.Mul(rp.Allowed).Quo(rp.Requested), nil
}

// finishPairing hands the epoch's rewards of a pairing to the converter, has the converter unwind
// a batch of an unwinding pairing's requests, and records what the pairing is allowed.
func (k *Keeper) finishPairing(ctx context.Context, params types.Params, pairingID string, rp types.RunPairing) error {
	k.guard(ctx, pairingID, "", func(ctx context.Context) error { return k.distribute(ctx, pairingID) })
	supply, err := k.supply(ctx, pairingID)
	if err != nil {
		return err
	}
	switch {
	case rp.Unwind:
		supply.Allowed = math.ZeroInt()
		k.guard(ctx, pairingID, "", func(ctx context.Context) error {
			_, err := k.converter.UnwindRequests(ctx, pairingID, params.UnwindBatch)
			return err
		})
	case rp.Stale:
		supply.Allowed = math.MaxInt(supply.Allowed, supply.Targeted)
	default:
		supply.Allowed = rp.Allowed
	}
	return k.Supplies.Set(ctx, pairingID, supply)
}
