package externalstaking

import (
	"context"
	"encoding/json"
	"fmt"

	"cosmossdk.io/core/appmodule"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"google.golang.org/grpc"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/internal/migration"
)

// ConsensusVersion is external staking's state-format version; bump it with a migration whenever
// the stored layout changes. Version 2 keeps each pairing's running total of cross-stake.
const ConsensusVersion = 2

var (
	_ module.AppModuleBasic      = AppModuleBasic{}
	_ module.HasGenesis          = AppModule{}
	_ appmodule.HasServices      = AppModule{}
	_ module.HasInvariants       = AppModule{}
	_ module.HasConsensusVersion = AppModule{}
	_ appmodule.AppModule        = AppModule{}
	_ appmodule.HasEndBlocker    = AppModule{}
)

// AppModuleBasic is external staking's stateless part: codec registration and genesis defaults.
type AppModuleBasic struct{}

// Name returns the module name.
func (AppModuleBasic) Name() string { return types.ModuleName }

// RegisterLegacyAminoCodec registers amino names for the Msgs.
func (AppModuleBasic) RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	types.RegisterLegacyAminoCodec(cdc)
}

// RegisterInterfaces registers the Msgs with the interface registry.
func (AppModuleBasic) RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	types.RegisterInterfaces(registry)
}

// RegisterGRPCGatewayRoutes registers the REST routes of the Query service.
func (AppModuleBasic) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := types.RegisterQueryHandlerClient(context.Background(), mux, types.NewQueryClient(clientCtx)); err != nil {
		clientCtx.PrintString(fmt.Sprintf("externalstaking gateway routes: %v\n", err))
	}
}

// DefaultGenesis returns the default genesis state as JSON.
func (AppModuleBasic) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	return cdc.MustMarshalJSON(types.DefaultGenesis())
}

// ValidateGenesis checks a genesis state.
func (AppModuleBasic) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	var gs types.GenesisState
	if err := cdc.UnmarshalJSON(bz, &gs); err != nil {
		return fmt.Errorf("externalstaking genesis: %w", err)
	}
	return gs.Validate()
}

// AppModule is the external staking module.
type AppModule struct {
	AppModuleBasic
	keeper *keeper.Keeper
	vault  keeper.VaultLiens
}

// NewAppModule wraps the keeper as an app module; vault reads liens for the invariants.
func NewAppModule(k *keeper.Keeper, vault keeper.VaultLiens) AppModule {
	return AppModule{keeper: k, vault: vault}
}

// IsOnePerModuleType marks the module as one per app.
func (AppModule) IsOnePerModuleType() {}

// IsAppModule marks the module as an app module.
func (AppModule) IsAppModule() {}

// ConsensusVersion implements module.HasConsensusVersion.
func (AppModule) ConsensusVersion() uint64 { return ConsensusVersion }

// RegisterServices registers the Msg and Query services and, given the app's configurator, the
// state migrations.
func (am AppModule) RegisterServices(registrar grpc.ServiceRegistrar) error {
	types.RegisterMsgServer(registrar, keeper.NewMsgServerImpl(am.keeper))
	types.RegisterQueryServer(registrar, keeper.NewQueryServerImpl(am.keeper))
	// Version 1 kept no running totals of cross-stake: write them from the validators.
	return migration.Register(registrar, types.ModuleName, 1, am.keeper.MigrateCrossStake)
}

// RegisterInvariants registers external staking's invariants.
func (am AppModule) RegisterInvariants(ir sdk.InvariantRegistry) {
	keeper.RegisterInvariants(ir, am.keeper, am.vault)
}

// InitGenesis loads the genesis state and binds the port.
func (am AppModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, bz json.RawMessage) {
	var gs types.GenesisState
	cdc.MustUnmarshalJSON(bz, &gs)
	if err := am.keeper.InitGenesis(ctx, gs); err != nil {
		panic(fmt.Errorf("externalstaking genesis: %w", err))
	}
	if err := am.keeper.BindPort(ctx); err != nil {
		panic(fmt.Errorf("externalstaking port: %w", err))
	}
}

// ExportGenesis writes the state out.
func (am AppModule) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	gs, err := am.keeper.ExportGenesis(ctx)
	if err != nil {
		panic(fmt.Errorf("externalstaking export: %w", err))
	}
	return cdc.MustMarshalJSON(gs)
}

// EndBlock watches the pairings' clients and flushes the outbox within its bound; it never
// returns an error.
func (am AppModule) EndBlock(ctx context.Context) error { return am.keeper.EndBlock(ctx) }
