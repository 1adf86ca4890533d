// Package migration registers a module's state migrations with the app's configurator.
package migration

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"google.golang.org/grpc"
)

// Register registers migrate as the migration of moduleName from version from, when registrar is
// the app's module.Configurator; a plain gRPC registrar (one that only serves the module's
// services) registers nothing.
func Register(registrar grpc.ServiceRegistrar, moduleName string, from uint64, migrate func(context.Context) error) error {
	cfg, ok := registrar.(module.Configurator)
	if !ok {
		return nil
	}
	return cfg.RegisterMigration(moduleName, from, func(ctx sdk.Context) error { return migrate(ctx) })
}
