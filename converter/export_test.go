package converter_test

import (
	sdkmath "cosmossdk.io/math"

	"github.com/meshsecurity/mesh/converter/keeper"
	"github.com/meshsecurity/mesh/converter/types"
)

type keeperAlias = keeper.Keeper

func keeperQueries(k *keeper.Keeper) types.QueryServer { return keeper.NewQueryServerImpl(k) }

type sdkInt = sdkmath.Int
