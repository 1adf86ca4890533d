package keeper

import (
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// Infraction is one misbehaviour of a consumer validator, reported by the consumer in a
// valset_update or proven to the provider with evidence.
type Infraction struct {
	// Height is the consumer height of the infraction. For a tombstone reported without a slash
	// entry it is the report's height, an upper bound of the infraction's.
	Height uint64
	// Time is the consumer time of the infraction (or of the report, for a bare tombstone).
	Time time.Time
	// DoubleSign marks the double-sign that tombstones the validator; otherwise it is a downtime
	// slash.
	DoubleSign bool
	// Ratio is the reported slash ratio; nil means the pairing's ratio for the kind. It is
	// clamped to the pairing's ratio for the kind.
	Ratio math.LegacyDec
	// Amount is the reported slashed amount; nil means no bound beyond the ratio.
	Amount math.Int
	// ReceivedAt is when the report arrived (zero: now); unbonding entries are valued against the
	// slash as of then, so a report that waited for the slash meter still reaches them.
	ReceivedAt time.Time
}

// ApplyInfraction applies an infraction of validator valoper of a pairing, whatever the order in
// which infractions arrive:
//   - a double-sign tombstones the validator and slashes it once per validator, however many
//     times and in whichever form it is reported; the tombstone keeps the lowest infraction
//     height reported for it;
//   - a downtime slash is applied once per (validator, infraction height), and ignored when the
//     validator is tombstoned for an earlier infraction;
//   - the ratio is min(reported ratio, reported amount / bonded cross-stake, the pairing's ratio
//     for the kind), applied to the bonded cross-stake and, lazily, to stake still unbonding from
//     the validator when the infraction happened.
//
// The cost is O(1) in the number of stakers. A skipped infraction emits an event and is not an
// error; an error is returned only for a store failure or an unknown pairing.
func (k *Keeper) ApplyInfraction(ctx sdk.Context, pairingID, valoper string, inf Infraction) error {
	taken, err := k.applyInfraction(ctx, pairingID, valoper, inf)
	if err != nil {
		return err
	}
	return k.moveCrossStake(ctx, pairingID, taken.Neg())
}

// applyInfraction is ApplyInfraction but for the pairing's running total of cross-stake: it
// returns what the slash took from the validator's bonded tokens for the caller to book (the
// slash meter books all the slashes of a packet or a block at once).
func (k *Keeper) applyInfraction(ctx sdk.Context, pairingID, valoper string, inf Infraction) (math.Int, error) {
	p, err := k.GetPairing(ctx, pairingID)
	if err != nil {
		return math.Int{}, err
	}
	v, err := k.loadValidator(ctx, p.Id, valoper)
	if err != nil {
		return math.Int{}, err
	}
	apply, err := k.admitInfraction(ctx, p.Id, valoper, &v, inf)
	if err != nil || !apply {
		return math.ZeroInt(), err
	}
	ratio, cut := infractionCut(p, v, inf)
	was := v.Tokens
	if v, err = k.slashValidator(ctx, p, valoper, v, inf, ratio, cut); err != nil {
		return math.Int{}, err
	}
	return was.Sub(v.Tokens), k.Validators.Set(ctx, collections.Join(p.Id, valoper), v)
}

// infractionCut is the ratio an infraction applies and what it takes from v's bonded tokens.
func infractionCut(p types.ConsumerPairing, v types.Validator, inf Infraction) (math.LegacyDec, math.Int) {
	limit := p.DowntimeRatio
	if inf.DoubleSign {
		limit = p.DoubleSignRatio
	}
	ratio := limit
	if !inf.Ratio.IsNil() {
		ratio = math.LegacyMinDec(inf.Ratio, limit)
	}
	cut := ratio.MulInt(v.Tokens).TruncateInt()
	if !inf.Amount.IsNil() {
		cut = math.MinInt(cut, inf.Amount)
	}
	return ratio, math.MinInt(cut, v.Tokens)
}

// wouldApply says, without changing anything, whether inf would slash v.
func (k *Keeper) wouldApply(ctx sdk.Context, pairing, valoper string, v types.Validator, inf Infraction) (bool, error) {
	switch {
	case inf.DoubleSign:
		return !v.Tombstoned, nil
	case v.Tombstoned && inf.Height > v.TombstoneHeight:
		return false, nil
	}
	seen, err := k.SlashedHeights.Has(ctx, collections.Join3(pairing, valoper, inf.Height))
	return !seen, err
}

// admitInfraction decides whether inf slashes v, updating v's tombstone for a double-sign; it
// saves v itself when the infraction changes the tombstone but slashes nothing.
func (k *Keeper) admitInfraction(ctx sdk.Context, pairing, valoper string, v *types.Validator, inf Infraction) (bool, error) {
	entry := "slashed:" + valoper
	switch {
	case inf.DoubleSign && v.Tombstoned:
		if inf.Height < v.TombstoneHeight {
			v.TombstoneHeight = inf.Height
			if err := k.Validators.Set(ctx, collections.Join(pairing, valoper), *v); err != nil {
				return false, err
			}
		}
		k.skipEntry(ctx, pairing, entry, "double-sign already applied")
		return false, nil
	case inf.DoubleSign:
		v.Tombstoned, v.TombstoneHeight = true, inf.Height
		return true, nil
	case v.Tombstoned && inf.Height > v.TombstoneHeight:
		k.skipEntry(ctx, pairing, entry, "infraction after the tombstone")
		return false, nil
	}
	seen, err := k.SlashedHeights.Has(ctx, collections.Join3(pairing, valoper, inf.Height))
	if err != nil {
		return false, err
	}
	if seen {
		k.skipEntry(ctx, pairing, entry, "already applied")
	}
	return !seen, nil
}

// recordSlash reports a slash entry of a valset_update to the slash meter; tombstones says whether
// the same update tombstones the validator, which makes it the double-sign. It returns whether the
// entry was taken (applied or queued).
func (k *Keeper) recordSlash(ctx sdk.Context, m *meter, s ibcproto.ValidatorSlashInfo, tombstones bool) (bool, error) {
	nominal, err := ibcproto.ParseSlashRatio(s.SlashRatio)
	if err != nil {
		k.skipEntry(ctx, m.pairing.Id, "slashed:"+s.Address, err.Error())
		return false, nil
	}
	return true, k.reportInfraction(ctx, m, s.Address, Infraction{
		Height: s.InfractionHeight, Time: time.Unix(int64(s.InfractionTime), 0).UTC(),
		DoubleSign: tombstones, Ratio: nominal, Amount: s.SlashAmount.Amount,
	})
}

// slashValidator takes cut from the validator's bonded tokens and records the slash for its
// unbonding entries; it returns the validator to save.
func (k *Keeper) slashValidator(ctx sdk.Context, p types.ConsumerPairing, name string, v types.Validator,
	inf Infraction, ratio math.LegacyDec, cut math.Int,
) (types.Validator, error) {
	cut = math.MinInt(cut, v.Tokens)
	v.Tokens = v.Tokens.Sub(cut)
	v.SlashCount++
	recorded := inf.ReceivedAt
	if recorded.IsZero() {
		recorded = ctx.BlockTime()
	}
	record := types.SlashRecord{InfractionHeight: inf.Height, InfractionTime: inf.Time, RecordedAt: recorded,
		Ratio: ratio, DoubleSign: inf.DoubleSign}
	if err := k.Slashes.Set(ctx, collections.Join3(p.Id, name, v.SlashCount), record); err != nil {
		return v, err
	}
	if !inf.DoubleSign {
		if err := k.SlashedHeights.Set(ctx, collections.Join3(p.Id, name, inf.Height)); err != nil {
			return v, err
		}
	}
	return v, k.emit(ctx, &types.EventValidatorSlashed{
		Pairing: p.Id, Validator: name, InfractionHeight: inf.Height, Ratio: ratio.String(),
		Amount: k.coinString(ctx, cut), Tombstoned: inf.DoubleSign,
	})
}
