package keeper

import (
	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// tripIfOver pauses an active pairing whose queued and suspect reports reached the breaker
// threshold (a share of its cross-stake); a zero threshold turns the breaker off.
func (k *Keeper) tripIfOver(ctx sdk.Context, m *meter) error {
	threshold := m.params.BreakerThreshold
	claimed := m.guard.Queued.Add(m.guard.Suspect)
	if m.guard.Tripped || !threshold.IsPositive() || !claimed.IsPositive() {
		return nil
	}
	limit := threshold.MulInt(m.total.Add(m.guard.Spent)).TruncateInt()
	if claimed.LT(limit) {
		return nil
	}
	m.guard.Tripped = true
	if m.pairing.Status == types.PAIRING_STATUS_ACTIVE {
		m.pairing.Status = types.PAIRING_STATUS_PAUSED
		if err := k.savePairing(ctx, m.pairing, "paused by the breaker"); err != nil {
			return err
		}
	}
	return k.emit(ctx, &types.EventBreakerTripped{
		Pairing: m.pairing.Id, Queued: k.coinString(ctx, m.guard.Queued),
		Suspect: k.coinString(ctx, m.guard.Suspect), Threshold: k.coinString(ctx, limit),
	})
}

// resetBreaker clears the breaker of a pairing the authority resumes: suspect claims are
// forgotten, queued reports keep waiting for the meter.
func (k *Keeper) resetBreaker(ctx sdk.Context, pairing string) error {
	g, err := k.getGuard(ctx, pairing)
	if err != nil {
		return err
	}
	g.Tripped, g.Suspect = false, math.ZeroInt()
	return k.SlashGuards.Set(ctx, pairing, g)
}

// requireNotTripped refuses paying rewards out of a pairing the breaker paused.
func (k *Keeper) requireNotTripped(ctx sdk.Context, pairing string) error {
	g, err := k.getGuard(ctx, pairing)
	if err != nil {
		return err
	}
	if g.Tripped {
		return types.ErrWrongPairingStatus.Wrapf("%q is paused by its circuit breaker", pairing)
	}
	return nil
}

// discardQueue drops every queued report of a pairing the authority closes; verified evidence
// still applies on its own, outside the meter.
func (k *Keeper) discardQueue(ctx sdk.Context, pairing string) error {
	g, err := k.getGuard(ctx, pairing)
	if err != nil || g.Head == g.Tail {
		return err
	}
	dropped := g.Tail - g.Head
	for ; g.Head < g.Tail; g.Head++ {
		key := collections.Join(pairing, g.Head)
		e, err := k.SlashQueue.Get(ctx, key)
		if err != nil {
			return err
		}
		if err := k.SlashQueue.Remove(ctx, key); err != nil {
			return err
		}
		if err := k.countQueued(ctx, pairing, e.Validator, -1); err != nil {
			return err
		}
	}
	g.Queued, g.Tripped = math.ZeroInt(), false
	if err := k.SlashGuards.Set(ctx, pairing, g); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventSlashQueueDiscarded{Pairing: pairing, Entries: dropped})
}
