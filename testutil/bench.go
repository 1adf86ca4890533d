package testutil

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/testutil/storeops"
)

// TxCase is one measured transaction of a gas benchmark: who signs it and what it carries.
type TxCase struct {
	Signer Account
	Msgs   []sdk.Msg
}

// ReportTxGas delivers b.N transactions and reports the average gas of the whole transaction
// (ante handler, signature verification and messages) as "gas/op", with the store reads, writes
// and iterator steps it paid for as "reads/op", "writes/op" and "iters/op". prepare builds the i-th
// transaction and may deliver setup transactions of its own (funding a fresh account, opening a
// position to close); it runs with the benchmark timer stopped and its gas is not counted. Gas is
// deterministic, so gas/op compares across runs and machines; compare figures of one run.
func ReportTxGas(b *testing.B, chain *Chain, prepare func(i int) TxCase) {
	b.Helper()
	var gas uint64
	var ops storeops.Counts
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		tx := prepare(i)
		b.StartTimer()
		used, _, err := chain.DeliverTx(tx.Signer, tx.Msgs...)
		if err != nil {
			b.Fatalf("transaction %d: %v", i, err)
		}
		gas += used
		ops = ops.Plus(chain.LastTxStoreOps())
	}
	b.ReportMetric(float64(gas)/float64(b.N), "gas/op")
	storeops.ReportPerOp(b, ops, b.N)
}
