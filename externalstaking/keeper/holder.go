package keeper

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/lienholder"
)

var _ lienholder.KeyedHolder = (*Keeper)(nil)

// Custody implements lienholder.LienHolder: cross-stake is virtual, no tokens leave the vault.
func (k *Keeper) Custody() lienholder.Custody { return lienholder.Virtual }

// ValidateKey implements lienholder.KeyedHolder: the key must name a pairing that takes new stake
// now (active, with an open channel).
func (k *Keeper) ValidateKey(ctx context.Context, key string) error {
	p, err := k.GetPairing(ctx, key)
	if err != nil {
		return err
	}
	return k.takesStake(ctx, p)
}

// takesStake refuses a pairing that is not active or whose channel is not open (none yet, or a
// handshake that has not confirmed).
func (k *Keeper) takesStake(ctx context.Context, p types.ConsumerPairing) error {
	if p.Status != types.PAIRING_STATUS_ACTIVE {
		return types.ErrPairingNotActive.Wrapf("%q is %s", p.Id, p.Status)
	}
	if open, err := k.channelOpen(ctx, p); err != nil {
		return err
	} else if !open {
		return types.ErrChannelNotOpen.Wrapf("%q", p.Id)
	}
	return nil
}

// channelOpen reports whether the pairing has a channel whose handshake completed.
func (k *Keeper) channelOpen(ctx context.Context, p types.ConsumerPairing) (bool, error) {
	if p.ChannelId == "" {
		return false, nil
	}
	opening, err := k.Opening.Has(ctx, p.ChannelId)
	return !opening, err
}

// MaxSlash implements lienholder.LienHolder: the larger of the pairing's two ratios.
func (k *Keeper) MaxSlash(ctx context.Context, holder lienholder.HolderID) (math.LegacyDec, error) {
	p, err := k.GetPairing(ctx, holder.Key)
	if err != nil {
		return math.LegacyDec{}, err
	}
	return p.MaxSlash(), nil
}

// AcceptLien implements lienholder.LienHolder: it records the stake as pending on the position
// (the high end of its range) and queues a stake packet; the acknowledgement commits or rolls
// back the vault's pending lien req.TxID.
func (k *Keeper) AcceptLien(ctx context.Context, req lienholder.LienRequest) error {
	p, err := k.GetPairing(ctx, req.Holder.Key)
	if err != nil {
		return err
	}
	if err := k.takesStake(ctx, p); err != nil {
		return err
	}
	if !req.Amount.IsPositive() || req.Amount.LT(p.MinCrossStake) {
		return types.ErrBelowMinimum.Wrapf("%s, minimum %s", req.Amount, p.MinCrossStake)
	}
	if err := k.checkValidatorName(ctx, p, req.Validator); err != nil {
		return err
	}
	if err := k.requireActive(ctx, p.Id, req.Validator); err != nil {
		return err
	}
	pos, err := k.openPosition(ctx, p, req.Owner, req.Validator)
	if err != nil {
		return err
	}
	pos.PendingStake = pos.PendingStake.Add(req.Amount)
	v, err := k.loadValidator(ctx, p.Id, req.Validator)
	if err != nil {
		return err
	}
	if _, err := sharesFor(v, req.Amount); err != nil {
		return err
	}
	if err := k.savePosition(ctx, p.Id, req.Owner, req.Validator, v, pos); err != nil {
		return err
	}
	owner := req.Owner.String()
	tx := types.PendingTx{Id: req.TxID, Kind: types.PENDING_TX_KIND_STAKE, Pairing: p.Id, Owner: owner,
		Validator: req.Validator, Amount: req.Amount, Shares: math.ZeroInt()}
	if err := k.setPendingTx(ctx, tx); err != nil {
		return err
	}
	if err := k.queueStake(ctx, p.Id, tx); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventStakePending{
		Pairing: p.Id, Owner: owner, Validator: req.Validator, Amount: k.coinString(ctx, req.Amount), TxId: tx.Id,
	})
}

// PendingSlash implements lienholder.LienHolder: the sum over the user's positions of what the
// vault last accounted for less what they are worth now. It reads at most one position per
// validator the user holds, and nothing else when no slash was recorded since.
func (k *Keeper) PendingSlash(ctx context.Context, holder lienholder.HolderID, owner sdk.AccAddress) (math.Int, error) {
	vals, positions, err := k.userPositions(ctx, holder.Key, owner)
	if err != nil {
		return math.Int{}, err
	}
	loss := math.ZeroInt()
	for i, pos := range positions {
		value, err := k.positionValue(ctx, holder.Key, vals[i], pos)
		if err != nil {
			return math.Int{}, err
		}
		if pos.Settled.GT(value) {
			loss = loss.Add(pos.Settled.Sub(value))
		}
	}
	return loss, nil
}

// SlashSettled implements lienholder.LienHolder: what the vault accounts for the user drops by
// exactly the amount it applied, first where the loss is and then wherever some is left (a burn
// in the same settlement may have taken part of the loss already), and the validator that lost
// most is remembered for a later burn.
func (k *Keeper) SlashSettled(ctx context.Context, holder lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	targets, err := k.burnTargets(ctx, holder.Key, owner)
	if err != nil {
		return err
	}
	worst, worstVal := math.ZeroInt(), ""
	for i := range targets {
		t := &targets[i]
		value := tokensOf(t.v, t.pos.Shares)
		for _, e := range t.pos.Unbondings {
			value = value.Add(e.Amount)
		}
		t.cut = subFloor(t.pos.Settled, value)
		if t.cut.GT(worst) {
			worst, worstVal = t.cut, t.val
		}
	}
	lowerSettled(targets, amount)
	for _, t := range targets {
		if err := k.savePosition(ctx, holder.Key, owner, t.val, t.v, t.pos); err != nil {
			return err
		}
	}
	if worstVal == "" {
		return nil
	}
	return k.LastSlashed.Set(ctx, collectionsPair(holder.Key, owner), worstVal)
}
