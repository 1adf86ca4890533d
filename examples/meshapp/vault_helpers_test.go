package meshapp_test

import (
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"

	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

type abciEvent = abci.Event

// vaultQuery returns the vault's query service over the chain's committed state.
func vaultQuery(t *testing.T, chain *testutil.Chain) vaulttypes.QueryServer {
	t.Helper()
	return vaultkeeper.NewQueryServerImpl(chain.App.VaultKeeper)
}
