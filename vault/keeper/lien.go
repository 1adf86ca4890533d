package keeper

import (
	"context"
	"errors"
	stdmath "math"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/valuerange"
	"github.com/meshsecurity/mesh/vault/types"
)

// StakeRequest is a user's request to put a lien for a holder on collateral.
type StakeRequest struct {
	// Owner is the user whose collateral carries the lien.
	Owner sdk.AccAddress
	// Holder is the lien holder asked to accept the lien.
	Holder lienholder.HolderID
	// Amount is the lien increase, in the collateral denom.
	Amount sdk.Coin
	// Validator is the holder's validator (or other target) to stake with.
	Validator string
	// Payload is passed to the holder unread (reference: the optional stake message).
	Payload []byte
}

// Stake opens or grows the user's lien with a holder (the reference's stake). A custodial holder
// gets the tokens and the lien at once; a virtual holder gets a pending lien that it commits or
// rolls back later, and its id is returned. The holder may refuse. Stake is atomic: on any error,
// the refusal included, nothing it did is kept.
func (k *Keeper) Stake(ctx context.Context, req StakeRequest) (uint64, error) {
	var id uint64
	err := k.atomic(ctx, func(ctx context.Context) error {
		var err error
		id, err = k.stake(ctx, req)
		return err
	})
	return id, err
}

// stake does Stake's work, leaving atomicity to its caller.
func (k *Keeper) stake(ctx context.Context, req StakeRequest) (uint64, error) {
	if err := k.checkCoin(ctx, req.Amount); err != nil {
		return 0, err
	}
	if err := req.Holder.Validate(); err != nil {
		return 0, errorsmod.Wrap(types.ErrUnknownHolder, err.Error())
	}
	reg, err := k.lookup(req.Holder)
	if err != nil {
		return 0, err
	}
	if err := k.checkKey(ctx, reg, req.Holder); err != nil {
		return 0, err
	}
	b, err := k.settle(ctx, req.Owner)
	if err != nil {
		return 0, err
	}
	e, err := k.lienFor(ctx, b, reg, req.Holder)
	if err != nil {
		return 0, err
	}
	free := b.free().Low
	slashAmt, err := b.growLien(e, req.Amount.Amount)
	if errors.Is(err, types.ErrInsufficientCollateral) {
		return 0, errorsmod.Wrapf(types.ErrInsufficientCollateral,
			"you asked to stake %s with %s but your collateral is %s, of which %s is free; bond more or stake less",
			req.Amount, req.Holder, sdk.NewCoin(req.Amount.Denom, b.collateral), sdk.NewCoin(req.Amount.Denom, free))
	}
	if err != nil {
		return 0, err
	}
	if err := k.saveBook(ctx, b); err != nil {
		return 0, err
	}
	pendingID, err := k.startLien(ctx, reg, req, slashAmt)
	if err != nil {
		return 0, err
	}
	lienReq := lienholder.LienRequest{
		Holder: req.Holder, Owner: req.Owner, Amount: req.Amount.Amount,
		Validator: req.Validator, Payload: req.Payload, TxID: pendingID,
	}
	if err := callHolder(ctx, req.Owner, req.Holder, "AcceptLien", pendingID, func(ctx context.Context) error {
		return reg.holder.AcceptLien(ctx, lienReq)
	}); err != nil {
		return 0, errorsmod.Wrapf(lienholder.ErrLienRefused, "%s: %s", req.Holder, err)
	}
	return pendingID, k.emit(ctx, &types.EventLienOpened{
		Owner: req.Owner.String(), Holder: req.Holder.String(), Amount: req.Amount.Amount.String(), PendingId: pendingID,
	})
}

// lienFor returns the user's lien with the holder, creating it with the holder's current max
// slash ratio; an existing lien keeps the ratio it was created with.
func (k *Keeper) lienFor(ctx context.Context, b *book, reg *registration, id lienholder.HolderID) (*lienEntry, error) {
	if e := b.lien(id); e != nil {
		return e, nil
	}
	var ratio math.LegacyDec
	err := callHolder(ctx, b.owner, id, "MaxSlash", 0, func(ctx context.Context) error {
		var err error
		ratio, err = reg.holder.MaxSlash(ctx, id)
		return err
	})
	if err != nil {
		return nil, errorsmod.Wrapf(lienholder.ErrLienRefused, "%s max slash: %s", id, err)
	}
	if ratio.IsNil() || ratio.IsNegative() || ratio.GT(math.LegacyOneDec()) {
		return nil, errorsmod.Wrapf(types.ErrHolderFailed, "%s max slash %v outside [0, 1]", id, ratio)
	}
	e := &lienEntry{
		id: id, amount: valuerange.Zero(), ratio: ratio, slashable: valuerange.Zero(),
		custodial: reg.custody == lienholder.Custodial, unapplied: math.ZeroInt(),
	}
	b.addLien(e)
	return e, nil
}

// growLien adds amount to the lien, at once for a custodial holder and as a pending increase for
// a virtual one, and checks the collateral still covers the largest lien, the total slashable, and
// (for custodial liens) the tokens the holders would hold. It returns the slashable increase.
func (b *book) growLien(e *lienEntry, amount math.Int) (math.Int, error) {
	slashAmt, err := valuerange.MulFloor(amount, e.ratio)
	if err != nil {
		return math.Int{}, errorsmod.Wrap(types.ErrAccounting, err.Error())
	}
	grow := valuerange.Range.PrepareAddWithin
	if e.custodial {
		grow = valuerange.Range.Add
	}
	if e.amount, err = grow(e.amount, amount, b.collateral); err != nil {
		return math.Int{}, errorsmod.Wrapf(types.ErrInsufficientCollateral, "lien %s: %s", e.id, err)
	}
	if e.slashable, err = grow(e.slashable, slashAmt, b.collateral); err != nil {
		return math.Int{}, errorsmod.Wrapf(types.ErrInsufficientCollateral, "slashable %s: %s", e.id, err)
	}
	if err := b.normalize(); err != nil {
		return math.Int{}, errorsmod.Wrap(types.ErrAccounting, err.Error())
	}
	if used := valuerange.MaxRange(b.maxLien, b.slashable).High; used.GT(b.collateral) {
		return math.Int{}, errorsmod.Wrapf(types.ErrInsufficientCollateral,
			"collateral %s does not cover %s", b.collateral, used)
	}
	if e.custodial && b.custodialTotal().GT(b.collateral) {
		return math.Int{}, errorsmod.Wrapf(types.ErrInsufficientCollateral,
			"collateral %s does not cover custodial liens %s", b.collateral, b.custodialTotal())
	}
	return slashAmt, nil
}

// startLien moves tokens to a custodial holder, or records a pending lien for a virtual one.
func (k *Keeper) startLien(ctx context.Context, reg *registration, req StakeRequest, slashAmt math.Int) (uint64, error) {
	if reg.custody == lienholder.Custodial {
		return 0, k.lend(ctx, reg, req.Holder, req.Owner, req.Amount.Amount)
	}
	if err := k.checkPendingRoom(ctx, req.Owner); err != nil {
		return 0, err
	}
	last, err := k.LastPendingID.Peek(ctx)
	if err != nil {
		return 0, err
	}
	if last == stdmath.MaxUint64 {
		return 0, errorsmod.Wrap(types.ErrPendingIDsExhausted, "the next id would wrap to 0 and overwrite live pending liens")
	}
	id := last + 1
	if err := k.LastPendingID.Set(ctx, id); err != nil {
		return 0, err
	}
	pending := types.PendingLien{
		Id: id, Owner: req.Owner.String(), Holder: req.Holder.String(), Amount: req.Amount.Amount,
		SlashableAmount: slashAmt, Absorbed: math.ZeroInt(),
	}
	return id, k.setPending(ctx, req.Owner, pending)
}

// checkPendingRoom refuses a new pending lien when the user already has MaxPendingLiensPerUser,
// which bounds the work one settlement does on the user's pending liens.
func (k *Keeper) checkPendingRoom(ctx context.Context, owner sdk.AccAddress) error {
	n := 0
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, uint64](owner)
	if err := k.PendingByOwner.Walk(ctx, rng, func(collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		n++
		return n >= types.MaxPendingLiensPerUser, nil
	}); err != nil {
		return err
	}
	if n >= types.MaxPendingLiensPerUser {
		return errorsmod.Wrapf(types.ErrTooManyPendingLiens, "%s has %d stakes awaiting acknowledgement", owner, n)
	}
	return nil
}
