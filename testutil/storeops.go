package testutil

import (
	storetypes "cosmossdk.io/store/types"

	"github.com/meshsecurity/mesh/testutil/storeops"
)

// countStoreOps is the chain's meshapp.TxGasMeterWrapper: each transaction gets fresh counts,
// which LastTxStoreOps reads once the transaction has run, and its meter is kept for LastTxGas.
func (c *Chain) countStoreOps(meter storetypes.GasMeter) storetypes.GasMeter {
	c.lastTxOps = &storeops.Counts{}
	c.lastTxMeter = storeops.Wrap(meter, c.lastTxOps)
	return c.lastTxMeter
}

// LastTxGas returns the gas the last transaction the chain ran used (in a block or in CheckTx),
// ante handler included: how a benchmark measures a transaction the driver delivers itself, such
// as a relayed MsgRecvPacket or MsgAcknowledgement.
func (c *Chain) LastTxGas() uint64 {
	if c.lastTxMeter == nil {
		return 0
	}
	return c.lastTxMeter.GasConsumed()
}

// LastTxStoreOps returns the store operations of the last transaction the chain ran (in a block
// or in CheckTx), ante handler included.
func (c *Chain) LastTxStoreOps() storeops.Counts {
	if c.lastTxOps == nil {
		return storeops.Counts{}
	}
	return *c.lastTxOps
}
