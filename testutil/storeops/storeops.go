// Package storeops counts the store operations a piece of work paid gas for, by wrapping its gas
// meter. Benchmarks report the counts next to gas, since gas alone hides whether a handler got
// dearer by reading more records or by reading bigger ones.
package storeops

import (
	"testing"

	storetypes "cosmossdk.io/store/types"
)

// Counts are the store operations charged to a gas meter, as the SDK's gas-metered store charges
// them: reads (Get and Has), writes (Set and Delete) and iterator steps.
type Counts struct {
	Reads     uint64
	Writes    uint64
	IterSteps uint64
}

// Plus adds two counts.
func (c Counts) Plus(other Counts) Counts {
	return Counts{Reads: c.Reads + other.Reads, Writes: c.Writes + other.Writes, IterSteps: c.IterSteps + other.IterSteps}
}

// meter passes every charge to the wrapped gas meter and counts the store-operation charges by
// their descriptor. It never changes what is charged.
type meter struct {
	storetypes.GasMeter
	counts *Counts
}

// Wrap returns a gas meter that charges exactly what inner charges and adds each store operation
// charged through it to counts.
func Wrap(inner storetypes.GasMeter, counts *Counts) storetypes.GasMeter {
	return meter{GasMeter: inner, counts: counts}
}

// ConsumeGas implements storetypes.GasMeter.
func (m meter) ConsumeGas(amount storetypes.Gas, descriptor string) {
	switch descriptor {
	case storetypes.GasReadCostFlatDesc, storetypes.GasHasDesc:
		m.counts.Reads++
	case storetypes.GasWriteCostFlatDesc, storetypes.GasDeleteDesc:
		m.counts.Writes++
	case storetypes.GasIterNextCostFlatDesc:
		m.counts.IterSteps++
	}
	m.GasMeter.ConsumeGas(amount, descriptor)
}

// ReportPerOp reports total, the counts of n operations, as the benchmark metrics "reads/op",
// "writes/op" and "iters/op".
func ReportPerOp(b *testing.B, total Counts, n int) {
	b.ReportMetric(float64(total.Reads)/float64(n), "reads/op")
	b.ReportMetric(float64(total.Writes)/float64(n), "writes/op")
	b.ReportMetric(float64(total.IterSteps)/float64(n), "iters/op")
}
