package keeper

import (
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// recordSlash records a reported slash once per (validator, infraction height): the ratio is
// clamped to the pairing's ratio for the kind (double-sign when the same report tombstones the
// validator, downtime otherwise), the bonded cross-stake loses min(reported amount, its tokens ×
// that ratio), and unbonding entries are valued lazily at the clamped nominal ratio. Reports about
// a tombstoned validator are ignored. The cost is O(1) in the number of stakers.
func (k *Keeper) recordSlash(ctx sdk.Context, p types.ConsumerPairing, s ibcproto.ValidatorSlashInfo, tombstones bool) error {
	v, err := k.loadValidator(ctx, p.Id, s.Address)
	if err != nil {
		return err
	}
	seen, err := k.SlashedHeights.Has(ctx, collections.Join3(p.Id, s.Address, s.InfractionHeight))
	if err != nil {
		return err
	}
	if v.Tombstoned || seen {
		k.skipEntry(ctx, p.Id, "slashed:"+s.Address, "already applied")
		return nil
	}
	nominal, err := ibcproto.ParseSlashRatio(s.SlashRatio)
	if err != nil {
		k.skipEntry(ctx, p.Id, "slashed:"+s.Address, err.Error())
		return nil
	}
	limit := p.DowntimeRatio
	if tombstones {
		limit = p.DoubleSignRatio
	}
	ratio := math.LegacyMinDec(nominal, limit)
	cut := math.MinInt(s.SlashAmount.Amount, limit.MulInt(v.Tokens).TruncateInt())
	when := time.Unix(int64(s.InfractionTime), 0).UTC()
	if v, err = k.slashValidator(ctx, p, s.Address, v, s.InfractionHeight, when, ratio, cut, tombstones); err != nil {
		return err
	}
	return k.Validators.Set(ctx, collections.Join(p.Id, s.Address), v)
}

// slashValidator takes cut from the validator's bonded tokens and records the slash for its
// unbonding entries; it returns the validator to save.
func (k *Keeper) slashValidator(ctx sdk.Context, p types.ConsumerPairing, name string, v types.Validator,
	height uint64, when time.Time, ratio math.LegacyDec, cut math.Int, tombstones bool,
) (types.Validator, error) {
	if v.Tokens.IsNil() {
		v = newValidator()
	}
	cut = math.MinInt(cut, v.Tokens)
	v.Tokens = v.Tokens.Sub(cut)
	v.SlashCount++
	record := types.SlashRecord{InfractionHeight: height, InfractionTime: when, RecordedAt: ctx.BlockTime(), Ratio: ratio}
	if err := k.Slashes.Set(ctx, collections.Join3(p.Id, name, v.SlashCount), record); err != nil {
		return v, err
	}
	if err := k.SlashedHeights.Set(ctx, collections.Join3(p.Id, name, height)); err != nil {
		return v, err
	}
	return v, k.emit(ctx, &types.EventValidatorSlashed{
		Pairing: p.Id, Validator: name, InfractionHeight: height, Ratio: ratio.String(),
		Amount: k.coinString(ctx, cut), Tombstoned: tombstones,
	})
}
