package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

// Settle applies every holder's pending loss for owner (DESIGN.md D3): each holder's PendingSlash
// is applied with the reference's slashing rules, losses that the collateral no longer covers are
// propagated to the user's other liens as burns, and collateral the vault holds for a cross-slash is
// burned. It costs O(liens of the user) and nothing per validator or per other user. Every vault
// message, query and holder callback about a user calls it first.
func (k *Keeper) Settle(ctx context.Context, owner sdk.AccAddress) error {
	_, err := k.settle(ctx, owner)
	return err
}

// settle settles owner and returns the settled, saved book.
func (k *Keeper) settle(ctx context.Context, owner sdk.AccAddress) (*book, error) {
	b, err := k.loadBook(ctx, owner)
	if err != nil || len(b.liens) == 0 {
		return b, err
	}
	heldBefore := b.vaultHeld()
	settled, err := k.collectLosses(ctx, b)
	if err != nil || len(settled) == 0 {
		return b, err
	}
	if err := b.finalize(heldBefore); err != nil {
		return nil, errorsmod.Wrap(types.ErrAccounting, err.Error())
	}
	if err := k.absorbPending(ctx, b); err != nil {
		return nil, err
	}
	if err := k.saveBook(ctx, b); err != nil {
		return nil, err
	}
	if err := k.applyBurns(ctx, b); err != nil {
		return nil, err
	}
	if err := k.burnCollateral(ctx, owner, subFloor(heldBefore, b.vaultHeld())); err != nil {
		return nil, err
	}
	return b, k.notifySettled(ctx, b, settled)
}

// settledLoss is a holder's loss the vault applied, to be confirmed to the holder once the
// settlement is written.
type settledLoss struct {
	reg     *registration
	id      lienholder.HolderID
	loss    math.Int
	applied math.Int
}

// notifySettled emits each applied loss with the collateral the settlement left, then tells each
// holder which loss was applied, after everything is written, so a holder may call back into the
// vault from SlashSettled.
func (k *Keeper) notifySettled(ctx context.Context, b *book, settled []settledLoss) error {
	for _, s := range settled {
		if err := k.emit(ctx, &types.EventSlashSettled{
			Owner: b.owner.String(), Holder: s.id.String(), Loss: s.loss.String(), Applied: s.applied.String(),
			Collateral: b.collateral.String(),
		}); err != nil {
			return err
		}
	}
	for _, s := range settled {
		if err := s.reg.holder.SlashSettled(ctx, s.id, b.owner, s.loss); err != nil {
			return errorsmod.Wrapf(types.ErrHolderFailed, "slash settled on %s: %s", s.id, err)
		}
	}
	return nil
}

// collectLosses asks each of the user's holders for its pending loss and applies it, custodial
// holders first (their tokens are already gone, so their liens must absorb the whole loss before
// any propagation can lower them), then virtual ones, each group in holder order. It reports
// the losses it applied.
func (k *Keeper) collectLosses(ctx context.Context, b *book) ([]settledLoss, error) {
	var settled []settledLoss
	for _, e := range b.settlementOrder() {
		reg, known := k.holders.byKind[e.id.Kind]
		if !known {
			continue
		}
		loss, err := reg.holder.PendingSlash(ctx, e.id, b.owner)
		if err != nil {
			return nil, errorsmod.Wrapf(types.ErrHolderFailed, "pending slash of %s: %s", e.id, err)
		}
		if loss.IsNil() || loss.IsZero() {
			continue
		}
		if loss.IsNegative() {
			return nil, errorsmod.Wrapf(types.ErrHolderFailed, "%s reported a negative loss", e.id)
		}
		applied, err := b.applySlash(e, loss)
		if err != nil {
			return nil, errorsmod.Wrap(types.ErrAccounting, err.Error())
		}
		if e.custodial {
			if err := k.reduceLent(ctx, e.id.String(), applied); err != nil {
				return nil, err
			}
		}
		settled = append(settled, settledLoss{reg: reg, id: e.id, loss: loss, applied: applied})
	}
	return settled, nil
}

// applyBurns hands each propagated loss to its holder; custodial holders destroy the tokens, so
// the vault's lent figure drops with them.
func (k *Keeper) applyBurns(ctx context.Context, b *book) error {
	for _, br := range b.burns {
		reg, known := k.holders.byKind[br.entry.id.Kind]
		if !known {
			continue
		}
		if err := reg.holder.BurnStake(ctx, br.entry.id, b.owner, br.amount); err != nil {
			return errorsmod.Wrapf(types.ErrHolderFailed, "burn on %s: %s", br.entry.id, err)
		}
		if br.entry.custodial {
			if err := k.reduceLent(ctx, br.entry.id.String(), br.amount); err != nil {
				return err
			}
		}
		if err := k.emit(ctx, &types.EventStakeBurned{
			Owner: b.owner.String(), Holder: br.entry.id.String(), Amount: br.amount.String(),
		}); err != nil {
			return err
		}
	}
	b.burns = nil
	return nil
}
