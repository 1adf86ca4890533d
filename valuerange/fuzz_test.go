package valuerange_test

import (
	"math/big"
	"testing"

	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/valuerange"
)

// FuzzOperations applies every operation to arbitrary inputs: none may panic, and any result
// returned without error must be a valid range.
func FuzzOperations(f *testing.F) {
	f.Add([]byte{1}, []byte{2}, []byte{1}, false)
	f.Add([]byte{0xff, 0xff}, []byte{0xff, 0xff, 0xff}, []byte{7}, true)
	f.Fuzz(func(t *testing.T, lowB, highB, vB []byte, negate bool) {
		low, high, v := toInt(lowB, false), toInt(highB, false), toInt(vB, negate)
		r := valuerange.Range{Low: low, High: high}
		if r.Validate() != nil {
			return
		}
		ops := []func() (valuerange.Range, error){
			func() (valuerange.Range, error) { return r.PrepareAdd(v) },
			func() (valuerange.Range, error) { return r.PrepareAddWithin(v, high) },
			func() (valuerange.Range, error) { return r.CommitAdd(v) },
			func() (valuerange.Range, error) { return r.RollbackAdd(v) },
			func() (valuerange.Range, error) { return r.CommitAddSaturating(v) },
			func() (valuerange.Range, error) { return r.RollbackAddSaturating(v) },
			func() (valuerange.Range, error) { return r.CommitAddClamped(v) },
			func() (valuerange.Range, error) { return r.PrepareSub(v) },
			func() (valuerange.Range, error) { return r.PrepareSubAbove(v, low) },
			func() (valuerange.Range, error) { return r.CommitSub(v) },
			func() (valuerange.Range, error) { return r.RollbackSub(v) },
			func() (valuerange.Range, error) { return r.CommitSubSaturating(v) },
			func() (valuerange.Range, error) { return r.RollbackSubSaturating(v) },
			func() (valuerange.Range, error) { return r.SubSaturating(v) },
			func() (valuerange.Range, error) { return r.Add(v, high) },
			func() (valuerange.Range, error) { return r.Sub(v, low) },
			func() (valuerange.Range, error) { out, _, err := r.ClampHigh(v); return out, err },
		}
		for i, op := range ops {
			out, err := op()
			if err == nil {
				if verr := out.Validate(); verr != nil {
					t.Fatalf("op %d on %s with %s gave invalid %s: %v", i, r, v, out, verr)
				}
			}
		}
		_, _ = valuerange.MulFloor(v, math.LegacyNewDecFromInt(low))
		_, _ = valuerange.MulCeil(v, math.LegacyNewDecFromInt(high))
	})
}

func toInt(b []byte, negate bool) math.Int {
	if len(b) > 32 {
		b = b[:32]
	}
	i := new(big.Int).SetBytes(b)
	if negate {
		i.Neg(i)
	}
	return math.NewIntFromBigInt(i)
}
