package meshapp_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/types/module"

	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/endblocksender"
)

func TestExtraIBCApplicationIsWired(t *testing.T) {
	extra := endblocksender.New().Application()
	extra.StoreKeys = []string{"extrastore"}
	build := extra.Build
	var storeKey *storetypes.KVStoreKey
	extra.Build = func(deps meshapp.IBCAppDeps) (porttypes.IBCModule, module.AppModule) {
		storeKey = deps.StoreKeys["extrastore"]
		return build(deps)
	}
	chain := testutil.NewChain(t, testutil.ChainConfig{ChainID: "extra-1",
		AppOptions: []meshapp.Option{meshapp.WithIBCApplication(extra)}})

	// Its store is mounted and committed with the others.
	require.NotNil(t, storeKey)
	require.NotNil(t, chain.App.CommitMultiStore().GetCommitKVStore(storeKey))
	// Its module joined the module manager, and its port is routed and bound at genesis.
	require.Contains(t, chain.App.ModuleManager.Modules, endblocksender.ModuleName)
	_, routed := chain.App.IBCKeeper.Router.GetRoute(endblocksender.ModuleName)
	require.True(t, routed)
	require.True(t, chain.App.IBCKeeper.PortKeeper.IsBound(chain.Context(), endblocksender.PortID))
}
