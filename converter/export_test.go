package converter_test

import (
	"github.com/meshsecurity/mesh/converter/keeper"
	"github.com/meshsecurity/mesh/converter/types"
)

type keeperAlias = keeper.Keeper

func keeperQueries(k *keeper.Keeper) types.QueryServer { return keeper.NewQueryServerImpl(k) }
