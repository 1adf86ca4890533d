package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// Receive handles a packet from the consumer on channelID. The caller runs it in a cache context
// and answers an error with an error acknowledgement, so a refused packet changes nothing; a
// panic while handling it is such an error.
func (k *Keeper) Receive(ctx sdk.Context, channelID string, data []byte) error {
	return recovered("receiving a packet", func() error { return k.receive(ctx, channelID, data) })
}

// receive decodes a consumer packet and applies it.
func (k *Keeper) receive(ctx sdk.Context, channelID string, data []byte) error {
	if len(data) > ibcproto.MaxPacketSize {
		return ibcproto.ErrPacketTooLarge.Wrapf("%d bytes", len(data))
	}
	id, err := k.Channels.Get(ctx, channelID)
	if err != nil {
		return types.ErrUnknownChannel.Wrap(channelID)
	}
	p, err := k.GetPairing(ctx, id)
	if err != nil {
		return err
	}
	if p.ChannelId != channelID {
		return types.ErrUnknownChannel.Wrapf("%s is not the channel of %q", channelID, id)
	}
	packet, err := ibcproto.DecodeConsumerPacket(data)
	if err != nil {
		return err
	}
	switch pk := packet.(type) {
	case ibcproto.ValsetUpdatePacket:
		return k.applyValsetUpdate(ctx, p, pk)
	case ibcproto.DistributePacket:
		if pk.Rewards.Denom != p.RewardsDenom {
			return types.ErrWrongDenom.Wrapf("got %s, want %s", pk.Rewards.Denom, p.RewardsDenom)
		}
		return k.distribute(ctx, p.Id, pk.Validator, pk.Rewards.Amount)
	case ibcproto.DistributeBatchPacket:
		if pk.Denom != p.RewardsDenom {
			return types.ErrWrongDenom.Wrapf("got %s, want %s", pk.Denom, p.RewardsDenom)
		}
		for _, r := range pk.Rewards {
			if err := k.distribute(ctx, p.Id, r.Validator, r.Reward); err != nil {
				return err
			}
		}
		return nil
	case ibcproto.InternalUnstakePacket:
		return k.internalUnstake(ctx, p, pk)
	default:
		return types.ErrPacketRefused.Wrapf("%s is not handled", packet.Variant())
	}
}
