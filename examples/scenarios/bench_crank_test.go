package scenarios_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/appmodule"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/storeops"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// crankMeter stands in for the vault module in the module manager and meters its EndBlock, the
// settlement crank, per height: the crank runs on the block's own gas meter, wrapped to count the
// store operations it pays for, so the block is charged exactly what it would be charged.
type crankMeter struct {
	appmodule.HasEndBlocker
	blocks map[int64]gasOps
	// from is the height of the block that received the slash.
	from int64
}

// meterCrank puts a crank meter around the chain's vault module.
func meterCrank(b *testing.B, c *testutil.Chain) *crankMeter {
	mm := c.App.ModuleManager
	inner, ok := mm.Modules[vaulttypes.ModuleName].(appmodule.HasEndBlocker)
	require.True(b, ok, "the vault has an end blocker")
	m := &crankMeter{HasEndBlocker: inner, blocks: map[int64]gasOps{}}
	mm.Modules[vaulttypes.ModuleName] = m
	return m
}

// EndBlock runs the vault's EndBlock on a counting wrapper of the block's gas meter.
func (m *crankMeter) EndBlock(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	var ops storeops.Counts
	meter := storeops.Wrap(sdkCtx.GasMeter(), &ops)
	before := meter.GasConsumed()
	err := m.HasEndBlocker.EndBlock(sdkCtx.WithGasMeter(meter))
	m.blocks[sdkCtx.BlockHeight()] = gasOps{gas: meter.GasConsumed() - before, ops: ops}
	return err
}

// crankCursor is the last user the vault's round-robin crank visited; empty when it visited none.
func crankCursor(b *testing.B, c *testutil.Chain) []byte {
	cursor, err := c.App.VaultKeeper.CrankCursor.Get(c.Context())
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	}
	require.NoError(b, err)
	return cursor
}

// visited counts the vault accounts the round-robin crank went through when its cursor moved
// from before to after: those strictly after before up to and including after, wrapping around
// past the last account; every account when the cursor came back to where it was.
func visited(b *testing.B, c *testutil.Chain, before, after []byte) int {
	if len(after) == 0 {
		return 0
	}
	n := 0
	err := c.App.VaultKeeper.Accounts.Walk(c.Context(), nil, func(owner sdk.AccAddress, _ sdkmath.Int) (bool, error) {
		afterBefore, upToAfter := bytes.Compare(owner, before) > 0, bytes.Compare(owner, after) <= 0
		switch cmp := bytes.Compare(before, after); {
		case len(before) == 0:
			if upToAfter {
				n++
			}
		case cmp == 0, cmp < 0 && afterBefore && upToAfter, cmp > 0 && (afterBefore || upToAfter):
			n++
		}
		return false, nil
	})
	require.NoError(b, err)
	return n
}
