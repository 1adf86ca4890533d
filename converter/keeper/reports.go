package keeper

import (
	"context"

	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/converter/types"
)

// changeKinds maps a reported change to its queued kind.
var changeKinds = map[types.ValidatorChangeKind]types.ReportKind{
	types.ValidatorAdded:      types.REPORT_KIND_ADDED,
	types.ValidatorRemoved:    types.REPORT_KIND_REMOVED,
	types.ValidatorKeyUpdated: types.REPORT_KIND_KEY_UPDATED,
	types.ValidatorJailed:     types.REPORT_KIND_JAILED,
	types.ValidatorUnjailed:   types.REPORT_KIND_UNJAILED,
	types.ValidatorTombstoned: types.REPORT_KIND_TOMBSTONED,
}

// ReportValidatorChange queues a change of a local validator for every pairing's next
// valset_update. It never fails: an unknown kind or a store error drops the report.
func (k *Keeper) ReportValidatorChange(ctx context.Context, change types.ValidatorChange) {
	kind, ok := changeKinds[change.Kind]
	if !ok || change.Valoper == "" {
		return
	}
	k.queueReport(ctx, types.Report{
		Kind: kind, Valoper: change.Valoper, ConsensusPubKey: change.ConsensusPubKey,
		SlashRatio: math.LegacyZeroDec(), LocalAmount: math.ZeroInt(),
	})
}

// ReportSlash queues a slash of the pairing's virtual stake for its next valset_update. It never
// fails; an unknown pairing is a no-op.
func (k *Keeper) ReportSlash(ctx context.Context, pairingID string, slash types.VirtualSlash) {
	if has, err := k.PairingStore.Has(ctx, pairingID); err != nil || !has || slash.Valoper == "" {
		return
	}
	ratio, amount := slash.SlashRatio, slash.LocalAmount
	if ratio.IsNil() {
		ratio = math.LegacyZeroDec()
	}
	if amount.IsNil() || amount.IsNegative() {
		amount = math.ZeroInt()
	}
	k.queueReport(ctx, types.Report{
		Kind: types.REPORT_KIND_SLASHED, Pairing: pairingID, Valoper: slash.Valoper,
		InfractionHeight: slash.InfractionHeight, InfractionTime: slash.InfractionTime,
		Power: slash.Power, SlashRatio: ratio, LocalAmount: amount,
	})
	if slash.Tombstoned {
		k.queueReport(ctx, types.Report{
			Kind: types.REPORT_KIND_TOMBSTONED, Pairing: pairingID, Valoper: slash.Valoper,
			SlashRatio: math.LegacyZeroDec(), LocalAmount: math.ZeroInt(),
		})
	}
}

// queueReport appends a report to the queue EndBlock drains; errors drop it.
func (k *Keeper) queueReport(ctx context.Context, r types.Report) {
	seq, err := k.ReportSeq.Next(ctx)
	if err != nil {
		return
	}
	_ = k.Reports.Set(ctx, seq, r)
}
