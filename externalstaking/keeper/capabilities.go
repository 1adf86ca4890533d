package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/internal/ibcport"
)

// port is the module's end of its channels, once the IBC keepers are bound.
func (k *Keeper) port() (ibcport.End, error) {
	ibc := k.refs.ibc
	if ibc == nil {
		return ibcport.End{}, types.ErrChannelNotOpen.Wrap("no IBC keepers bound")
	}
	return ibcport.End{Port: types.PortID, Ports: ibc.Ports, Scope: ibc.Scoped, Sender: ibc.Channels,
		Closer: ibc.Channels, NotOpen: types.ErrChannelNotOpen}, nil
}

// BindPort binds the module's port and claims its capability, once.
func (k *Keeper) BindPort(ctx sdk.Context) error {
	port, err := k.port()
	if err != nil {
		return err
	}
	return port.Bind(ctx)
}

// claimChannel claims the capability of a channel being opened.
func (k *Keeper) claimChannel(ctx sdk.Context, chanCap *capabilitytypes.Capability, channelID string) error {
	port, err := k.port()
	if err != nil {
		return err
	}
	return port.ClaimChannel(ctx, chanCap, channelID)
}
