package keeper

import (
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// WithdrawRewards reserves the user's rewards from a validator (they count as withdrawn at once)
// and queues a transfer_rewards packet to recipient on the consumer, which must be an address
// with the pairing's account prefix; only an error
// acknowledgement or a timeout gives the reservation back, so two withdrawals in flight can never
// pay the same rewards twice.
func (k *Keeper) WithdrawRewards(ctx sdk.Context, owner sdk.AccAddress, pairing, val, recipient string) (math.Int, uint64, error) {
	if recipient == "" {
		return math.Int{}, 0, types.ErrInvalidAddress.Wrap("recipient is required")
	}
	p, err := k.GetPairing(ctx, pairing)
	if err != nil {
		return math.Int{}, 0, err
	}
	if err := p.CheckRecipient(recipient); err != nil {
		return math.Int{}, 0, err
	}
	if err := k.requireNotTripped(ctx, p.Id); err != nil {
		return math.Int{}, 0, err
	}
	pos, found, err := k.loadPosition(ctx, p, owner, val)
	if err != nil {
		return math.Int{}, 0, err
	}
	v, err := k.loadValidator(ctx, p.Id, val)
	if err != nil {
		return math.Int{}, 0, err
	}
	amount := earned(v, pos)
	if !found || !amount.IsPositive() {
		return math.Int{}, 0, types.ErrNoRewards.Wrapf("%s with %q", owner, val)
	}
	pos.Withdrawn = pos.Withdrawn.Add(amount)
	if err := k.savePosition(ctx, p.Id, owner, val, v, pos); err != nil {
		return math.Int{}, 0, err
	}
	seq, err := k.TxSeq.Next(ctx)
	if err != nil {
		return math.Int{}, 0, err
	}
	tx := types.PendingTx{Id: types.FirstOwnTxID + seq, Kind: types.PENDING_TX_KIND_TRANSFER_REWARDS, Pairing: p.Id,
		Owner: owner.String(), Validator: val, Amount: amount, Shares: math.ZeroInt()}
	if err := k.setPendingTx(ctx, tx); err != nil {
		return math.Int{}, 0, err
	}
	packet := ibcproto.TransferRewardsPacket{Rewards: ibcproto.NewCoin(p.RewardsDenom, amount), Recipient: recipient, TxID: tx.Id}
	if err := k.queue(ctx, p.Id, packet); err != nil {
		return math.Int{}, 0, err
	}
	return amount, tx.Id, k.emit(ctx, &types.EventRewardsWithdrawing{
		Pairing: p.Id, Owner: tx.Owner, Validator: val, Recipient: recipient,
		Amount: amount.String() + p.RewardsDenom, TxId: tx.Id,
	})
}

// settleRewards keeps the reservation on success and gives it back otherwise.
func (k *Keeper) settleRewards(ctx sdk.Context, tx types.PendingTx, owner sdk.AccAddress, success bool) error {
	if success {
		return nil
	}
	p, err := k.GetPairing(ctx, tx.Pairing)
	if err != nil {
		return err
	}
	pos, found, err := k.loadPosition(ctx, p, owner, tx.Validator)
	if err != nil {
		return err
	}
	v, err := k.loadValidator(ctx, p.Id, tx.Validator)
	if err != nil {
		return err
	}
	if !found {
		// The position left with everything reserved: it comes back holding just the rewards.
		pos.RewardAlignment = tx.Amount.Mul(rewardScale)
		return k.savePosition(ctx, p.Id, owner, tx.Validator, v, pos)
	}
	pos.Withdrawn = pos.Withdrawn.Sub(math.MinInt(tx.Amount, pos.Withdrawn))
	return k.savePosition(ctx, p.Id, owner, tx.Validator, v, pos)
}
