package testutil

import (
	storetypes "cosmossdk.io/store/types"

	"github.com/meshsecurity/mesh/testutil/storeops"
)

// countStoreOps is the chain's meshapp.TxGasMeterWrapper: each transaction gets fresh counts,
// which LastTxStoreOps reads once the transaction has run.
func (c *Chain) countStoreOps(meter storetypes.GasMeter) storetypes.GasMeter {
	c.lastTxOps = &storeops.Counts{}
	return storeops.Wrap(meter, c.lastTxOps)
}

// LastTxStoreOps returns the store operations of the last transaction the chain ran (in a block
// or in CheckTx), ante handler included.
func (c *Chain) LastTxStoreOps() storeops.Counts {
	if c.lastTxOps == nil {
		return storeops.Counts{}
	}
	return *c.lastTxOps
}
