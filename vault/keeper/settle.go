package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

// Settle applies every holder's pending loss for owner: each holder's PendingSlash is applied with
// the reference's slashing rules, losses that the collateral no longer covers are propagated to
// the user's other liens as burns, and collateral the vault holds for a cross-slash is burned. It
// costs O(liens of the user) and nothing per validator or per other user. Every vault message,
// query and holder callback about a user calls it first.
func (k *Keeper) Settle(ctx context.Context, owner sdk.AccAddress) error {
	_, err := k.settle(ctx, owner)
	return err
}

// settle settles owner and returns the settled, saved book. The holders learn of their applied
// losses (SlashSettled) last, once everything is written.
func (k *Keeper) settle(ctx context.Context, owner sdk.AccAddress) (*book, error) {
	b, err := k.loadBook(ctx, owner)
	if err != nil {
		return nil, err
	}
	unconfirmed, err := k.unconfirmedOf(ctx, owner)
	if err != nil || (len(b.liens) == 0 && len(unconfirmed) == 0) {
		return b, err
	}
	heldBefore := b.vaultHeld()
	settled, err := k.collectLosses(ctx, b, unconfirmed)
	if err != nil {
		return nil, err
	}
	if len(settled) > 0 {
		if err := k.applySettlement(ctx, b, heldBefore, settled); err != nil {
			return nil, err
		}
	}
	return b, k.confirmLosses(ctx, b.owner, settled, unconfirmed)
}

// applySettlement finishes the losses applyLoss recorded in b: it restores the invariants with
// further burns where needed, charges the pending liens, saves the book, hands the burns to the
// holders and burns the collateral the vault held for the loss.
func (k *Keeper) applySettlement(ctx context.Context, b *book, heldBefore math.Int, settled []settledLoss) error {
	if err := b.finalize(heldBefore); err != nil {
		return errorsmod.Wrap(types.ErrAccounting, err.Error())
	}
	if err := k.absorbPending(ctx, b); err != nil {
		return err
	}
	if err := k.saveBook(ctx, b); err != nil {
		return err
	}
	if err := k.applyBurns(ctx, b); err != nil {
		return err
	}
	if err := k.burnCollateral(ctx, b.owner, subFloor(heldBefore, b.vaultHeld())); err != nil {
		return err
	}
	for _, s := range settled {
		if err := k.emit(ctx, &types.EventSlashSettled{
			Owner: b.owner.String(), Holder: s.id.String(), Loss: s.loss.String(), Applied: s.applied.String(),
			Collateral: b.collateral.String(),
		}); err != nil {
			return err
		}
	}
	return nil
}

// settledLoss is a holder's loss the vault applied, to be confirmed to the holder once the
// settlement is written.
type settledLoss struct {
	reg     *registration
	id      lienholder.HolderID
	loss    math.Int
	applied math.Int
}

// collectLosses asks each of the user's holders for its pending loss, less what the vault already
// applied and the holder has not acknowledged, and applies it: custodial holders first (their
// tokens are already gone, so their liens must absorb the whole loss before any propagation can
// lower them), then virtual ones, each group in holder order. Every loss is read before any is
// applied, so a propagation never asks a custodial holder to burn tokens its own loss already
// destroyed. It reports the losses it applied.
func (k *Keeper) collectLosses(ctx context.Context, b *book, unconfirmed map[string]math.Int) ([]settledLoss, error) {
	order := b.settlementOrder()
	regs := make([]*registration, len(order))
	for i, e := range order {
		reg, known := k.holders.byKind[e.id.Kind]
		if !known {
			continue
		}
		loss, err := k.pendingSlash(ctx, reg, e.id, b.owner)
		if err != nil {
			return nil, err
		}
		regs[i], e.unapplied = reg, subFloor(loss, orZero(unconfirmed[e.id.String()]))
	}
	var settled []settledLoss
	for i, e := range order {
		loss := e.unapplied
		if regs[i] == nil || loss.IsZero() {
			continue
		}
		e.unapplied = math.ZeroInt()
		applied, err := b.applySlash(e, loss)
		if err != nil {
			return nil, errorsmod.Wrap(types.ErrAccounting, err.Error())
		}
		if e.custodial {
			if err := k.reduceLent(ctx, e.id.String(), applied); err != nil {
				return nil, err
			}
		}
		settled = append(settled, settledLoss{reg: regs[i], id: e.id, loss: loss, applied: applied})
	}
	return settled, nil
}

// pendingSlash reads a holder's unsettled loss for owner and checks it is a non-negative amount.
func (k *Keeper) pendingSlash(ctx context.Context, reg *registration, id lienholder.HolderID, owner sdk.AccAddress) (math.Int, error) {
	var loss math.Int
	err := callHolder(ctx, owner, id, "PendingSlash", 0, func(ctx context.Context) error {
		var err error
		loss, err = reg.holder.PendingSlash(ctx, id, owner)
		return err
	})
	if err != nil {
		return loss, errorsmod.Wrapf(types.ErrHolderFailed, "pending slash of %s: %s", id, err)
	}
	if loss.IsNil() {
		return math.ZeroInt(), nil
	}
	if loss.IsNegative() {
		return loss, errorsmod.Wrapf(types.ErrHolderFailed, "%s reported a negative loss", id)
	}
	return loss, nil
}

// applyBurns hands each propagated loss to its holder; custodial holders destroy the tokens, so
// the vault's lent figure drops with them.
func (k *Keeper) applyBurns(ctx context.Context, b *book) error {
	for _, br := range b.burns {
		reg, known := k.holders.byKind[br.entry.id.Kind]
		if !known {
			continue
		}
		id, amount := br.entry.id, br.amount
		if err := callHolder(ctx, b.owner, id, "BurnStake", 0, func(ctx context.Context) error {
			return reg.holder.BurnStake(ctx, id, b.owner, amount)
		}); err != nil {
			return errorsmod.Wrapf(types.ErrHolderFailed, "burn on %s: %s", id, err)
		}
		if br.entry.custodial {
			if err := k.reduceLent(ctx, id.String(), amount); err != nil {
				return err
			}
		}
		if err := k.emit(ctx, &types.EventStakeBurned{
			Owner: b.owner.String(), Holder: id.String(), Amount: amount.String(),
		}); err != nil {
			return err
		}
	}
	b.burns = nil
	return nil
}
