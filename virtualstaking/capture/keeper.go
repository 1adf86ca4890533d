// Package capture records what happens to this chain's validators for virtual staking, so the
// providers whose stake backs them learn of it. x/slashing and x/evidence have no hooks and
// x/staking's slash hook carries only the effective fraction, so the package combines three
// sources: staking hooks (a validator bonded, began unbonding, was removed), a decorator of the
// staking keeper x/slashing is built with (every slash, jail and unjail, from downtime and from
// x/evidence alike) and an end-blocker that checks tombstoning and delivers the queue to a
// Reporter within a per-block bound. Hooks and the decorator never fail and only append to the
// queue; the end-blocker delivers each event in a cache context of its own.
package capture

import (
	"errors"

	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	"cosmossdk.io/log"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Collection prefixes. The package shares virtual staking's store and owns prefixes 100 to 119.
var (
	// QueuePrefix holds the events waiting for the reporter, by sequence number.
	QueuePrefix = collections.NewPrefix(100)
	// SequencePrefix holds the next sequence number of the queue.
	SequencePrefix = collections.NewPrefix(101)
	// BlockTimesPrefix holds the height to time ring.
	BlockTimesPrefix = collections.NewPrefix(102)
	// SlashedPrefix holds this block's slashes, by sequence number, with the validator's
	// consensus address, for the tombstone check.
	SlashedPrefix = collections.NewPrefix(103)
	// ValidatorStatesPrefix holds the last change the hooks saw per existing validator.
	ValidatorStatesPrefix = collections.NewPrefix(104)
)

// Config holds what NewKeeper needs.
type Config struct {
	// StoreService is the store the keeper's collections live in (virtual staking's).
	StoreService store.KVStoreService
	// StakingKeeper is x/staking's keeper, read by the hooks.
	StakingKeeper StakingKeeper
	// ValidatorAddressCodec encodes operator addresses (x/staking's).
	ValidatorAddressCodec address.Codec
	// VirtualStake values virtual stake per pairing around each slash. It may be bound later with
	// SetVirtualStake, before the first block.
	VirtualStake VirtualStake
	// Reporter receives the events. It may be bound later with SetReporter; until then events
	// stay queued.
	Reporter Reporter
	// Logger receives what the hooks and the decorator cannot return.
	Logger log.Logger
}

// Keeper holds the captured events until the end-blocker delivers them.
type Keeper struct {
	staking    StakingKeeper
	valCodec   address.Codec
	virtual    VirtualStake
	reporter   Reporter
	tombstones TombstoneChecker
	logger     log.Logger

	queue      collections.Map[uint64, Event]
	sequence   collections.Sequence
	blockTimes collections.Map[int64, int64]
	slashed    collections.Map[uint64, []byte]
	states     collections.Map[sdk.ValAddress, ValidatorState]
}

// NewKeeper builds the keeper. The tombstone checker is bound later with SetTombstoneChecker:
// x/slashing is built with this keeper's decorator, so it cannot exist yet.
func NewKeeper(cfg Config) (*Keeper, error) {
	if cfg.StoreService == nil || cfg.StakingKeeper == nil || cfg.ValidatorAddressCodec == nil {
		return nil, ErrNotWired.Wrap("store service, staking keeper and validator address codec are required")
	}
	logger := cfg.Logger
	if logger == nil {
		logger = log.NewNopLogger()
	}
	sb := collections.NewSchemaBuilder(cfg.StoreService)
	k := &Keeper{
		staking:  cfg.StakingKeeper,
		valCodec: cfg.ValidatorAddressCodec,
		virtual:  cfg.VirtualStake,
		reporter: cfg.Reporter,
		logger:   logger.With("module", "x/virtualstaking/capture"),
		queue:    collections.NewMap(sb, QueuePrefix, "capture_queue", collections.Uint64Key, jsonValue[Event]{}),
		sequence: collections.NewSequence(sb, SequencePrefix, "capture_sequence"),
		blockTimes: collections.NewMap(sb, BlockTimesPrefix, "capture_block_times",
			collections.Int64Key, collections.Int64Value),
		slashed: collections.NewMap(sb, SlashedPrefix, "capture_slashed", collections.Uint64Key, collections.BytesValue),
		states: collections.NewMap(sb, ValidatorStatesPrefix, "capture_validator_states",
			sdk.ValAddressKey, jsonValue[ValidatorState]{}),
	}
	if _, err := sb.Build(); err != nil {
		return nil, err
	}
	return k, nil
}

// SetTombstoneChecker binds x/slashing's keeper, which the end-blocker asks whether a validator
// slashed in the block was tombstoned. Until it is bound, no slash is marked tombstoned.
// x/slashing is built with this keeper's decorator, so it cannot be passed to NewKeeper.
func (k *Keeper) SetTombstoneChecker(t TombstoneChecker) {
	k.tombstones = t
}

// SetVirtualStake binds virtual staking's valuation, for a virtual staking keeper built after
// x/slashing. Until it is bound, slashes are recorded with no pairing.
func (k *Keeper) SetVirtualStake(v VirtualStake) {
	k.virtual = v
}

// SetReporter binds the converter, for a converter built after x/slashing. Until it is bound,
// events stay queued.
func (k *Keeper) SetReporter(r Reporter) {
	k.reporter = r
}

// ValidatorState returns the last change the hooks saw for val; found is false when they saw
// none or x/staking has since deleted the validator.
func (k *Keeper) ValidatorState(ctx context.Context, val sdk.ValAddress) (state ValidatorState, found bool, err error) {
	state, err = k.states.Get(ctx, val)
	if err != nil {
		if errors.Is(err, collections.ErrNotFound) {
			return ValidatorState{}, false, nil
		}
		return ValidatorState{}, false, err
	}
	return state, true, nil
}

// PendingEvents returns up to limit queued events, oldest first.
func (k *Keeper) PendingEvents(ctx context.Context, limit int) ([]Event, error) {
	var events []Event
	if limit <= 0 {
		return nil, nil
	}
	err := k.queue.Walk(ctx, nil, func(_ uint64, e Event) (bool, error) {
		events = append(events, e)
		return len(events) >= limit, nil
	})
	return events, err
}

// enqueue appends an event to the queue and returns its sequence number. It logs instead of
// failing, since its callers must not fail.
func (k *Keeper) enqueue(ctx context.Context, e Event) (uint64, bool) {
	seq, err := k.sequence.Next(ctx)
	if err == nil {
		err = k.queue.Set(ctx, seq, e)
	}
	if err != nil {
		k.logger.Error("chain event not captured", "error", err)
		return 0, false
	}
	return seq, true
}
