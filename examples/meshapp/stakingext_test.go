package meshapp_test

import (
	"errors"
	"testing"

	"cosmossdk.io/log"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"

	"github.com/meshsecurity/mesh/examples/meshapp"
)

// TestStakingExtensionBuildErrorFailsNew: an extension that cannot be built stops New with its
// error, and one whose late binding fails does too.
func TestStakingExtensionBuildErrorFailsNew(t *testing.T) {
	broken := errors.New("extension broken")
	for name, ext := range map[string]meshapp.StakingExtension{
		"build": {Build: func(meshapp.StakingExtensionDeps) (meshapp.StakingExtensionParts, error) {
			return meshapp.StakingExtensionParts{}, broken
		}},
		"bind": {Build: func(meshapp.StakingExtensionDeps) (meshapp.StakingExtensionParts, error) {
			return meshapp.StakingExtensionParts{Bind: func(*meshapp.MeshApp) error { return broken }}, nil
		}},
	} {
		_, err := meshapp.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.EmptyAppOptions{},
			[]meshapp.Option{meshapp.WithStakingExtension(ext)})
		require.ErrorIs(t, err, broken, name)
	}
}
