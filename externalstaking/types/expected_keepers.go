package types

import (
	"context"

	"cosmossdk.io/core/address"
	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	connectiontypes "github.com/cosmos/ibc-go/v8/modules/core/03-connection/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"

	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// AccountKeeper gives the chain's address codec.
type AccountKeeper interface {
	AddressCodec() address.Codec
}

// ChannelKeeper sends packets, reads channels and closes the module's channel ends (ibc-go's
// channel keeper).
type ChannelKeeper interface {
	SendPacket(ctx sdk.Context, chanCap *capabilitytypes.Capability, sourcePort, sourceChannel string,
		timeoutHeight clienttypes.Height, timeoutTimestamp uint64, data []byte) (uint64, error)
	GetChannel(ctx sdk.Context, srcPort, srcChan string) (channeltypes.Channel, bool)
	ChanCloseInit(ctx sdk.Context, portID, channelID string, chanCap *capabilitytypes.Capability) error
}

// ConnectionKeeper reads connections (ibc-go's connection keeper).
type ConnectionKeeper interface {
	GetConnection(ctx sdk.Context, connectionID string) (connectiontypes.ConnectionEnd, bool)
}

// ClientKeeper reads light clients (ibc-go's client keeper); the client store is only read, to
// verify evidence headers.
type ClientKeeper interface {
	GetClientState(ctx sdk.Context, clientID string) (ibcexported.ClientState, bool)
	GetClientStatus(ctx sdk.Context, clientState ibcexported.ClientState, clientID string) ibcexported.Status
	ClientStore(ctx sdk.Context, clientID string) storetypes.KVStore
}

// PortKeeper binds ports.
type PortKeeper interface {
	BindPort(ctx sdk.Context, portID string) *capabilitytypes.Capability
}

// ScopedKeeper is the module's capability scope.
type ScopedKeeper interface {
	GetCapability(ctx sdk.Context, name string) (*capabilitytypes.Capability, bool)
	AuthenticateCapability(ctx sdk.Context, cap *capabilitytypes.Capability, name string) bool
	ClaimCapability(ctx sdk.Context, cap *capabilitytypes.Capability, name string) error
}

// VaultQueries is the part of the vault's query service the exposure queries read: a user's
// total slashable amount over every holder, and the ratio fixed on each of the user's liens.
type VaultQueries interface {
	Account(ctx context.Context, req *vaulttypes.QueryAccountRequest) (*vaulttypes.QueryAccountResponse, error)
	Liens(ctx context.Context, req *vaulttypes.QueryLiensRequest) (*vaulttypes.QueryLiensResponse, error)
}
