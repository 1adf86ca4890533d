package keeper

import (
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// meter is a pairing's slash meter loaded for one packet or one block: the guard as stored, the
// parameters and the pairing's bonded cross-stake, kept current as slashes apply; slashed is
// what the applied slashes took, booked to the stored running total when the meter is saved.
type meter struct {
	pairing types.ConsumerPairing
	guard   types.SlashGuard
	params  types.Params
	total   math.Int
	slashed math.Int
}

// newGuard is the guard of a pairing no report has reached yet.
func newGuard() types.SlashGuard {
	return types.SlashGuard{Spent: math.ZeroInt(), Queued: math.ZeroInt(), Suspect: math.ZeroInt()}
}

// getGuard returns the pairing's guard, or a fresh one.
func (k *Keeper) getGuard(ctx sdk.Context, pairing string) (types.SlashGuard, error) {
	g, err := k.SlashGuards.Get(ctx, pairing)
	if errors.Is(err, collections.ErrNotFound) {
		return newGuard(), nil
	}
	return g, err
}

// loadMeter loads p's meter and refills it when its period is over. The cost is O(1): the
// parameters, the guard and the pairing's running total of cross-stake, whatever the number of
// validators and stakers.
func (k *Keeper) loadMeter(ctx sdk.Context, p types.ConsumerPairing) (*meter, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	g, err := k.getGuard(ctx, p.Id)
	if err != nil {
		return nil, err
	}
	total, err := k.pairingCrossStake(ctx, p.Id)
	if err != nil {
		return nil, err
	}
	if now := ctx.BlockTime(); !now.Before(g.PeriodStart.Add(params.SlashMeterPeriod)) {
		g.PeriodStart, g.Spent = now, math.ZeroInt()
	}
	return &meter{pairing: p, guard: g, params: params, total: total, slashed: math.ZeroInt()}, nil
}

// allowance is what the meter lets reported slashes take in the current period: the fraction of
// the cross-stake the pairing had when the period began (what remains plus what this period took).
func (m *meter) allowance() math.Int {
	return m.params.SlashMeterFraction.MulInt(m.total.Add(m.guard.Spent)).TruncateInt()
}

// fits says whether a cut may apply now: when it stays within the allowance, or when nothing was
// taken yet this period (a single slash larger than the allowance applies alone, once per period).
func (m *meter) fits(cut math.Int) bool {
	return m.guard.Spent.IsZero() || !m.guard.Spent.Add(cut).GT(m.allowance())
}

// apply applies an infraction the meter let through, estimated to cut: the meter spends the
// estimate and keeps what the slash took for the running total.
func (k *Keeper) apply(ctx sdk.Context, m *meter, valoper string, inf Infraction, cut math.Int) error {
	taken, err := k.applyInfraction(ctx, m.pairing.Id, valoper, inf)
	if err != nil {
		return err
	}
	m.slashed = m.slashed.Add(taken)
	m.guard.Spent = m.guard.Spent.Add(cut)
	m.total = m.total.Sub(math.MinInt(cut, m.total))
	return nil
}

// saveMeter trips the breaker when the queued and suspect reports reached the threshold, then
// stores the meter.
func (k *Keeper) saveMeter(ctx sdk.Context, m *meter) error {
	if err := k.tripIfOver(ctx, m); err != nil {
		return err
	}
	return k.storeMeter(ctx, m)
}

// storeMeter stores the guard and books what the applied slashes took to the pairing's running
// total of cross-stake, in one write whatever their number.
func (k *Keeper) storeMeter(ctx sdk.Context, m *meter) error {
	if err := k.moveCrossStake(ctx, m.pairing.Id, m.slashed.Neg()); err != nil {
		return err
	}
	m.slashed = math.ZeroInt()
	return k.SlashGuards.Set(ctx, m.pairing.Id, m.guard)
}
