package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// ValidatorStatus is a validator's current status. Each kind of report keeps only the highest
// consumer height it was seen at, so the status is the same whatever order reports arrive in: a
// tombstone is final; otherwise the latest of addition, removal and jailing wins, and at equal
// heights a jailing beats a removal, which beats an addition. A latest key update to a key other
// than the pinned one counts as a removal at its height.
func ValidatorStatus(v types.Validator) types.ValidatorStatus {
	removed := v.RemovedHeight
	if v.UpdatedKey != "" && v.UpdatedKey != v.PubKey && v.UpdatedHeight > removed {
		removed = v.UpdatedHeight
	}
	switch {
	case v.Tombstoned:
		return types.VALIDATOR_STATUS_TOMBSTONED
	case v.AddedHeight == 0 && removed == 0 && v.JailedHeight == 0:
		return types.VALIDATOR_STATUS_UNKNOWN
	case v.AddedHeight > removed && v.AddedHeight > v.JailedHeight:
		return types.VALIDATOR_STATUS_ACTIVE
	case v.JailedHeight >= removed:
		return types.VALIDATOR_STATUS_JAILED
	default:
		return types.VALIDATOR_STATUS_UNBONDED
	}
}

// requireActive refuses stake to a validator the consumer has not reported active.
func (k *Keeper) requireActive(ctx context.Context, pairing, val string) error {
	v, err := k.loadValidator(ctx, pairing, val)
	if err != nil {
		return err
	}
	if s := ValidatorStatus(v); s != types.VALIDATOR_STATUS_ACTIVE {
		return types.ErrValidatorNotActive.Wrapf("%q is %s", val, s)
	}
	return nil
}

// checkValidatorName refuses, as a wrong address rather than an unknown validator, a validator
// the consumer never reported whose address lacks the pairing's valoper prefix. A reported
// validator is named as the consumer names it.
func (k *Keeper) checkValidatorName(ctx context.Context, p types.ConsumerPairing, val string) error {
	known, err := k.Validators.Has(ctx, collections.Join(p.Id, val))
	if err != nil || known {
		return err
	}
	return p.CheckValoper(val)
}

// reportHeight is the height a report of packet height h is stored at: one more, so that a
// report at height 0 still counts as seen.
func reportHeight(h uint64) uint64 { return h + 1 }

// applyValsetUpdate applies a valset_update. Entries that cannot be right are skipped with an
// event, never refused: one bad entry must not silence the others.
func (k *Keeper) applyValsetUpdate(ctx sdk.Context, p types.ConsumerPairing, pk ibcproto.ValsetUpdatePacket) error {
	valid, bad := pk.ValidEntries()
	for _, e := range bad {
		k.skipEntry(ctx, p.Id, e.List, e.Err.Error())
	}
	h := reportHeight(valid.Height)
	tombstoned := map[string]bool{}
	for _, name := range valid.Tombstoned {
		tombstoned[name] = true
	}
	if err := k.reportSlashes(ctx, p, valid, tombstoned); err != nil {
		return err
	}
	for _, a := range valid.Additions {
		if err := k.addValidator(ctx, p.Id, a, h); err != nil {
			return err
		}
	}
	for _, a := range valid.Updated {
		if err := k.updateValidator(ctx, p.Id, a, h); err != nil {
			return err
		}
	}
	if err := k.raise(ctx, p.Id, valid.Removals, h, func(v *types.Validator) *uint64 { return &v.RemovedHeight }); err != nil {
		return err
	}
	return k.raise(ctx, p.Id, valid.Jailed, h, func(v *types.Validator) *uint64 { return &v.JailedHeight })
}

// reportSlashes passes the update's slash and tombstone entries through the pairing's slash
// meter; an update without any does not touch the meter.
func (k *Keeper) reportSlashes(ctx sdk.Context, p types.ConsumerPairing, valid ibcproto.ValsetUpdatePacket, tombstoned map[string]bool) error {
	if len(valid.Slashed) == 0 && len(valid.Tombstoned) == 0 {
		return nil
	}
	m, err := k.loadMeter(ctx, p)
	if err != nil {
		return err
	}
	taken := map[string]bool{}
	for _, s := range valid.Slashed {
		ok, err := k.recordSlash(ctx, m, s, tombstoned[s.Address])
		if err != nil {
			return err
		}
		taken[s.Address] = taken[s.Address] || (ok && tombstoned[s.Address])
	}
	for _, name := range valid.Tombstoned {
		if err := k.tombstone(ctx, m, name, valid, taken[name]); err != nil {
			return err
		}
	}
	return k.saveMeter(ctx, m)
}

// skipEntry emits the event for a skipped valset entry.
func (k *Keeper) skipEntry(ctx sdk.Context, pairing, entry, reason string) {
	_ = k.emit(ctx, &types.EventValsetEntrySkipped{Pairing: pairing, Entry: entry, Reason: reason})
}

// addValidator records an addition: the active height rises to h, and the consensus key is the
// one of the lowest-height addition (pinned; ties go to the smaller key), whatever the order.
func (k *Keeper) addValidator(ctx sdk.Context, pairing string, a ibcproto.AddValidator, h uint64) error {
	if _, err := a.PubKey.Ed25519(); err != nil {
		k.skipEntry(ctx, pairing, "additions:"+a.Valoper, err.Error())
		return nil
	}
	v, err := k.loadValidator(ctx, pairing, a.Valoper)
	if err != nil {
		return err
	}
	if v.AddedHeight < h {
		v.AddedHeight = h
	}
	key := string(a.PubKey)
	if v.PubKey == "" || h < v.PubKeyHeight || (h == v.PubKeyHeight && key < v.PubKey) {
		v.PubKey, v.PubKeyHeight = key, h
	}
	return k.Validators.Set(ctx, collections.Join(pairing, a.Valoper), v)
}

// updateValidator records a key update; only the highest-height one is kept (ties: the smaller
// key), so the result does not depend on arrival order. The pinned key never changes: stake never
// follows a key the provider did not pin.
func (k *Keeper) updateValidator(ctx sdk.Context, pairing string, a ibcproto.AddValidator, h uint64) error {
	if _, err := a.PubKey.Ed25519(); err != nil {
		k.skipEntry(ctx, pairing, "updated:"+a.Valoper, err.Error())
		return nil
	}
	v, err := k.loadValidator(ctx, pairing, a.Valoper)
	if err != nil {
		return err
	}
	key := string(a.PubKey)
	if h > v.UpdatedHeight || (h == v.UpdatedHeight && (v.UpdatedKey == "" || key < v.UpdatedKey)) {
		v.UpdatedHeight, v.UpdatedKey = h, key
	}
	return k.Validators.Set(ctx, collections.Join(pairing, a.Valoper), v)
}

// raise lifts the height field picks to h for every named validator.
func (k *Keeper) raise(ctx sdk.Context, pairing string, names []string, h uint64, pick func(*types.Validator) *uint64) error {
	for _, name := range names {
		v, err := k.loadValidator(ctx, pairing, name)
		if err != nil {
			return err
		}
		if f := pick(&v); *f < h {
			*f = h
		}
		if err := k.Validators.Set(ctx, collections.Join(pairing, name), v); err != nil {
			return err
		}
	}
	return nil
}

// tombstone reports a tombstone entry to the slash meter. When the same update carries a slash
// entry for the validator (taken), that entry was the double-sign; otherwise the tombstone is the
// double-sign itself, with the update's height as the upper bound of its infraction height.
func (k *Keeper) tombstone(ctx sdk.Context, m *meter, name string, pk ibcproto.ValsetUpdatePacket, taken bool) error {
	if taken {
		return nil
	}
	return k.reportInfraction(ctx, m, name, Infraction{
		Height: pk.Height, Time: time.Unix(int64(pk.Time), 0).UTC(), DoubleSign: true,
	})
}
