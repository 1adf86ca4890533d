package capture

import (
	"context"
	"fmt"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// ExportState returns everything the keeper holds between blocks, for virtual staking's genesis.
// The marks of slashes awaiting the tombstone check live within one block and are not part of it.
func (k *Keeper) ExportState(ctx context.Context) (types.CaptureState, error) {
	var s types.CaptureState
	var err error
	if s.NextSequence, err = k.sequence.Peek(ctx); err != nil {
		return types.CaptureState{}, err
	}
	err = k.queue.Walk(ctx, nil, func(seq uint64, e Event) (bool, error) {
		s.Events = append(s.Events, exportEvent(seq, e))
		return false, nil
	})
	if err != nil {
		return types.CaptureState{}, err
	}
	err = k.blockTimes.Walk(ctx, nil, func(height, nanos int64) (bool, error) {
		s.BlockTimes = append(s.BlockTimes, types.BlockTime{Height: height, Time: time.Unix(0, nanos).UTC()})
		return false, nil
	})
	if err != nil {
		return types.CaptureState{}, err
	}
	err = k.states.Walk(ctx, nil, func(val sdk.ValAddress, state ValidatorState) (bool, error) {
		s.Validators = append(s.Validators, types.CapturedValidator{Validator: val.String(),
			Status: types.CapturedValidatorStatus(state.Status), Height: state.Height})
		return false, nil
	})
	return s, err
}

// ImportState writes an exported state. Staking hooks may already have queued events in this
// InitChain (a fresh genesis bonds its validators before virtual staking's genesis runs); they
// are kept, after the imported ones, when the imported state has no events, and an import with
// events into a non-empty queue is refused.
func (k *Keeper) ImportState(ctx context.Context, s types.CaptureState) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if len(s.Events) > 0 {
		empty, err := k.queueEmpty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			return ErrInvalidState.Wrap("queued events already present")
		}
	}
	for _, e := range s.Events {
		if err := k.queue.Set(ctx, e.Sequence, importEvent(e)); err != nil {
			return err
		}
	}
	if err := k.raiseSequence(ctx, s.NextSequence); err != nil {
		return err
	}
	for _, b := range s.BlockTimes {
		if err := k.blockTimes.Set(ctx, b.Height, b.Time.UnixNano()); err != nil {
			return err
		}
	}
	for _, v := range s.Validators {
		val, err := sdk.ValAddressFromBech32(v.Validator)
		if err != nil {
			return ErrInvalidState.Wrap(err.Error())
		}
		if err := k.states.Set(ctx, val, ValidatorState{Status: ValidatorStatus(v.Status), Height: v.Height}); err != nil {
			return err
		}
	}
	return nil
}

// exportEvent is a queued event in genesis form.
func exportEvent(seq uint64, e Event) types.CapturedEvent {
	out := types.CapturedEvent{Sequence: seq}
	if c := e.Change; c != nil {
		out.Change = &types.CapturedChange{Kind: uint32(c.Kind), Valoper: c.Valoper, ConsensusPubKey: c.ConsensusPubKey}
	}
	if s := e.Slash; s != nil {
		out.Slash = &types.CapturedSlash{Valoper: s.Valoper, InfractionHeight: s.InfractionHeight,
			InfractionTime: s.InfractionTime, Power: s.Power, Fraction: s.Fraction, Reason: s.Reason,
			Tombstoned: s.Tombstoned}
		for _, p := range s.Pairings {
			out.Slash.Pairings = append(out.Slash.Pairings, types.CapturedPairingValue{PairingId: p.PairingID, Value: p.Value})
		}
	}
	return out
}

// importEvent is a genesis event as the queue stores it.
func importEvent(e types.CapturedEvent) Event {
	var out Event
	if c := e.Change; c != nil {
		out.Change = &convertertypes.ValidatorChange{Kind: convertertypes.ValidatorChangeKind(c.Kind), Valoper: c.Valoper}
		if len(c.ConsensusPubKey) > 0 {
			out.Change.ConsensusPubKey = c.ConsensusPubKey
		}
	}
	if s := e.Slash; s != nil {
		out.Slash = &Slash{Valoper: s.Valoper, InfractionHeight: s.InfractionHeight, InfractionTime: s.InfractionTime.UTC(),
			Power: s.Power, Fraction: s.Fraction, Reason: s.Reason, Tombstoned: s.Tombstoned}
		for _, p := range s.Pairings {
			out.Slash.Pairings = append(out.Slash.Pairings, PairingValue{PairingID: p.PairingId, Value: p.Value})
		}
	}
	return out
}

// queueEmpty reports whether no event is queued.
func (k *Keeper) queueEmpty(ctx context.Context) (bool, error) {
	empty := true
	err := k.queue.Walk(ctx, nil, func(uint64, Event) (bool, error) {
		empty = false
		return true, nil
	})
	return empty, err
}

// raiseSequence sets the next sequence to next unless it is already higher.
func (k *Keeper) raiseSequence(ctx context.Context, next uint64) error {
	current, err := k.sequence.Peek(ctx)
	if err != nil {
		return fmt.Errorf("read sequence: %w", err)
	}
	if next > current {
		return k.sequence.Set(ctx, next)
	}
	return nil
}
