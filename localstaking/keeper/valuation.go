package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// positionView is one recorded position next to what x/staking attributes to it now.
type positionView struct {
	validator sdk.ValAddress
	position  types.Position
	worth     math.Int
}

// unbondingView is one recorded unbonding entry. live is false once x/staking has completed the
// entry and paid its balance into the user's account.
type unbondingView struct {
	validator sdk.ValAddress
	height    int64
	record    types.Unbonding
	live      bool
	worth     math.Int
}

// valuation compares everything recorded for one user with what it is worth now:
// delegations at x/staking's exchange rate rounded down as x/staking rounds an undelegation, live
// unbonding entries at their slashed balance, and liquid principal (including completed entries)
// at most the account's balance. It reads O(validators of the user) records and nothing per
// delegator of a validator.
type valuation struct {
	owner      sdk.AccAddress
	account    sdk.AccAddress
	positions  []positionView
	unbondings []unbondingView
	holdings   types.Holdings
	matured    math.Int
	balance    math.Int
}

// value reads the user's records and their current worth. A user without an account has an
// empty valuation.
func (k *Keeper) value(ctx context.Context, owner sdk.AccAddress) (*valuation, error) {
	v := &valuation{owner: owner, matured: math.ZeroInt(), balance: math.ZeroInt(), holdings: zeroHoldings()}
	account, err := k.AccountOf(ctx, owner)
	if errors.Is(err, types.ErrNoAccount) {
		return v, nil
	} else if err != nil {
		return nil, err
	}
	v.account = account
	if v.holdings, err = k.holdingsOf(ctx, owner); err != nil {
		return nil, err
	}
	if err := k.valuePositions(ctx, v); err != nil {
		return nil, err
	}
	if err := k.valueUnbondings(ctx, v); err != nil {
		return nil, err
	}
	denom, err := k.staking.BondDenom(ctx)
	if err != nil {
		return nil, err
	}
	v.balance = k.bank.GetBalance(ctx, account, denom).Amount
	return v, nil
}

func (k *Keeper) valuePositions(ctx context.Context, v *valuation) error {
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, sdk.ValAddress](v.owner)
	return k.Positions.Walk(ctx, rng, func(key collections.Pair[sdk.AccAddress, sdk.ValAddress], p types.Position) (bool, error) {
		worth, err := k.delegationWorth(ctx, v.account, key.K2())
		if err != nil {
			return true, err
		}
		v.positions = append(v.positions, positionView{validator: key.K2(), position: p, worth: worth})
		return false, nil
	})
}

// delegationWorth is what x/staking would pay out for the account's whole delegation now.
func (k *Keeper) delegationWorth(ctx context.Context, account sdk.AccAddress, val sdk.ValAddress) (math.Int, error) {
	del, err := k.staking.GetDelegation(ctx, account, val)
	if errors.Is(err, stakingtypes.ErrNoDelegation) {
		return math.ZeroInt(), nil
	} else if err != nil {
		return math.Int{}, err
	}
	validator, err := k.staking.GetValidator(ctx, val)
	if errors.Is(err, stakingtypes.ErrNoValidatorFound) {
		return math.ZeroInt(), nil
	} else if err != nil {
		return math.Int{}, err
	}
	return validator.TokensFromShares(del.Shares).TruncateInt(), nil
}

func (k *Keeper) valueUnbondings(ctx context.Context, v *valuation) error {
	entries := map[string]stakingtypes.UnbondingDelegation{}
	rng := collections.NewPrefixedTripleRange[sdk.AccAddress, sdk.ValAddress, int64](v.owner)
	return k.Unbondings.Walk(ctx, rng, func(key collections.Triple[sdk.AccAddress, sdk.ValAddress, int64], u types.Unbonding) (bool, error) {
		val := key.K2()
		ubd, seen := entries[string(val)]
		if !seen {
			var err error
			ubd, err = k.staking.GetUnbondingDelegation(ctx, v.account, val)
			if err != nil && !errors.Is(err, stakingtypes.ErrNoUnbondingDelegation) {
				return true, err
			}
			entries[string(val)] = ubd
		}
		view := unbondingView{validator: val, height: key.K3(), record: u, worth: math.ZeroInt()}
		if balance, ok := entryBalance(ubd, key.K3(), u); ok {
			view.live, view.worth = true, balance
		} else {
			v.matured = v.matured.Add(u.Principal)
		}
		v.unbondings = append(v.unbondings, view)
		return false, nil
	})
}

// entryBalance finds the x/staking entry a recorded unbonding stands for (same creation height
// and completion time, which is how x/staking merges entries) and returns its balance.
func entryBalance(ubd stakingtypes.UnbondingDelegation, height int64, u types.Unbonding) (math.Int, bool) {
	for _, e := range ubd.Entries {
		if e.CreationHeight == height && e.CompletionTime.Equal(u.CompletionTime) {
			return e.Balance, true
		}
	}
	return math.Int{}, false
}

// loss is the user's realised loss since the last settlement: the sum over every component of
// recorded minus worth, where worth is below recorded. A slash of stake that carries a burn debt
// falls on the debt in proportion (those tokens were already written off), so only the rest is
// the user's loss.
func (v *valuation) loss() math.Int {
	total := math.ZeroInt()
	for _, p := range v.positions {
		total = total.Add(deficit(p.position.Principal, p.worth))
	}
	for _, u := range v.unbondings {
		if u.live {
			total = total.Add(u.ownLoss())
		}
	}
	return total.Add(v.liquidLoss())
}

// ownLoss is the user's part of a live entry's slash: its deficit less the debt's share.
func (u unbondingView) ownLoss() math.Int {
	x := deficit(u.record.Principal, u.worth)
	return x.Sub(debtShare(x, debtOf(u.record), u.record.Principal))
}

// liquidLoss is the user's part of the shortfall of the account's balance under its recorded
// liquid principal (completed entries included), less the share that falls on the completed
// entries' burn debt.
func (v *valuation) liquidLoss() math.Int {
	x := deficit(v.liquid(), v.balance)
	return x.Sub(debtShare(x, v.maturedDebt(), v.liquid()))
}

// maturedDebt is the burn debt of the entries x/staking has completed.
func (v *valuation) maturedDebt() math.Int {
	total := math.ZeroInt()
	for _, u := range v.unbondings {
		if !u.live {
			total = total.Add(debtOf(u.record))
		}
	}
	return total
}

// liquid is the recorded principal that is (or, for completed entries, has become) liquid.
func (v *valuation) liquid() math.Int { return v.holdings.Liquid.Add(v.matured) }

// principal is everything recorded for the user, net of the burn debts.
func (v *valuation) principal() math.Int {
	total := v.liquid()
	for _, p := range v.positions {
		total = total.Add(p.position.Principal)
	}
	for _, u := range v.unbondings {
		if u.live {
			total = total.Add(u.record.Principal)
		}
		total = total.Sub(debtOf(u.record))
	}
	return total
}

// debtShare is the part of a shortfall x of principal that falls on debt: x * debt / principal,
// rounded up, so the debt left never exceeds the tokens left.
func debtShare(x, debt, principal math.Int) math.Int {
	if !x.IsPositive() || !debt.IsPositive() || !principal.IsPositive() {
		return math.ZeroInt()
	}
	return x.Mul(debt).Add(principal).SubRaw(1).Quo(principal)
}

// debtOf is an entry's burn debt, zero when none is recorded.
func debtOf(u types.Unbonding) math.Int {
	if u.BurnDebt.IsNil() {
		return math.ZeroInt()
	}
	return u.BurnDebt
}

// deficit is recorded minus worth when positive, else zero.
func deficit(recorded, worth math.Int) math.Int {
	if worth.GTE(recorded) {
		return math.ZeroInt()
	}
	return recorded.Sub(worth)
}

// subFloor is a minus b, never below zero.
func subFloor(a, b math.Int) math.Int {
	if b.GTE(a) {
		return math.ZeroInt()
	}
	return a.Sub(b)
}

func zeroHoldings() types.Holdings {
	return types.Holdings{Liquid: math.ZeroInt()}
}

// holdingsOf returns the user's holdings, zero when none are stored.
func (k *Keeper) holdingsOf(ctx context.Context, owner sdk.AccAddress) (types.Holdings, error) {
	h, err := k.Holdings.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return zeroHoldings(), nil
	}
	return h, err
}

// setHoldings stores the user's holdings, removing them when nothing is liquid.
func (k *Keeper) setHoldings(ctx context.Context, owner sdk.AccAddress, h types.Holdings) error {
	if h.Liquid.IsZero() {
		return k.Holdings.Remove(ctx, owner)
	}
	return k.Holdings.Set(ctx, owner, h)
}
