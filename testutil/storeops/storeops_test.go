package storeops_test

import (
	"testing"

	storetypes "cosmossdk.io/store/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/testutil/storeops"
)

// TestWrapChargesWhatItWraps checks that counting never changes what is paid and that each
// store-operation descriptor lands in its counter.
func TestWrapChargesWhatItWraps(t *testing.T) {
	inner := storetypes.NewGasMeter(1_000)
	var counts storeops.Counts
	meter := storeops.Wrap(inner, &counts)
	charges := []struct {
		amount     storetypes.Gas
		descriptor string
	}{
		{10, storetypes.GasReadCostFlatDesc}, {5, storetypes.GasReadPerByteDesc}, {1, storetypes.GasHasDesc},
		{20, storetypes.GasWriteCostFlatDesc}, {7, storetypes.GasWritePerByteDesc}, {3, storetypes.GasDeleteDesc},
		{2, storetypes.GasIterNextCostFlatDesc}, {4, storetypes.GasValuePerByteDesc}, {9, "txSize"},
	}
	for _, c := range charges {
		meter.ConsumeGas(c.amount, c.descriptor)
	}
	meter.RefundGas(6, "refund")
	require.Equal(t, storetypes.Gas(55), inner.GasConsumed())
	require.Equal(t, inner.GasConsumed(), meter.GasConsumed())
	require.Equal(t, storeops.Counts{Reads: 2, Writes: 2, IterSteps: 1}, counts)
	require.Equal(t, storeops.Counts{Reads: 4, Writes: 4, IterSteps: 2}, counts.Plus(counts))
	require.Panics(t, func() { meter.ConsumeGas(1_000, "too much") }, "the wrapped meter's limit still applies")
}
