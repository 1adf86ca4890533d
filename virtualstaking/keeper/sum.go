package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// sumStep adds up to ValidatorsPerBlock of a pairing's converted requests to its running total. A
// pairing capped to zero, closed or handed over for unwinding needs no sum; one whose price is
// stale keeps its last targets.
func (k *Keeper) sumStep(ctx context.Context, params types.Params, view types.PairingView, run *types.EpochRun) (int, bool, error) {
	rp, err := k.runPairing(ctx, view.ID)
	if err != nil {
		return 0, false, err
	}
	supply, err := k.supply(ctx, view.ID)
	if err != nil {
		return 0, false, err
	}
	if view.Closed || !view.MaxCap.IsPositive() || supply.Unwinding {
		rp.Unwind = true
		return 1, true, k.RunPairings.Set(ctx, view.ID, rp)
	}
	budget := int(params.ValidatorsPerBlock)
	used, stopped := 0, false
	var inner error
	err = k.converter.IterateTargets(ctx, view.ID, run.Cursor, func(valoper string, local math.Int) bool {
		if used == budget {
			stopped = true
			return true
		}
		net, err := k.net(ctx, view.ID, valoper, local)
		if err != nil {
			inner = err
			return true
		}
		rp.Requested = rp.Requested.Add(net)
		run.Cursor = valoper
		used++
		return false
	})
	if errors.Is(err, convertertypes.ErrStalePrice) {
		rp.Stale = true
		return 1, true, k.RunPairings.Set(ctx, view.ID, rp)
	}
	if err != nil || inner != nil {
		return used, false, errors.Join(err, inner)
	}
	return used, !stopped, k.RunPairings.Set(ctx, view.ID, rp)
}

// runPairing returns the running epoch's record of a pairing, empty if none.
func (k *Keeper) runPairing(ctx context.Context, pairingID string) (types.RunPairing, error) {
	rp, err := k.RunPairings.Get(ctx, pairingID)
	if errors.Is(err, collections.ErrNotFound) {
		return types.RunPairing{Requested: math.ZeroInt(), Allowed: math.ZeroInt(), Applied: math.ZeroInt()}, nil
	}
	return rp, err
}

// allow decides what each pairing may hold this epoch: its requests, at most its cap, and over all
// pairings at most the chain-wide limit. Pairings with a stale price keep what they hold; the
// others share what the limit leaves, each scaled down by the same ratio (floor).
func (k *Keeper) allow(ctx context.Context, params types.Params, views []types.PairingView) error {
	limit, err := k.chainLimit(ctx, params)
	if err != nil {
		return err
	}
	fixed, wanted := math.ZeroInt(), math.ZeroInt()
	capped := make(map[string]math.Int, len(views))
	for _, v := range views {
		rp, err := k.runPairing(ctx, v.ID)
		if err != nil {
			return err
		}
		switch {
		case rp.Unwind:
		case rp.Stale:
			s, err := k.supply(ctx, v.ID)
			if err != nil {
				return err
			}
			fixed = fixed.Add(s.Targeted)
		default:
			c := math.MinInt(rp.Requested, v.MaxCap)
			capped[v.ID] = c
			wanted = wanted.Add(c)
		}
	}
	available := math.MaxInt(limit.Sub(fixed), math.ZeroInt())
	for _, v := range views {
		c, ok := capped[v.ID]
		if !ok {
			continue
		}
		if wanted.GT(available) {
			c = c.Mul(available).Quo(wanted)
		}
		rp, err := k.runPairing(ctx, v.ID)
		if err != nil {
			return err
		}
		rp.Allowed = c
		if err := k.RunPairings.Set(ctx, v.ID, rp); err != nil {
			return err
		}
	}
	return nil
}

// chainLimit is the most virtual stake all pairings may hold together: virtual over virtual plus
// real bonded tokens at most MaxVirtualFraction, so at most real × f / (1 − f) (floor).
func (k *Keeper) chainLimit(ctx context.Context, params types.Params) (math.Int, error) {
	bonded, err := k.staking.TotalBondedTokens(ctx)
	if err != nil {
		return math.Int{}, err
	}
	virtual, err := k.VirtualTokensOnBonded(ctx)
	if err != nil {
		return math.Int{}, err
	}
	real := math.MaxInt(bonded.Sub(virtual), math.ZeroInt())
	f := params.MaxVirtualFraction
	return math.LegacyNewDecFromInt(real).Mul(f).Quo(math.LegacyOneDec().Sub(f)).TruncateInt(), nil
}
