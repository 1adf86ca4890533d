package testutil

import (
	capabilitykeeper "github.com/cosmos/ibc-go/modules/capability/keeper"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"
)

// capabilityScoper is an app that exposes IBC core's capability scope, as meshapp does.
type capabilityScoper interface {
	GetScopedIBCKeeper() capabilitykeeper.ScopedKeeper
}

// CloseByApplication closes the channel the way the application on initiator's end closes a
// channel of its own: IBC core's ChanCloseInit runs there with the channel's capability, without
// the application's OnChanCloseInit (which only guards a close a relayer sends). The other end
// then confirms with MsgChannelCloseConfirm and a proof that initiator's end is closed, which
// fails if that end's application refuses the close. It stands for a counterparty whose
// implementation closes its channels itself. Packets still pending on the channel can no longer
// be relayed afterwards.
func (ch *Channel) CloseByApplication(initiator *Chain) error {
	local, remote, err := ch.Link.ends(initiator)
	if err != nil {
		return err
	}
	port, channel, remotePort, remoteChannel := ch.PortA, ch.ChannelA, ch.PortB, ch.ChannelB
	if initiator == ch.Link.B {
		port, channel, remotePort, remoteChannel = remotePort, remoteChannel, port, channel
	}
	scoper, ok := initiator.app.(capabilityScoper)
	if !ok {
		return errNoCapabilityScope
	}
	ctx := initiator.Context()
	capability, found := scoper.GetScopedIBCKeeper().GetCapability(ctx, host.ChannelCapabilityPath(port, channel))
	if !found {
		return channeltypes.ErrChannelCapabilityNotFound
	}
	if err := initiator.app.GetIBCKeeper().ChannelKeeper.ChanCloseInit(ctx, port, channel, capability); err != nil {
		return err
	}
	// the close is committed with this block, and provable from the header of the next
	initiator.NextBlock()
	proofHeight, err := ch.Link.updateClient(remote, local)
	if err != nil {
		return err
	}
	proof, err := initiator.QueryProof(host.ChannelKey(port, channel), proofHeight)
	if err != nil {
		return err
	}
	confirm := channeltypes.NewMsgChannelCloseConfirm(remotePort, remoteChannel, proof, proofHeight, remote.Chain.Relayer.String())
	_, _, err = remote.Chain.DeliverTx(remote.Chain.Relayer, confirm)
	return err
}
