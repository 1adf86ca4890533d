package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// validateGuards checks every pairing's slash meter and queue: a known pairing at most once, set
// and non-negative amounts, a queue that fills exactly [head, tail) with well-formed entries in
// the order they arrived, and a queued amount equal to the sum of their estimates.
func (gs GenesisState) validateGuards(known func(what, id string) error) error {
	seen := map[string]bool{}
	for _, gg := range gs.SlashGuards {
		if err := known("slash guard", gg.Pairing); err != nil {
			return err
		}
		if seen[gg.Pairing] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate slash guard for %q", gg.Pairing)
		}
		seen[gg.Pairing] = true
		if err := gg.validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "slash guard of %q: %v", gg.Pairing, err)
		}
	}
	return nil
}

// validate checks one pairing's guard and queue.
func (gg GenesisSlashGuard) validate() error {
	g := gg.Guard
	for _, f := range []struct {
		name  string
		value math.Int
	}{{"spent", g.Spent}, {"queued", g.Queued}, {"suspect", g.Suspect}} {
		if f.value.IsNil() || f.value.IsNegative() {
			return fmt.Errorf("%s is missing or negative", f.name)
		}
	}
	if g.Tail < g.Head || g.Tail-g.Head != uint64(len(gg.Queue)) {
		return fmt.Errorf("head %d and tail %d do not bound the %d queued reports", g.Head, g.Tail, len(gg.Queue))
	}
	queued := math.ZeroInt()
	for i, e := range gg.Queue {
		if err := e.validate(); err != nil {
			return fmt.Errorf("queued report %d: %v", g.Head+uint64(i), err)
		}
		if i > 0 && e.ReceivedAt.Before(gg.Queue[i-1].ReceivedAt) {
			return fmt.Errorf("queued report %d arrived before the one ahead of it", g.Head+uint64(i))
		}
		queued = queued.Add(e.Estimate)
	}
	if !queued.Equal(g.Queued) {
		return fmt.Errorf("queued is %s, the queued reports estimate %s", g.Queued, queued)
	}
	return nil
}

// validate checks a queued report is well-formed.
func (e QueuedSlash) validate() error {
	switch {
	case e.Validator == "":
		return fmt.Errorf("no validator")
	case e.ReceivedAt.IsZero():
		return fmt.Errorf("no arrival time")
	case e.Estimate.IsNil() || e.Estimate.IsNegative():
		return fmt.Errorf("estimate is missing or negative")
	case e.Ratio != nil && (e.Ratio.IsNil() || e.Ratio.IsNegative() || e.Ratio.GT(math.LegacyOneDec())):
		return fmt.Errorf("ratio must be within [0, 1]")
	case e.Amount != nil && (e.Amount.IsNil() || e.Amount.IsNegative()):
		return fmt.Errorf("amount is negative")
	}
	return nil
}

// validateCrossStakes checks every pairing's running total of cross-stake: a known pairing at
// most once, non-negative, and equal to the sum of its validators' tokens (a pairing without an
// entry counts zero).
func (gs GenesisState) validateCrossStakes(known func(what, id string) error) error {
	sums := map[string]math.Int{}
	for _, v := range gs.Validators {
		if prev, ok := sums[v.Pairing]; ok {
			sums[v.Pairing] = prev.Add(v.Validator.Tokens)
		} else {
			sums[v.Pairing] = v.Validator.Tokens
		}
	}
	totals := map[string]math.Int{}
	for _, c := range gs.CrossStakes {
		if err := known("cross-stake total", c.Pairing); err != nil {
			return err
		}
		if _, dup := totals[c.Pairing]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate cross-stake total for %q", c.Pairing)
		}
		if c.Amount.IsNil() || c.Amount.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "cross-stake total of %q is missing or negative", c.Pairing)
		}
		totals[c.Pairing] = c.Amount
	}
	for _, p := range gs.Pairings {
		sum, total := orZero(sums[p.Id]), orZero(totals[p.Id])
		if !sum.Equal(total) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "cross-stake total of %q is %s, its validators hold %s", p.Id, total, sum)
		}
	}
	return nil
}

// orZero is x, or zero when x is unset.
func orZero(x math.Int) math.Int {
	if x.IsNil() {
		return math.ZeroInt()
	}
	return x
}
