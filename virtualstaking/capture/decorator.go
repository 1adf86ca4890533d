package capture

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/internal/safecall"
)

// Decorator is the staking keeper to build x/slashing with. x/evidence slashes and jails through
// x/slashing too, so it sees every slash, jail and unjail of the chain. It passes every call on
// unchanged and records the event after the inner call succeeds; it never fails a call itself.
type Decorator struct {
	slashingtypes.StakingKeeper
	k *Keeper
}

var _ slashingtypes.StakingKeeper = Decorator{}

// Decorate wraps the staking keeper x/slashing would be built with.
func (k *Keeper) Decorate(inner slashingtypes.StakingKeeper) Decorator {
	return Decorator{StakingKeeper: inner, k: k}
}

// Slash slashes through the inner keeper and records the slash without a reason.
func (d Decorator) Slash(ctx context.Context, consAddr sdk.ConsAddress, distributionHeight, power int64,
	fraction math.LegacyDec,
) (math.Int, error) {
	return d.SlashWithInfractionReason(ctx, consAddr, distributionHeight, power, fraction,
		stakingtypes.Infraction_INFRACTION_UNSPECIFIED)
}

// SlashWithInfractionReason slashes through the inner keeper and records the slash: the
// infraction height (x/slashing passes the distribution height, the infraction height less the
// validator update delay), the power and nominal fraction, and for each pairing the virtual
// stake's value before the slash minus its value after.
func (d Decorator) SlashWithInfractionReason(ctx context.Context, consAddr sdk.ConsAddress, distributionHeight,
	power int64, fraction math.LegacyDec, reason stakingtypes.Infraction,
) (math.Int, error) {
	validator, err := d.StakingKeeper.ValidatorByConsAddr(ctx, consAddr)
	if err != nil || validator == nil {
		return d.StakingKeeper.SlashWithInfractionReason(ctx, consAddr, distributionHeight, power, fraction, reason)
	}
	val, err := d.k.valCodec.StringToBytes(validator.GetOperator())
	if err != nil {
		return d.StakingKeeper.SlashWithInfractionReason(ctx, consAddr, distributionHeight, power, fraction, reason)
	}
	before := d.k.pairingValues(ctx, val)
	burned, err := d.StakingKeeper.SlashWithInfractionReason(ctx, consAddr, distributionHeight, power, fraction, reason)
	if err != nil {
		return burned, err
	}
	infraction := distributionHeight + sdk.ValidatorUpdateDelay
	slash := Slash{
		Valoper:          validator.GetOperator(),
		InfractionHeight: infraction,
		InfractionTime:   d.k.blockTime(ctx, infraction),
		Power:            power,
		Fraction:         fraction,
		Reason:           reason,
		Pairings:         slashedPerPairing(before, d.k.pairingValues(ctx, val)),
	}
	d.k.recordSlashed(ctx, slash.Valoper, slash.Pairings)
	if seq, ok := d.k.enqueue(ctx, Event{Slash: &slash}); ok {
		if err := d.k.slashed.Set(ctx, seq, consAddr); err != nil {
			d.k.logger.Error("slash not marked for the tombstone check", "validator", slash.Valoper, "error", err)
		}
	}
	return burned, nil
}

// Jail jails through the inner keeper and records the jailing.
func (d Decorator) Jail(ctx context.Context, consAddr sdk.ConsAddress) error {
	if err := d.StakingKeeper.Jail(ctx, consAddr); err != nil {
		return err
	}
	d.recordChange(ctx, consAddr, convertertypes.ValidatorJailed)
	return nil
}

// Unjail unjails through the inner keeper and records the release.
func (d Decorator) Unjail(ctx context.Context, consAddr sdk.ConsAddress) error {
	if err := d.StakingKeeper.Unjail(ctx, consAddr); err != nil {
		return err
	}
	d.recordChange(ctx, consAddr, convertertypes.ValidatorUnjailed)
	return nil
}

// recordChange queues a change of the validator with consAddr; an unknown validator is logged.
func (d Decorator) recordChange(ctx context.Context, consAddr sdk.ConsAddress, kind convertertypes.ValidatorChangeKind) {
	validator, err := d.StakingKeeper.ValidatorByConsAddr(ctx, consAddr)
	if err != nil || validator == nil {
		d.k.logger.Error("validator change not captured", "consensus address", consAddr.String(), "error", err)
		return
	}
	d.k.enqueue(ctx, Event{Change: &convertertypes.ValidatorChange{Kind: kind, Valoper: validator.GetOperator()}})
}

// recordSlashed tells a VirtualStake that is also a SlashRecorder what each pairing lost, each
// pairing in a cache context written only on success; a failure is logged.
func (k *Keeper) recordSlashed(ctx context.Context, valoper string, slashed []PairingValue) {
	recorder, ok := k.virtual.(SlashRecorder)
	if !ok {
		return
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	for _, p := range slashed {
		if !p.Value.IsPositive() {
			continue
		}
		cacheCtx, write := sdkCtx.CacheContext()
		err := safecall.Run(ErrValuation, "slashed supply record", func() error {
			return recorder.RecordSlash(cacheCtx, p.PairingID, valoper, p.Value, p.Bonded)
		})
		if err != nil {
			k.logger.Error("slashed virtual supply not recorded", "pairing", p.PairingID, "amount", p.Value.String(), "error", err)
			continue
		}
		write()
	}
}

// pairingValues asks virtual staking for the value per pairing; a failure (or a panic) is logged
// and values nothing, so the slash itself goes on.
func (k *Keeper) pairingValues(ctx context.Context, val sdk.ValAddress) []PairingValue {
	var values []PairingValue
	if k.virtual == nil {
		k.logger.Error("virtual stake not valued around a slash: no valuation bound", "validator", val.String())
		return nil
	}
	err := safecall.Run(ErrValuation, "virtual stake valuation", func() (err error) {
		values, err = k.virtual.PairingValues(ctx, val)
		return err
	})
	if err != nil {
		k.logger.Error("virtual stake not valued around a slash", "validator", val.String(), "error", err)
		return nil
	}
	return values
}

// slashedPerPairing is, for every pairing with value before the slash, its value before minus
// its value after (a pairing absent after lost everything; never negative), and the same of its
// delegated part.
func slashedPerPairing(before, after []PairingValue) []PairingValue {
	remaining := make(map[string]PairingValue, len(after))
	for _, p := range after {
		remaining[p.PairingID] = p
	}
	slashed := make([]PairingValue, 0, len(before))
	for _, p := range before {
		if p.Value.IsNil() || !p.Value.IsPositive() {
			continue
		}
		left := remaining[p.PairingID]
		slashed = append(slashed, PairingValue{PairingID: p.PairingID, Value: lost(p.Value, left.Value),
			Bonded: lost(p.Bonded, left.Bonded)})
	}
	return slashed
}

// lost is before minus after, an absent after counting as zero; never negative, and zero when
// before is unknown.
func lost(before, after math.Int) math.Int {
	if before.IsNil() {
		return math.ZeroInt()
	}
	if after.IsNil() {
		after = math.ZeroInt()
	}
	return math.MaxInt(before.Sub(after), math.ZeroInt())
}
