package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"

	"github.com/meshsecurity/mesh/converter/types"
)

// All capability handling of the module lives in this file: ibc-go v10 removes capabilities,
// and keeping them in one place keeps that migration small.

// channelCapabilityPath names the capability of one of the module's channels.
func channelCapabilityPath(channelID string) string {
	return host.ChannelCapabilityPath(types.PortID, channelID)
}

// BindPort binds the module's port and claims its capability, once; it binds nothing when the app
// gave the port to another application (LeavePort).
func (k *Keeper) BindPort(ctx sdk.Context) error {
	ibc := k.refs.ibc
	if k.refs.noPort {
		return nil
	}
	if ibc == nil {
		return types.ErrChannelNotOpen.Wrap("no IBC keepers bound")
	}
	if _, bound := ibc.Scoped.GetCapability(ctx, host.PortPath(types.PortID)); bound {
		return nil
	}
	portCap := ibc.Ports.BindPort(ctx, types.PortID)
	return ibc.Scoped.ClaimCapability(ctx, portCap, host.PortPath(types.PortID))
}

// claimChannel claims the capability of a channel being opened.
func (k *Keeper) claimChannel(ctx sdk.Context, chanCap *capabilitytypes.Capability, channelID string) error {
	return k.refs.ibc.Scoped.ClaimCapability(ctx, chanCap, channelCapabilityPath(channelID))
}

// channelCapability returns the capability of an open channel.
func (k *Keeper) channelCapability(ctx sdk.Context, channelID string) (*capabilitytypes.Capability, bool) {
	return k.refs.ibc.Scoped.GetCapability(ctx, channelCapabilityPath(channelID))
}
