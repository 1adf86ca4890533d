package keeper

import (
	"context"
	"time"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/converter/types"
)

// CreatePairing stores a new pairing, active and without a channel; its price counts as set now.
func (k *Keeper) CreatePairing(ctx context.Context, p types.ProviderPairing) error {
	if err := p.ValidateTerms(); err != nil {
		return err
	}
	if has, err := k.PairingStore.Has(ctx, p.Id); err != nil {
		return err
	} else if has {
		return types.ErrPairingExists.Wrapf("%q", p.Id)
	}
	if p.ChannelId != "" || !p.ClosedAt.IsZero() || p.Status > types.PAIRING_STATUS_ACTIVE {
		return types.ErrInvalidPairing.Wrap("a new pairing has no channel, is not closed and starts active")
	}
	p.Status = types.PAIRING_STATUS_ACTIVE
	p.FixedPrice.SetAt = sdk.UnwrapSDKContext(ctx).BlockTime()
	return k.savePairing(ctx, p, "created")
}

// UpdatePairing replaces the terms of a pairing; its id, status, channel, price time and close
// time are kept. A cap of zero makes virtual staking unwind the pairing.
func (k *Keeper) UpdatePairing(ctx context.Context, terms types.ProviderPairing) error {
	old, err := k.GetPairing(ctx, terms.Id)
	if err != nil {
		return err
	}
	terms.Status, terms.ChannelId, terms.ClosedAt = old.Status, old.ChannelId, old.ClosedAt
	terms.FixedPrice.SetAt = old.FixedPrice.SetAt
	if err := terms.ValidateTerms(); err != nil {
		return err
	}
	return k.savePairing(ctx, terms, "updated")
}

// UpdatePrice sets the pairing's fixed price, valid from now.
func (k *Keeper) UpdatePrice(ctx context.Context, id string, price math.LegacyDec) error {
	if err := types.ValidatePrice(price); err != nil {
		return err
	}
	p, err := k.GetPairing(ctx, id)
	if err != nil {
		return err
	}
	p.FixedPrice.Price, p.FixedPrice.SetAt = price, sdk.UnwrapSDKContext(ctx).BlockTime()
	if err := k.PairingStore.Set(ctx, id, p); err != nil {
		return err
	}
	k.emit(ctx, &types.EventPriceUpdated{Pairing: id, Price: price.String()})
	return nil
}

// PausePairing stops new stake on an active pairing.
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

// ClosePairing closes a pairing: it takes no more packets, virtual staking unwinds it and the
// pairing's end of its channel closes, so a relayer closes the provider's end and the provider
// its pairing. A channel that cannot close (none, already closed, or a client that is not
// active) leaves the pairing closed all the same; an event says which.
func (k *Keeper) ClosePairing(ctx context.Context, id string) error {
	p, err := k.GetPairing(ctx, id)
	if err != nil {
		return err
	}
	if p.Status == types.PAIRING_STATUS_CLOSED {
		return types.ErrWrongPairingStatus.Wrapf("%q is already closed", id)
	}
	if err := k.closePairing(ctx, p); err != nil {
		return err
	}
	k.closeChannel(sdk.UnwrapSDKContext(ctx), p)
	return nil
}

// closePairing marks p closed now and hands it to virtual staking's unwind.
func (k *Keeper) closePairing(ctx context.Context, p types.ProviderPairing) error {
	p.Status, p.ClosedAt = types.PAIRING_STATUS_CLOSED, sdk.UnwrapSDKContext(ctx).BlockTime()
	if err := k.savePairing(ctx, p, "closed"); err != nil {
		return err
	}
	if k.refs.virtual != nil {
		k.refs.virtual.UnwindPairing(ctx, p.Id)
	}
	return nil
}

// ReopenPairing makes a paused pairing active again, or a closed one whose requests are all
// unwound active without a channel, waiting for a new one.
func (k *Keeper) ReopenPairing(ctx context.Context, id string) error {
	p, err := k.GetPairing(ctx, id)
	if err != nil {
		return err
	}
	switch p.Status {
	case types.PAIRING_STATUS_PAUSED:
	case types.PAIRING_STATUS_CLOSED:
		total, err := getInt(ctx, k.PairingTotals, id)
		if err != nil {
			return err
		}
		if !total.IsZero() {
			return types.ErrWrongPairingStatus.Wrapf("%q still has requests to unwind", id)
		}
		if p.ChannelId != "" {
			if err := k.Channels.Remove(ctx, p.ChannelId); err != nil {
				return err
			}
			if err := k.Opening.Remove(ctx, p.ChannelId); err != nil {
				return err
			}
		}
		_ = k.ValsetDrafts.Remove(ctx, id)
		_ = k.ValsetInFlight.Remove(ctx, id)
		p.ChannelId, p.ClosedAt = "", time.Time{}
	default:
		return types.ErrWrongPairingStatus.Wrapf("%q is %s", id, p.Status)
	}
	p.Status = types.PAIRING_STATUS_ACTIVE
	return k.savePairing(ctx, p, "reopened")
}

// savePairing stores p and emits the change.
func (k *Keeper) savePairing(ctx context.Context, p types.ProviderPairing, action string) error {
	if err := k.PairingStore.Set(ctx, p.Id, p); err != nil {
		return err
	}
	k.emit(ctx, &types.EventPairingChanged{Pairing: p.Id, Action: action, Status: p.Status.String()})
	return nil
}
