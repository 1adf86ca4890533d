package keeper

import (
	"context"
	"strings"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// Receive handles a packet from the provider on channelID. The caller runs it in a cache context
// and answers an error with an error acknowledgement, so a refused packet changes nothing; a
// panic while handling it is such an error.
func (k *Keeper) Receive(ctx sdk.Context, channelID string, data []byte) error {
	return recovered("receiving a packet", func() error { return k.receive(ctx, channelID, data) })
}

// receive decodes a provider packet and applies it.
func (k *Keeper) receive(ctx sdk.Context, channelID string, data []byte) error {
	if len(data) > ibcproto.MaxPacketSize {
		return ibcproto.ErrPacketTooLarge.Wrapf("%d bytes", len(data))
	}
	p, err := k.pairingOfChannel(ctx, channelID)
	if err != nil {
		return err
	}
	packet, err := ibcproto.DecodeProviderPacket(data)
	if err != nil {
		return err
	}
	switch pk := packet.(type) {
	case ibcproto.StakePacket:
		return k.receiveStake(ctx, p, pk)
	case ibcproto.UnstakePacket:
		return k.receiveUnstake(ctx, p, pk)
	case ibcproto.BurnPacket:
		return k.receiveBurn(ctx, p, pk)
	case ibcproto.TransferRewardsPacket:
		return k.transferRewards(ctx, p, pk)
	default:
		return types.ErrPacketRefused.Wrapf("%s is not handled", packet.Variant())
	}
}

// pairingOfChannel finds the open, not closed pairing whose channel channelID is.
func (k *Keeper) pairingOfChannel(ctx context.Context, channelID string) (types.ProviderPairing, error) {
	id, err := k.Channels.Get(ctx, channelID)
	if err != nil {
		return types.ProviderPairing{}, types.ErrUnknownChannel.Wrap(channelID)
	}
	p, err := k.GetPairing(ctx, id)
	if err != nil {
		return p, err
	}
	if p.ChannelId != channelID || !k.channelOpen(ctx, p) {
		return p, types.ErrUnknownChannel.Wrapf("%s is not the open channel of %q", channelID, id)
	}
	if p.Status == types.PAIRING_STATUS_CLOSED {
		return p, types.ErrWrongPairingStatus.Wrapf("%q is closed", id)
	}
	return p, nil
}

// receiveStake records a stake request after checking the pairing takes stake, the price is
// fresh, the denom, the delegator, the validator and the cap, and that the validator's requests
// are not being retired (its old requests and a new one could no longer be told apart).
func (k *Keeper) receiveStake(ctx sdk.Context, p types.ProviderPairing, pk ibcproto.StakePacket) error {
	if p.Status != types.PAIRING_STATUS_ACTIVE {
		return types.ErrPairingNotActive.Wrapf("%q is %s", p.Id, p.Status)
	}
	if p.Feed().Stale(ctx.BlockTime()) {
		return types.ErrStalePrice.Wrapf("%q", p.Id)
	}
	if err := k.checkDelegation(ctx, p, pk.Delegator, pk.Validator, pk.Stake); err != nil {
		return err
	}
	if err := k.checkCap(ctx, p, pk.Stake.Amount); err != nil {
		return err
	}
	if retiring, err := k.Retiring.Has(ctx, collections.Join(p.Id, pk.Validator)); err != nil {
		return err
	} else if retiring {
		return types.ErrValidatorRetiring.Wrapf("%s on %q", pk.Validator, p.Id)
	}
	if err := k.addRequest(ctx, p.Id, pk.Delegator, pk.Validator, pk.Stake.Amount); err != nil {
		return err
	}
	k.emit(ctx, &types.EventStakeReceived{Pairing: p.Id, Delegator: pk.Delegator, Validator: pk.Validator,
		Remote: pk.Stake.Amount.String() + pk.Stake.Denom})
	return nil
}

// receiveUnstake lowers a request; it works whatever the price and status. An unstake that
// empties the validator's total retires what burns and slashes left of its requests. The request
// falls by the unstake, or to zero when the unstake is larger: the excess is stake whose request
// already ended here, retired when burns and booked slashes emptied the validator's total or
// ended with a tombstoned or removed validator, which the provider may still hold when it took
// less of a slash than was booked. An unstake never lowers another delegator's request, so the
// provider can always let its user's stake go.
func (k *Keeper) receiveUnstake(ctx sdk.Context, p types.ProviderPairing, pk ibcproto.UnstakePacket) error {
	if err := k.checkCoinAndDelegator(p, pk.Delegator, pk.Unstake); err != nil {
		return err
	}
	current, err := getInt(ctx, k.Requests, requestKey(p.Id, pk.Delegator, pk.Validator))
	if err != nil {
		return err
	}
	if current.IsPositive() {
		if err := k.checkValidator(ctx, pk.Validator); err != nil {
			return err
		}
		if err := k.removeRequest(ctx, p.Id, pk.Delegator, pk.Validator, math.MinInt(current, pk.Unstake.Amount)); err != nil {
			return err
		}
		if err := k.retireIfEmpty(ctx, p, pk.Validator); err != nil {
			return err
		}
	}
	k.emit(ctx, &types.EventUnstakeReceived{Pairing: p.Id, Delegator: pk.Delegator, Validator: pk.Validator,
		Remote: pk.Unstake.Amount.String() + pk.Unstake.Denom})
	return nil
}

// receiveBurn takes a burn from the listed validators' totals, retiring the requests of a
// validator whose total it empties.
func (k *Keeper) receiveBurn(ctx sdk.Context, p types.ProviderPairing, pk ibcproto.BurnPacket) error {
	if pk.Burn.Denom != p.RemoteDenom {
		return types.ErrWrongDenom.Wrapf("got %s, want %s", pk.Burn.Denom, p.RemoteDenom)
	}
	burned, err := k.burn(ctx, p.Id, pk.Validators, pk.Burn.Amount)
	if err != nil {
		return err
	}
	for _, v := range pk.Validators {
		if err := k.retireIfEmpty(ctx, p, v); err != nil {
			return err
		}
	}
	k.emit(ctx, &types.EventBurnReceived{Pairing: p.Id, Validators: strings.Join(pk.Validators, ","),
		Remote: pk.Burn.Amount.String() + pk.Burn.Denom, Burned: burned.String() + pk.Burn.Denom})
	return nil
}

// checkDelegation refuses a wrong denom, a delegator that is not an account of the provider and
// a validator this chain does not know.
func (k *Keeper) checkDelegation(ctx context.Context, p types.ProviderPairing, delegator, validator string, c ibcproto.Coin) error {
	if err := k.checkCoinAndDelegator(p, delegator, c); err != nil {
		return err
	}
	return k.checkValidator(ctx, validator)
}

// checkCoinAndDelegator refuses a wrong denom, an amount that is not positive and a delegator
// that is not an account of the provider.
func (k *Keeper) checkCoinAndDelegator(p types.ProviderPairing, delegator string, c ibcproto.Coin) error {
	if c.Denom != p.RemoteDenom {
		return types.ErrWrongDenom.Wrapf("got %s, want %s", c.Denom, p.RemoteDenom)
	}
	if !c.Amount.IsPositive() {
		return types.ErrInvalidAmount.Wrap("amount must be positive")
	}
	if hrp, _, err := bech32.DecodeAndConvert(delegator); err != nil || hrp != p.AccountPrefix {
		return types.ErrInvalidAddress.Wrapf("delegator %q is no %s address", delegator, p.AccountPrefix)
	}
	return nil
}

// checkValidator refuses a validator this chain does not know.
func (k *Keeper) checkValidator(ctx context.Context, validator string) error {
	valAddr, err := k.staking.ValidatorAddressCodec().StringToBytes(validator)
	if err != nil || len(valAddr) == 0 {
		return types.ErrUnknownValidator.Wrapf("%q", validator)
	}
	if _, err := k.staking.GetValidator(ctx, valAddr); err != nil {
		return types.ErrUnknownValidator.Wrapf("%q", validator)
	}
	return nil
}

// checkCap refuses stake that would take the pairing's requests, converted at the current price,
// over its max cap.
func (k *Keeper) checkCap(ctx context.Context, p types.ProviderPairing, amount math.Int) error {
	total, err := getInt(ctx, k.PairingTotals, p.Id)
	if err != nil {
		return err
	}
	next := total.Add(amount)
	if err := types.CheckAmount(next); err != nil {
		return err
	}
	price, _ := p.Feed().Rate()
	local, err := types.Normalize(next, price, p.Adjustment())
	if err != nil {
		return err
	}
	if local.GT(p.MaxCap) {
		return types.ErrOverCap.Wrapf("%q would back %s, cap %s", p.Id, local, p.MaxCap)
	}
	return nil
}
