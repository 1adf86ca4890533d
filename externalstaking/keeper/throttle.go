package keeper

import (
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// MaxQueuedSlashesPerBlock bounds the queued reports EndBlock applies per block, over every
// pairing.
const MaxQueuedSlashesPerBlock = 100

// reportInfraction takes an infraction the consumer reported: it applies at once when the meter
// lets it and nothing of the pairing waits, otherwise it joins the pairing's queue, in order.
// Reports for a validator never announced, or claiming more than its recorded stake, add to the
// suspect amount the breaker watches.
func (k *Keeper) reportInfraction(ctx sdk.Context, m *meter, valoper string, inf Infraction) error {
	v, err := k.loadValidator(ctx, m.pairing.Id, valoper)
	if err != nil {
		return err
	}
	m.guard.Suspect = m.guard.Suspect.Add(suspectPart(v, inf))
	cut, err := k.estimateCut(ctx, m.pairing, valoper, v, inf)
	if err != nil {
		return err
	}
	if m.guard.Head == m.guard.Tail && m.fits(cut) {
		return k.apply(ctx, m, valoper, inf, cut)
	}
	return k.enqueue(ctx, m, valoper, inf, cut)
}

// suspectPart is what a report claims beyond what the provider knows of the validator: all of
// its amount for a validator never announced, the excess over the bonded cross-stake otherwise.
func suspectPart(v types.Validator, inf Infraction) math.Int {
	if inf.Amount.IsNil() || !inf.Amount.IsPositive() {
		return math.ZeroInt()
	}
	if ValidatorStatus(v) == types.VALIDATOR_STATUS_UNKNOWN {
		return inf.Amount
	}
	if inf.Amount.GT(v.Tokens) {
		return inf.Amount.Sub(v.Tokens)
	}
	return math.ZeroInt()
}

// estimateCut is what inf would take from v now; zero when it would be skipped.
func (k *Keeper) estimateCut(ctx sdk.Context, p types.ConsumerPairing, valoper string, v types.Validator, inf Infraction) (math.Int, error) {
	apply, err := k.wouldApply(ctx, p.Id, valoper, v, inf)
	if err != nil || !apply {
		return math.ZeroInt(), err
	}
	_, cut := infractionCut(p, v, inf)
	return cut, nil
}

// enqueue appends a report to the pairing's queue; the cost is O(1).
func (k *Keeper) enqueue(ctx sdk.Context, m *meter, valoper string, inf Infraction, estimate math.Int) error {
	seq := m.guard.Tail
	entry := types.QueuedSlash{
		Validator: valoper, InfractionHeight: inf.Height, InfractionTime: inf.Time, DoubleSign: inf.DoubleSign,
		ReceivedAt: ctx.BlockTime(), Estimate: estimate,
	}
	if !inf.Ratio.IsNil() {
		entry.Ratio = &inf.Ratio
	}
	if !inf.Amount.IsNil() {
		entry.Amount = &inf.Amount
	}
	if err := k.SlashQueue.Set(ctx, collections.Join(m.pairing.Id, seq), entry); err != nil {
		return err
	}
	if err := k.countQueued(ctx, m.pairing.Id, valoper, 1); err != nil {
		return err
	}
	m.guard.Tail++
	m.guard.Queued = m.guard.Queued.Add(estimate)
	return k.emit(ctx, &types.EventSlashQueued{
		Pairing: m.pairing.Id, Validator: valoper, InfractionHeight: inf.Height, DoubleSign: inf.DoubleSign,
		Sequence: seq, Estimate: k.coinString(ctx, estimate),
	})
}

// countQueued moves the count of queued reports of a validator by delta (+1 or -1).
func (k *Keeper) countQueued(ctx sdk.Context, pairing, valoper string, delta int) error {
	key := collections.Join(pairing, valoper)
	n, err := k.QueuedForVal.Get(ctx, key)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if delta < 0 {
		if n <= 1 {
			return k.QueuedForVal.Remove(ctx, key)
		}
		return k.QueuedForVal.Set(ctx, key, n-1)
	}
	return k.QueuedForVal.Set(ctx, key, n+1)
}

// hasQueued says whether a report for the validator waits for the meter.
func (k *Keeper) hasQueued(ctx sdk.Context, pairing, valoper string) (bool, error) {
	return k.QueuedForVal.Has(ctx, collections.Join(pairing, valoper))
}

// entryInfraction is the infraction a queued report carries.
func entryInfraction(e types.QueuedSlash) Infraction {
	inf := Infraction{Height: e.InfractionHeight, Time: e.InfractionTime, DoubleSign: e.DoubleSign, ReceivedAt: e.ReceivedAt}
	if e.Ratio != nil {
		inf.Ratio = *e.Ratio
	}
	if e.Amount != nil {
		inf.Amount = *e.Amount
	}
	return inf
}

// drainQueue applies the pairing's queued reports in order while the meter lets them, at most
// budget of them; it returns how many it applied.
func (k *Keeper) drainQueue(ctx sdk.Context, m *meter, budget int) (int, error) {
	done := 0
	for ; done < budget && m.guard.Head < m.guard.Tail; done++ {
		key := collections.Join(m.pairing.Id, m.guard.Head)
		e, err := k.SlashQueue.Get(ctx, key)
		if err != nil {
			return done, err
		}
		inf := entryInfraction(e)
		v, err := k.loadValidator(ctx, m.pairing.Id, e.Validator)
		if err != nil {
			return done, err
		}
		cut, err := k.estimateCut(ctx, m.pairing, e.Validator, v, inf)
		if err != nil || !m.fits(cut) {
			return done, err
		}
		if err := k.apply(ctx, m, e.Validator, inf, cut); err != nil {
			return done, err
		}
		if err := k.popHead(ctx, m, e); err != nil {
			return done, err
		}
	}
	return done, nil
}

// popHead removes the queue's first entry.
func (k *Keeper) popHead(ctx sdk.Context, m *meter, e types.QueuedSlash) error {
	if err := k.SlashQueue.Remove(ctx, collections.Join(m.pairing.Id, m.guard.Head)); err != nil {
		return err
	}
	m.guard.Head++
	m.guard.Queued = m.guard.Queued.Sub(math.MinInt(e.Estimate, m.guard.Queued))
	return k.countQueued(ctx, m.pairing.Id, e.Validator, -1)
}

// drainQueues applies queued reports of every pairing with a queue, within the per-block bound.
func (k *Keeper) drainQueues(ctx sdk.Context) {
	var waiting []types.ConsumerPairing
	iter, err := k.SlashGuards.Iterate(ctx, nil)
	if err != nil {
		return
	}
	for ; iter.Valid(); iter.Next() {
		kv, err := iter.KeyValue()
		if err != nil || kv.Value.Head == kv.Value.Tail {
			continue
		}
		if p, err := k.GetPairing(ctx, kv.Key); err == nil {
			waiting = append(waiting, p)
		}
	}
	iter.Close()
	budget := MaxQueuedSlashesPerBlock
	for _, p := range waiting {
		if budget == 0 {
			return
		}
		k.blockStep(ctx, "applying queued slashes", func(ctx sdk.Context) {
			cache, write := ctx.CacheContext()
			m, err := k.loadMeter(cache, p)
			if err != nil {
				return
			}
			done, err := k.drainQueue(cache, m, budget)
			if err != nil || k.storeMeter(cache, m) != nil {
				return
			}
			budget -= done
			write()
		})
	}
}
