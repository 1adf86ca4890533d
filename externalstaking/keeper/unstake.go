package keeper

import (
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// Unstake reserves shares worth amount of the user's free committed stake (the low end of the
// range drops) and queues an unstake packet; the acknowledgement starts the unbonding. The
// validator need not be active. Closed pairings need no unstake: everything is released one
// unbonding period after the close.
func (k *Keeper) Unstake(ctx sdk.Context, owner sdk.AccAddress, pairing, val string, amount math.Int) (uint64, error) {
	if amount.IsNil() || !amount.IsPositive() {
		return 0, types.ErrInvalidAmount.Wrap("amount must be positive")
	}
	p, err := k.GetPairing(ctx, pairing)
	if err != nil {
		return 0, err
	}
	if p.Status == types.PAIRING_STATUS_CLOSED {
		return 0, types.ErrWrongPairingStatus.Wrapf("%q is closed: withdraw after %s", p.Id, p.ClosedRelease())
	}
	pos, found, err := k.loadPosition(ctx, p, owner, val)
	if err != nil {
		return 0, err
	}
	if !found || pos.Generation < p.Generation {
		return 0, types.ErrNoPosition.Wrapf("%s with %q", owner, val)
	}
	v, err := k.loadValidator(ctx, p.Id, val)
	if err != nil {
		return 0, err
	}
	freeShares := pos.Shares.Sub(pos.UnstakingShares)
	if free := tokensOf(v, freeShares); free.LT(amount) {
		return 0, types.ErrNotEnoughStake.Wrapf("%s free, %s asked", free, amount)
	}
	shares := sharesToCover(v, amount, freeShares)
	pos.UnstakingShares = pos.UnstakingShares.Add(shares)
	if err := k.savePosition(ctx, p.Id, owner, val, v, pos); err != nil {
		return 0, err
	}
	id, err := k.TxSeq.Next(ctx)
	if err != nil {
		return 0, err
	}
	tx := types.PendingTx{Id: types.FirstOwnTxID + id, Kind: types.PENDING_TX_KIND_UNSTAKE, Pairing: p.Id,
		Owner: owner.String(), Validator: val, Amount: amount, Shares: shares}
	if err := k.setPendingTx(ctx, tx); err != nil {
		return 0, err
	}
	if err := k.queueUnstake(ctx, p.Id, tx); err != nil {
		return 0, err
	}
	return tx.Id, k.emit(ctx, &types.EventUnstakePending{
		Pairing: p.Id, Owner: tx.Owner, Validator: val, Amount: k.coinString(ctx, amount), TxId: tx.Id,
	})
}

// settleUnstake releases the reserved shares; on success they leave the validator and become an
// unbonding entry worth what they are worth now (less, if a slash came in between), released one
// unbonding period later, or at once if the consumer reports the validator unbonded or
// tombstoned. It returns the amount that started unbonding.
func (k *Keeper) settleUnstake(ctx sdk.Context, tx types.PendingTx, owner sdk.AccAddress, success bool) (math.Int, error) {
	p, err := k.GetPairing(ctx, tx.Pairing)
	if err != nil {
		return math.Int{}, err
	}
	pos, found, err := k.loadPosition(ctx, p, owner, tx.Validator)
	if err != nil || !found {
		return math.ZeroInt(), err
	}
	v, err := k.loadValidator(ctx, p.Id, tx.Validator)
	if err != nil {
		return math.Int{}, err
	}
	shares := math.MinInt(tx.Shares, pos.UnstakingShares)
	pos.UnstakingShares = pos.UnstakingShares.Sub(shares)
	worth := math.ZeroInt()
	if success {
		if err := k.materialize(ctx, p.Id, tx.Validator, v, &pos); err != nil {
			return math.Int{}, err
		}
		was := v.Tokens
		worth = removeShares(&v, &pos, math.MinInt(shares, pos.Shares))
		now := ctx.BlockTime()
		release := now.Add(p.UnbondingPeriod)
		if s := ValidatorStatus(v); s == types.VALIDATOR_STATUS_UNBONDED || s == types.VALIDATOR_STATUS_TOMBSTONED {
			release = now
		}
		if worth.IsPositive() {
			pos.Unbondings = append(pos.Unbondings, types.Unbonding{Amount: worth, Start: now, ReleaseAt: release})
		}
		if err := k.setValidator(ctx, p.Id, tx.Validator, was, v); err != nil {
			return math.Int{}, err
		}
	}
	return worth, k.savePosition(ctx, p.Id, owner, tx.Validator, v, pos)
}

// internalUnstake applies the consumer's report that it unbonded a user's virtual stake (its max
// cap fell): up to the inverted amount of the user's free committed stake leaves the validator
// and can be withdrawn at once.
func (k *Keeper) internalUnstake(ctx sdk.Context, p types.ConsumerPairing, pk ibcproto.InternalUnstakePacket) error {
	owner, err := k.parseOwner(pk.Delegator)
	if err != nil {
		return err
	}
	pos, found, err := k.loadPosition(ctx, p, owner, pk.Validator)
	if err != nil {
		return err
	}
	if !found {
		return types.ErrNoPosition.Wrapf("%s with %q", pk.Delegator, pk.Validator)
	}
	v, err := k.loadValidator(ctx, p.Id, pk.Validator)
	if err != nil {
		return err
	}
	if err := k.materialize(ctx, p.Id, pk.Validator, v, &pos); err != nil {
		return err
	}
	free := pos.Shares.Sub(pos.UnstakingShares)
	amount := math.MinInt(pk.InvertedAmount.Amount, tokensOf(v, free))
	was := v.Tokens
	worth := removeShares(&v, &pos, sharesToCover(v, amount, free))
	if worth.IsPositive() {
		now := ctx.BlockTime()
		pos.Unbondings = append(pos.Unbondings, types.Unbonding{Amount: worth, Start: now, ReleaseAt: now})
	}
	if err := k.setValidator(ctx, p.Id, pk.Validator, was, v); err != nil {
		return err
	}
	return k.savePosition(ctx, p.Id, owner, pk.Validator, v, pos)
}
