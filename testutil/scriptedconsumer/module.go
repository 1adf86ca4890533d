package scriptedconsumer

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

	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"
)

var (
	_ module.AppModuleBasic   = AppModule{}
	_ module.HasGenesis       = AppModule{}
	_ appmodule.AppModule     = AppModule{}
	_ appmodule.HasEndBlocker = AppModule{}
)

// AppModule binds the consumer's port at genesis and, in EndBlock, sends the queued packets and
// writes the released acknowledgements.
type AppModule struct {
	consumer *Consumer
}

// Name returns the configured module name.
func (m AppModule) Name() string { return m.consumer.cfg.ModuleName }

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

// ValidateGenesis accepts any genesis: the module keeps no state in the store.
func (AppModule) ValidateGenesis(codec.JSONCodec, client.TxEncodingConfig, json.RawMessage) error {
	return nil
}

// InitGenesis binds the consumer's port; a failure is recorded in Errors.
func (m AppModule) InitGenesis(ctx sdk.Context, _ codec.JSONCodec, _ json.RawMessage) {
	if err := m.consumer.bindPort(ctx); err != nil {
		m.consumer.errs = append(m.consumer.errs, err)
	}
}

// ExportGenesis returns an empty genesis.
func (AppModule) ExportGenesis(sdk.Context, codec.JSONCodec) json.RawMessage {
	return json.RawMessage("{}")
}

// EndBlock sends the queued packets and writes the released acknowledgements. It never fails.
func (m AppModule) EndBlock(ctx context.Context) error {
	m.consumer.flush(sdk.UnwrapSDKContext(ctx))
	return nil
}

// bindPort binds the consumer's port and claims its capability, unless already done.
func (c *Consumer) bindPort(ctx sdk.Context) error {
	path := host.PortPath(c.cfg.PortID)
	if _, bound := c.scoped.GetCapability(ctx, path); bound {
		return nil
	}
	portCap := c.ibcKeeper.PortKeeper.BindPort(ctx, c.cfg.PortID)
	return c.scoped.ClaimCapability(ctx, portCap, path)
}
