package meshapp

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/runtime"

	capabilitykeeper "github.com/cosmos/ibc-go/modules/capability/keeper"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"

	"github.com/meshsecurity/mesh/externalstaking"
	externalstakingkeeper "github.com/meshsecurity/mesh/externalstaking/keeper"
	externalstakingtypes "github.com/meshsecurity/mesh/externalstaking/types"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
)

// buildExternalStaking builds external staking and registers it with the vault as the external
// lien-holder kind: each consumer pairing (created by the authority or in genesis) is one holder
// {external, <pairing-id>}. Its IBC keepers are bound later, by routeExternalStaking.
func (app *MeshApp) buildExternalStaking() error {
	ext, err := externalstakingkeeper.NewKeeper(externalstakingkeeper.Config{
		Codec:         app.appCodec,
		StoreService:  runtime.NewKVStoreService(app.keys.kv[externalstakingtypes.StoreKey]),
		Authority:     authority(),
		AccountKeeper: app.AccountKeeper,
		CollateralDenom: func(ctx context.Context) (string, error) {
			params, err := app.VaultKeeper.GetParams(ctx)
			return params.Denom, err
		},
	})
	if err != nil {
		return fmt.Errorf("external staking keeper: %w", err)
	}
	if err := ext.RegisterWithVault(app.VaultKeeper); err != nil {
		return fmt.Errorf("external staking registration: %w", err)
	}
	ext.SetVaultQueries(vaultkeeper.NewQueryServerImpl(app.VaultKeeper))
	app.ExternalStakingKeeper = ext
	return nil
}

// routeExternalStaking binds the IBC keepers and the capability scope to external staking and
// routes its port (meshprovider, bound by the module) to its IBC module by module name. Called by buildIBC before the router is sealed.
func (app *MeshApp) routeExternalStaking(router *porttypes.Router, scoped capabilitykeeper.ScopedKeeper) {
	app.ScopedExternalStakingKeeper = scoped
	app.ExternalStakingKeeper.SetIBC(&externalstakingkeeper.IBCKeepers{
		Channels:    app.IBCKeeper.ChannelKeeper,
		Connections: app.IBCKeeper.ConnectionKeeper,
		Clients:     app.IBCKeeper.ClientKeeper,
		Ports:       app.IBCKeeper.PortKeeper,
		Scoped:      scoped,
	})
	router.AddRoute(externalstakingtypes.ModuleName, externalstaking.NewIBCModule(app.ExternalStakingKeeper))
}
