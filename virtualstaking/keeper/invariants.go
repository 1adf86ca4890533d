package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// RegisterInvariants registers the module's invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k *Keeper) {
	ir.RegisterRoute(types.ModuleName, "within-allowance", func(ctx sdk.Context) (string, bool) {
		return report("within-allowance", k.CheckAllowance(ctx))
	})
	ir.RegisterRoute(types.ModuleName, "supply-matches-delegations", func(ctx sdk.Context) (string, bool) {
		return report("supply-matches-delegations", k.CheckSupply(ctx))
	})
}

// report formats an invariant's result.
func report(name string, err error) (string, bool) {
	if err != nil {
		return sdk.FormatInvariant(types.ModuleName, name, err.Error()), true
	}
	return sdk.FormatInvariant(types.ModuleName, name, "ok"), false
}

// CheckAllowance checks that each pairing's targets sum to its recorded total and, between epochs,
// that the total is within what the last epoch allowed it (its cap and its share of the
// chain-wide limit); while an epoch runs, targets it has not reached yet are still the old ones.
func (k *Keeper) CheckAllowance(ctx context.Context) error {
	run, err := k.Run.Get(ctx)
	if err != nil {
		return err
	}
	idle := run.Phase == types.EPOCH_PHASE_IDLE
	return k.Supplies.Walk(ctx, nil, func(id string, s types.PairingSupply) (bool, error) {
		sum := math.ZeroInt()
		err := k.Targets.Walk(ctx, collections.NewPrefixedPairRange[string, string](id),
			func(_ collections.Pair[string, string], v math.Int) (bool, error) {
				sum = sum.Add(v)
				return false, nil
			})
		if err != nil {
			return true, err
		}
		if !sum.Equal(s.Targeted) {
			return true, types.ErrInvariantBroken.Wrapf("pairing %s: targets sum to %s, recorded %s", id, sum, s.Targeted)
		}
		if idle && s.Targeted.GT(s.Allowed) {
			return true, types.ErrInvariantBroken.Wrapf("pairing %s: targets %s over allowance %s", id, s.Targeted, s.Allowed)
		}
		return false, nil
	})
}

// CheckSupply checks that each pairing's minted minus burned, slashed and rounded is exactly the
// booked value of its delegations plus its unbonding entries and what matured and waits to be
// swept, and that the live value (each delegation floored at today's exchange rate) is at most one
// unit per delegation it holds below that. Others' delegations dilute a floored value by far less
// than a unit; others' undelegations leave it the fractions x/staking floors away from them, which
// may add up to several units before the next rebalance books them, so the live value has no
// such bound above (SupplyDrift measures it).
func (k *Keeper) CheckSupply(ctx context.Context) error {
	return k.Supplies.Walk(ctx, nil, func(id string, s types.PairingSupply) (bool, error) {
		f, err := k.supplyFigures(ctx, id)
		if err != nil {
			return true, err
		}
		if !s.Outstanding().Equal(f.books) {
			return true, types.ErrInvariantBroken.Wrap(fmt.Sprintf("pairing %s: outstanding %s, booked %s", id, s.Outstanding(), f.books))
		}
		if f.live.AddRaw(int64(f.delegations)).LT(f.books) {
			return true, types.ErrInvariantBroken.Wrap(fmt.Sprintf("pairing %s: outstanding %s, live %s over %d delegations", id, s.Outstanding(), f.live, f.delegations))
		}
		return false, nil
	})
}

// SupplyDrift is a pairing's live value less its booked value (the drift of its delegations since
// their last rebalance, not yet booked as rounded supply) and how many delegations it holds.
func (k *Keeper) SupplyDrift(ctx context.Context, pairingID string) (math.Int, int, error) {
	f, err := k.supplyFigures(ctx, pairingID)
	if err != nil {
		return math.Int{}, 0, err
	}
	return f.live.Sub(f.books), f.delegations, nil
}

// figures are a pairing's booked and live value, and how many delegations it holds.
type figures struct {
	books, live math.Int
	delegations int
}

// supplyFigures values a pairing twice: its delegations at their booked values and at their live
// values, each plus its unbonding entries and the matured tokens not yet swept.
func (k *Keeper) supplyFigures(ctx context.Context, pairingID string) (figures, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return figures{}, err
	}
	denom, err := k.bondDenom(ctx)
	if err != nil {
		return figures{}, err
	}
	delegated, unbonding, n, err := k.pairingLive(ctx, params, pairingID)
	if err != nil {
		return figures{}, err
	}
	booked, err := k.pairingBooked(ctx, pairingID)
	if err != nil {
		return figures{}, err
	}
	for _, acc := range accounts(pairingID, params.AccountsPerPairing, 0) {
		owed, err := k.Pending.Get(ctx, collections.Join(pairingID, acc))
		if err != nil {
			continue
		}
		matured, err := k.matured(ctx, acc, owed)
		if err != nil {
			return figures{}, err
		}
		unbonding = unbonding.Add(math.MinInt(matured, k.bank.GetBalance(ctx, acc, denom).Amount))
	}
	return figures{books: booked.Add(unbonding), live: delegated.Add(unbonding), delegations: n}, nil
}

// pairingLive is a pairing's live value: its shares on every validator it holds a target on
// (floor each), every unbonding entry of its accounts, and on how many validators it holds
// shares.
func (k *Keeper) pairingLive(ctx context.Context, params types.Params, pairingID string) (math.Int, math.Int, int, error) {
	live, unbonding, n := math.ZeroInt(), math.ZeroInt(), 0
	err := k.Targets.Walk(ctx, collections.NewPrefixedPairRange[string, string](pairingID),
		func(key collections.Pair[string, string], _ math.Int) (bool, error) {
			valAddr, err := sdk.ValAddressFromBech32(key.K2())
			if err != nil {
				return true, err
			}
			v, err := k.staking.GetValidator(ctx, valAddr)
			if err != nil {
				return false, nil
			}
			shares, err := k.sharesOf(ctx, key.K2(), pairingID)
			if err != nil {
				return true, err
			}
			live = live.Add(valueOf(v, shares))
			if shares.IsPositive() {
				n++
			}
			return false, nil
		})
	if err != nil {
		return math.Int{}, math.Int{}, 0, err
	}
	for _, acc := range accounts(pairingID, params.AccountsPerPairing, 0) {
		entries, err := k.staking.GetDelegatorUnbonding(ctx, acc)
		if err != nil {
			return math.Int{}, math.Int{}, 0, err
		}
		unbonding = unbonding.Add(entries)
	}
	return live, unbonding, n, nil
}

// pairingBooked sums the booked values of a pairing's delegations.
func (k *Keeper) pairingBooked(ctx context.Context, pairingID string) (math.Int, error) {
	total := math.ZeroInt()
	err := k.Booked.Walk(ctx, collections.NewPrefixedPairRange[string, string](pairingID),
		func(_ collections.Pair[string, string], v math.Int) (bool, error) {
			total = total.Add(v)
			return false, nil
		})
	return total, err
}
