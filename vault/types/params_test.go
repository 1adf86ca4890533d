package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/vault/types"
)

// TestSettlementBoundHasAnUpperLimit: the crank bound must lie in [1, MaxSettlementsPerBlockLimit],
// in the parameters and so in genesis.
func TestSettlementBoundHasAnUpperLimit(t *testing.T) {
	p := types.DefaultParams()
	p.MaxSettlementsPerBlock = types.MaxSettlementsPerBlockLimit
	require.NoError(t, p.Validate())
	for _, bad := range []uint32{0, types.MaxSettlementsPerBlockLimit + 1} {
		p.MaxSettlementsPerBlock = bad
		require.ErrorIs(t, p.Validate(), types.ErrInvalidParams)
		gs := types.DefaultGenesis()
		gs.Params = p
		require.ErrorIs(t, gs.Validate(), types.ErrInvalidParams)
	}
}
