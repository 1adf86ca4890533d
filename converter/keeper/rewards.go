package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// DistributeRewards moves the rewards' sum in the bond denom from payer into the pairing's
// reward reserve and queues one distribute_batch with them, plus what failed batches returned.
func (k *Keeper) DistributeRewards(ctx context.Context, pairingID string, payer sdk.AccAddress, rewards []types.ValidatorReward) error {
	p, err := k.GetPairing(ctx, pairingID)
	if err != nil {
		return err
	}
	if p.Status == types.PAIRING_STATUS_CLOSED {
		return types.ErrWrongPairingStatus.Wrapf("%q is closed: its rewards stay with the payer", pairingID)
	}
	denom, err := k.staking.BondDenom(ctx)
	if err != nil {
		return err
	}
	sum := math.ZeroInt()
	for _, r := range rewards {
		if r.Amount.IsNil() || r.Amount.IsNegative() || r.Valoper == "" {
			return types.ErrInvalidAmount.Wrapf("reward of %q", r.Valoper)
		}
		sum = sum.Add(r.Amount)
	}
	if err := types.CheckAmount(sum); err != nil {
		return err
	}
	if sum.IsPositive() {
		if err := k.bank.SendCoinsFromAccountToModule(ctx, payer, types.ModuleName, sdk.NewCoins(sdk.NewCoin(denom, sum))); err != nil {
			return err
		}
		reserve, err := getInt(ctx, k.RewardReserve, pairingID)
		if err != nil {
			return err
		}
		if err := setInt(ctx, k.RewardReserve, pairingID, reserve.Add(sum)); err != nil {
			return err
		}
	}
	batch, err := k.batchWithPending(ctx, pairingID, rewards)
	if err != nil || len(batch) == 0 {
		return err
	}
	if err := k.queue(ctx, pairingID, ibcproto.DistributeBatchPacket{Rewards: batch, Denom: denom}); err != nil {
		return err
	}
	k.emit(ctx, &types.EventRewardsQueued{Pairing: pairingID, Amount: sum.String()})
	return nil
}

// batchWithPending merges rewards per validator with what failed batches returned, clearing the
// returned amounts, in ascending validator order.
func (k *Keeper) batchWithPending(ctx context.Context, pairingID string, rewards []types.ValidatorReward) ([]ibcproto.RewardInfo, error) {
	amounts := map[string]math.Int{}
	var order []string
	add := func(val string, amount math.Int) {
		if prev, ok := amounts[val]; ok {
			amounts[val] = prev.Add(amount)
			return
		}
		amounts[val] = amount
		order = append(order, val)
	}
	var cleared []collections.Pair[string, string]
	err := k.PendingRewards.Walk(ctx, collections.NewPrefixedPairRange[string, string](pairingID),
		func(key collections.Pair[string, string], amount math.Int) (bool, error) {
			add(key.K2(), amount)
			cleared = append(cleared, key)
			return false, nil
		})
	if err != nil {
		return nil, err
	}
	for _, key := range cleared {
		if err := k.PendingRewards.Remove(ctx, key); err != nil {
			return nil, err
		}
	}
	for _, r := range rewards {
		add(r.Valoper, r.Amount)
	}
	var batch []ibcproto.RewardInfo
	for _, val := range order {
		if amounts[val].IsPositive() {
			batch = append(batch, ibcproto.RewardInfo{Validator: val, Reward: amounts[val]})
		}
	}
	return batch, nil
}

// returnBatch puts the amounts of a failed distribute_batch back for the pairing's next batch.
func (k *Keeper) returnBatch(ctx context.Context, pairingID string, batch ibcproto.DistributeBatchPacket) error {
	for _, r := range batch.Rewards {
		key := collections.Join(pairingID, r.Validator)
		prev, err := getInt(ctx, k.PendingRewards, key)
		if err != nil {
			return err
		}
		if err := setInt(ctx, k.PendingRewards, key, prev.Add(r.Reward)); err != nil {
			return err
		}
	}
	return nil
}

// transferRewards pays a recipient from the pairing's reward reserve.
func (k *Keeper) transferRewards(ctx context.Context, p types.ProviderPairing, pk ibcproto.TransferRewardsPacket) error {
	denom, err := k.staking.BondDenom(ctx)
	if err != nil {
		return err
	}
	if pk.Rewards.Denom != denom {
		return types.ErrWrongDenom.Wrapf("got %s, want %s", pk.Rewards.Denom, denom)
	}
	recipient, err := k.addressCodec.StringToBytes(pk.Recipient)
	if err != nil || len(recipient) == 0 {
		return types.ErrInvalidAddress.Wrapf("recipient %q", pk.Recipient)
	}
	reserve, err := getInt(ctx, k.RewardReserve, p.Id)
	if err != nil {
		return err
	}
	if reserve.LT(pk.Rewards.Amount) {
		return types.ErrInsufficientReserve.Wrapf("%q holds %s, asked %s", p.Id, reserve, pk.Rewards.Amount)
	}
	if err := setInt(ctx, k.RewardReserve, p.Id, reserve.Sub(pk.Rewards.Amount)); err != nil {
		return err
	}
	coins := sdk.NewCoins(sdk.NewCoin(denom, pk.Rewards.Amount))
	if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.ModuleName, recipient, coins); err != nil {
		return err
	}
	k.emit(ctx, &types.EventRewardsTransferred{Pairing: p.Id, Recipient: pk.Recipient, Amount: pk.Rewards.Amount.String()})
	return nil
}
