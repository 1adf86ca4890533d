package endblocksender

import (
	"context"
	"encoding/json"

	"cosmossdk.io/core/appmodule"
	"github.com/grpc-ecosystem/grpc-gateway/runtime"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
)

var (
	_ module.AppModuleBasic   = AppModule{}
	_ module.HasGenesis       = AppModule{}
	_ appmodule.AppModule     = AppModule{}
	_ appmodule.HasEndBlocker = AppModule{}
)

// AppModule binds the port at genesis and sends the queued packets in EndBlock.
type AppModule struct {
	sender *Sender
}

// Name returns the module name.
func (AppModule) Name() string { return ModuleName }

// IsOnePerModuleType marks the module as an app module.
func (AppModule) IsOnePerModuleType() {}

// IsAppModule marks the module as an app module.
func (AppModule) IsAppModule() {}

// RegisterLegacyAminoCodec registers nothing: the module has no messages.
func (AppModule) RegisterLegacyAminoCodec(*codec.LegacyAmino) {}

// RegisterInterfaces registers nothing: the module has no messages.
func (AppModule) RegisterInterfaces(codectypes.InterfaceRegistry) {}

// RegisterGRPCGatewayRoutes registers nothing: the module has no queries.
func (AppModule) RegisterGRPCGatewayRoutes(client.Context, *runtime.ServeMux) {}

// DefaultGenesis returns an empty genesis.
func (AppModule) DefaultGenesis(codec.JSONCodec) json.RawMessage { return json.RawMessage("{}") }

// ValidateGenesis accepts any genesis: the module keeps no state.
func (AppModule) ValidateGenesis(codec.JSONCodec, client.TxEncodingConfig, json.RawMessage) error {
	return nil
}

// InitGenesis binds the module's port.
func (m AppModule) InitGenesis(ctx sdk.Context, _ codec.JSONCodec, _ json.RawMessage) {
	if err := m.sender.bindPort(ctx); err != nil {
		m.sender.sendErrors = append(m.sender.sendErrors, err)
	}
}

// ExportGenesis returns an empty genesis.
func (AppModule) ExportGenesis(sdk.Context, codec.JSONCodec) json.RawMessage {
	return json.RawMessage("{}")
}

// EndBlock sends the queued packets.
func (m AppModule) EndBlock(ctx context.Context) error {
	m.sender.flush(sdk.UnwrapSDKContext(ctx))
	return nil
}
