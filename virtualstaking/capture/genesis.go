package capture

import (
	"context"
	"fmt"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// State is everything the keeper holds between blocks, for virtual staking's genesis export and
// import. The marks of slashes awaiting the tombstone check live within one block and are not part
// of it.
type State struct {
	// Events are the queued events, oldest first, with their sequence numbers.
	Events []QueuedEvent `json:"events"`
	// NextSequence is the sequence number the next event gets.
	NextSequence uint64 `json:"next_sequence"`
	// BlockTimes is the height to time ring, in ascending height.
	BlockTimes []BlockTime `json:"block_times"`
	// Validators are the last changes the hooks saw, by validator.
	Validators []ValidatorRecord `json:"validators"`
}

// QueuedEvent is one queued event with its sequence number.
type QueuedEvent struct {
	// Sequence is the event's place in the queue.
	Sequence uint64 `json:"sequence"`
	// Event is the queued event.
	Event Event `json:"event"`
}

// BlockTime is one entry of the height to time ring.
type BlockTime struct {
	// Height is the block's height.
	Height int64 `json:"height"`
	// Time is the block's time.
	Time time.Time `json:"time"`
}

// ValidatorRecord is the last change the hooks saw for one validator.
type ValidatorRecord struct {
	// Validator is the validator's operator address.
	Validator sdk.ValAddress `json:"validator"`
	// State is the last change seen.
	State ValidatorState `json:"state"`
}

// Validate checks that sequence numbers and heights ascend, every queued event is below
// NextSequence and holds exactly one of a change or a slash, and validators are not repeated.
func (s State) Validate() error {
	for i, e := range s.Events {
		if i > 0 && e.Sequence <= s.Events[i-1].Sequence {
			return ErrInvalidState.Wrapf("event sequence %d does not ascend", e.Sequence)
		}
		if e.Sequence >= s.NextSequence {
			return ErrInvalidState.Wrapf("event sequence %d not below the next sequence %d", e.Sequence, s.NextSequence)
		}
		if (e.Event.Change == nil) == (e.Event.Slash == nil) {
			return ErrInvalidState.Wrapf("event %d must hold exactly one of a change and a slash", e.Sequence)
		}
	}
	for i, b := range s.BlockTimes {
		if i > 0 && b.Height <= s.BlockTimes[i-1].Height {
			return ErrInvalidState.Wrapf("block time height %d does not ascend", b.Height)
		}
	}
	seen := map[string]bool{}
	for _, v := range s.Validators {
		if len(v.Validator) == 0 || seen[string(v.Validator)] {
			return ErrInvalidState.Wrapf("validator %s empty or repeated", v.Validator)
		}
		seen[string(v.Validator)] = true
	}
	return nil
}

// ExportState returns the keeper's state.
func (k *Keeper) ExportState(ctx context.Context) (State, error) {
	var s State
	var err error
	if s.NextSequence, err = k.sequence.Peek(ctx); err != nil {
		return State{}, err
	}
	err = k.queue.Walk(ctx, nil, func(seq uint64, e Event) (bool, error) {
		s.Events = append(s.Events, QueuedEvent{Sequence: seq, Event: e})
		return false, nil
	})
	if err != nil {
		return State{}, err
	}
	err = k.blockTimes.Walk(ctx, nil, func(height, nanos int64) (bool, error) {
		s.BlockTimes = append(s.BlockTimes, BlockTime{Height: height, Time: time.Unix(0, nanos).UTC()})
		return false, nil
	})
	if err != nil {
		return State{}, err
	}
	err = k.states.Walk(ctx, nil, func(val sdk.ValAddress, state ValidatorState) (bool, error) {
		s.Validators = append(s.Validators, ValidatorRecord{Validator: val, State: state})
		return false, nil
	})
	return s, err
}

// ImportState writes an exported state. Staking hooks may already have queued events in this
// InitChain (a fresh genesis bonds its validators before virtual staking's genesis runs); they
// are kept, after the imported ones, when the imported state has no events, and an import with
// events into a non-empty queue is refused.
func (k *Keeper) ImportState(ctx context.Context, s State) error {
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
		if err := k.queue.Set(ctx, e.Sequence, e.Event); err != nil {
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
		if err := k.states.Set(ctx, v.Validator, v.State); err != nil {
			return err
		}
	}
	return nil
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
