package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/internal/ibcport"
)

// port is the module's end of its channels; its calls fail with ErrChannelNotOpen until the IBC
// keepers are bound.
func (k *Keeper) port() ibcport.End {
	end := ibcport.End{Port: types.PortID, NotOpen: types.ErrChannelNotOpen}
	if ibc := k.refs.ibc; ibc != nil {
		end.Ports, end.Scope, end.Sender, end.Closer = ibc.Ports, ibc.Scoped, ibc.Channels, ibc.Channels
	}
	return end
}

// BindPort binds the module's port and claims its capability, once.
func (k *Keeper) BindPort(ctx sdk.Context) error { return k.port().Bind(ctx) }

// claimChannel claims the capability of a channel being opened.
func (k *Keeper) claimChannel(ctx sdk.Context, chanCap *capabilitytypes.Capability, channelID string) error {
	return k.port().ClaimChannel(ctx, chanCap, channelID)
}
