package meshapp

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	reflectionv1 "cosmossdk.io/api/cosmos/reflection/v1"
	"cosmossdk.io/client/v2/autocli"
	"cosmossdk.io/core/appmodule"

	runtimeservices "github.com/cosmos/cosmos-sdk/runtime/services"
	"github.com/cosmos/cosmos-sdk/types/module"
)

// registerClientServices registers the services clients use to discover the app: the AutoCLI
// query service (from which command-line clients build their tx and query commands) and the
// reflection service.
func (app *MeshApp) registerClientServices() error {
	autocliv1.RegisterQueryServer(app.GRPCQueryRouter(), runtimeservices.NewAutoCLIQueryService(app.ModuleManager.Modules))
	reflection, err := runtimeservices.NewReflectionService()
	if err != nil {
		return err
	}
	reflectionv1.RegisterReflectionServiceServer(app.GRPCQueryRouter(), reflection)
	return nil
}

// AutoCliOpts returns the options the daemon uses to generate the command-line tx and query
// commands of every module that describes them.
func (app *MeshApp) AutoCliOpts() autocli.AppOptions {
	modules := make(map[string]appmodule.AppModule)
	for name, m := range app.ModuleManager.Modules {
		if appModule, ok := m.(appmodule.AppModule); ok {
			modules[name] = appModule
		}
	}
	return autocli.AppOptions{
		Modules:       modules,
		ModuleOptions: runtimeservices.ExtractAutoCLIOptions(app.ModuleManager.Modules),
	}
}

// BasicManager returns the module basics, which the daemon uses for genesis commands.
func (app *MeshApp) BasicManager() module.BasicManager {
	return app.BasicModuleManager
}
