package keeper

import (
	"context"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// CreatePairing stores a new pairing, active and without a channel.
func (k *Keeper) CreatePairing(ctx context.Context, p types.ConsumerPairing) error {
	if err := p.ValidateTerms(); err != nil {
		return err
	}
	if has, err := k.Pairings.Has(ctx, p.Id); err != nil {
		return err
	} else if has {
		return types.ErrPairingExists.Wrapf("%q", p.Id)
	}
	if p.ChannelId != "" || !p.ClosedAt.IsZero() || p.Status > types.PAIRING_STATUS_ACTIVE {
		return types.ErrInvalidPairing.Wrap("a new pairing has no channel, is not closed and starts active")
	}
	p.Status = types.PAIRING_STATUS_ACTIVE
	return k.savePairing(ctx, p, "created")
}

// UpdatePairing replaces the terms of a pairing; its id, status, channel and times are kept.
func (k *Keeper) UpdatePairing(ctx context.Context, terms types.ConsumerPairing) error {
	if err := terms.ValidateTerms(); err != nil {
		return err
	}
	old, err := k.GetPairing(ctx, terms.Id)
	if err != nil {
		return err
	}
	terms.Status, terms.ChannelId, terms.ClosedAt = old.Status, old.ChannelId, old.ClosedAt
	terms.ClientUnhealthySince, terms.Generation = old.ClientUnhealthySince, old.Generation
	return k.savePairing(ctx, terms, "updated")
}

// PausePairing stops new cross-stake on an active pairing.
func (k *Keeper) PausePairing(ctx context.Context, id string) error {
	p, err := k.GetPairing(ctx, id)
	if err != nil {
		return err
	}
	if p.Status != types.PAIRING_STATUS_ACTIVE {
		return types.ErrWrongPairingStatus.Wrapf("%q is %s", id, p.Status)
	}
	p.Status = types.PAIRING_STATUS_PAUSED
	return k.savePairing(ctx, p, "paused")
}

// ClosePairing closes a pairing now, discards the slash reports waiting for its meter and closes
// the pairing's end of its channel, so a relayer closes the consumer's end and the consumer its
// pairing. A channel that cannot close (none, already closed, or a client that is not active, as a
// halted consumer's) leaves the pairing closed all the same; an event says which. Every stake
// becomes withdrawable one unbonding period later; the cost is O(1).
func (k *Keeper) ClosePairing(ctx context.Context, id, reason string) error {
	p, err := k.GetPairing(ctx, id)
	if err != nil {
		return err
	}
	if p.Status == types.PAIRING_STATUS_CLOSED {
		return types.ErrWrongPairingStatus.Wrapf("%q is already closed", id)
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if err := k.discardQueue(sdkCtx, id); err != nil {
		return err
	}
	if err := k.closeAt(ctx, p, reason); err != nil {
		return err
	}
	return k.closeChannel(sdkCtx, p)
}

// closeAt marks p closed at the block time.
func (k *Keeper) closeAt(ctx context.Context, p types.ConsumerPairing, reason string) error {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	p.Status, p.ClosedAt = types.PAIRING_STATUS_CLOSED, now
	if err := k.savePairing(ctx, p, "closed"); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventPairingClosedAt{
		Pairing: p.Id, ClosedAt: now, Reason: reason,
	})
}

// ReopenPairing makes a paused pairing active again (clearing its circuit breaker), or a closed one once everything staked
// through it could leave (one unbonding period after the close) and no operation of it is pending;
// a reopened closed pairing waits
// for a new channel and starts a new generation, whose positions are separate from the old ones.
func (k *Keeper) ReopenPairing(ctx context.Context, id string) error {
	p, err := k.GetPairing(ctx, id)
	if err != nil {
		return err
	}
	switch p.Status {
	case types.PAIRING_STATUS_PAUSED:
		if err := k.resetBreaker(sdk.UnwrapSDKContext(ctx), id); err != nil {
			return err
		}
	case types.PAIRING_STATUS_CLOSED:
		now := sdk.UnwrapSDKContext(ctx).BlockTime()
		if now.Before(p.ClosedRelease()) {
			return types.ErrWrongPairingStatus.Wrapf("%q can reopen from %s", id, p.ClosedRelease())
		}
		if pending, err := k.hasPendingTxs(ctx, id); err != nil {
			return err
		} else if pending {
			return types.ErrWrongPairingStatus.Wrapf("%q has operations pending: their users withdraw first", id)
		}
		if err := k.unbindChannel(sdk.UnwrapSDKContext(ctx), p.ChannelId); err != nil {
			return err
		}
		p.ChannelId, p.Generation, p.ClosedAt = "", p.Generation+1, time.Time{}
	default:
		return types.ErrWrongPairingStatus.Wrapf("%q is %s", id, p.Status)
	}
	p.Status = types.PAIRING_STATUS_ACTIVE
	return k.savePairing(ctx, p, "reopened")
}

// savePairing stores p and emits the change.
func (k *Keeper) savePairing(ctx context.Context, p types.ConsumerPairing, action string) error {
	if err := k.Pairings.Set(ctx, p.Id, p); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventPairingChanged{
		Pairing: p.Id, Action: action, Status: p.Status.String(),
	})
}
