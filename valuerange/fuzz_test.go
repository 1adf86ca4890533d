package valuerange_test

import (
	"math/big"
	"testing"

	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/valuerange"
)

// Bits of the shape argument of FuzzOperations. Each one makes an input unset, negative or
// inverted, so the target covers invalid receivers and arguments as well as valid ones.
const (
	shapeLowUnset  = 1 << iota // receiver Low is unset
	shapeHighUnset             // receiver High is unset
	shapeVUnset                // amount v is unset
	shapeMUnset                // bound m (max, min, ratio) is unset
	shapeSwap                  // receiver ends are swapped, giving an inverted range when Low < High
	shapeLowNeg                // receiver Low is negated
	shapeHighNeg               // receiver High is negated
	shapeMNeg                  // bound m is negated
)

// FuzzOperations applies every operation to arbitrary inputs, including unset, negative and
// inverted receivers and unset or negative arguments. None may panic; any result returned without
// error must be a valid range; an invalid receiver must always give an error; and the functions
// without an error result must return what their documentation promises.
func FuzzOperations(f *testing.F) {
	f.Add([]byte{1}, []byte{2}, []byte{1}, []byte{2}, false, uint8(0))
	f.Add([]byte{0xff, 0xff}, []byte{0xff, 0xff, 0xff}, []byte{7}, []byte{0xff, 0xff, 0xff}, true, uint8(0))
	f.Add([]byte{}, []byte{}, []byte{1}, []byte{1}, false, uint8(shapeLowUnset|shapeHighUnset))
	f.Add([]byte{1}, []byte{}, []byte{1}, []byte{1}, false, uint8(shapeHighUnset))
	f.Add([]byte{2}, []byte{4}, []byte{1}, []byte{3}, false, uint8(shapeSwap))
	f.Add([]byte{1}, []byte{5}, []byte{1}, []byte{}, false, uint8(shapeVUnset|shapeMUnset))
	f.Add([]byte{1}, []byte{5}, []byte{1}, []byte{3}, false, uint8(shapeLowNeg|shapeMNeg))
	f.Fuzz(func(t *testing.T, lowB, highB, vB, mB []byte, negate bool, shape uint8) {
		low := fuzzInt(lowB, shape&shapeLowNeg != 0, shape&shapeLowUnset != 0)
		high := fuzzInt(highB, shape&shapeHighNeg != 0, shape&shapeHighUnset != 0)
		if shape&shapeSwap != 0 {
			low, high = high, low
		}
		v := fuzzInt(vB, negate, shape&shapeVUnset != 0)
		m := fuzzInt(mB, shape&shapeMNeg != 0, shape&shapeMUnset != 0)
		ratio := math.LegacyDec{}
		if !m.IsNil() {
			ratio = math.LegacyNewDecFromBigIntWithPrec(m.BigInt(), math.LegacyPrecision)
		}
		r := valuerange.Range{Low: low, High: high}
		valid := r.Validate() == nil
		o := valuerange.Range{Low: v, High: m}

		ops := []func() (valuerange.Range, error){
			func() (valuerange.Range, error) { return r.PrepareAdd(v) },
			func() (valuerange.Range, error) { return r.PrepareAddWithin(v, m) },
			func() (valuerange.Range, error) { return r.CommitAdd(v) },
			func() (valuerange.Range, error) { return r.RollbackAdd(v) },
			func() (valuerange.Range, error) { return r.CommitAddSaturating(v) },
			func() (valuerange.Range, error) { return r.RollbackAddSaturating(v) },
			func() (valuerange.Range, error) { return r.CommitAddClamped(v) },
			func() (valuerange.Range, error) { return r.PrepareSub(v) },
			func() (valuerange.Range, error) { return r.PrepareSubAbove(v, m) },
			func() (valuerange.Range, error) { return r.CommitSub(v) },
			func() (valuerange.Range, error) { return r.RollbackSub(v) },
			func() (valuerange.Range, error) { return r.CommitSubSaturating(v) },
			func() (valuerange.Range, error) { return r.RollbackSubSaturating(v) },
			func() (valuerange.Range, error) { return r.SubSaturating(v) },
			func() (valuerange.Range, error) { return r.Add(v, m) },
			func() (valuerange.Range, error) { return r.AddUnbounded(v) },
			func() (valuerange.Range, error) { return r.Sub(v, m) },
			func() (valuerange.Range, error) { out, _, err := r.ClampHigh(m); return out, err },
			func() (valuerange.Range, error) { _, taken, err := r.ClampHigh(m); return taken, err },
			func() (valuerange.Range, error) { return r.MulFloor(ratio) },
			func() (valuerange.Range, error) { return valuerange.Sum(r, o) },
			func() (valuerange.Range, error) { return valuerange.FromBounds(low, high) },
		}
		for i, op := range ops {
			out, err := op()
			if err != nil {
				continue
			}
			if !valid {
				t.Fatalf("op %d on invalid %s with v=%s m=%s gave %s and no error", i, r, v, m, out)
			}
			if verr := out.Validate(); verr != nil {
				t.Fatalf("op %d on %s with v=%s m=%s gave invalid %s: %v", i, r, v, m, out, verr)
			}
		}
		for i, out := range []valuerange.Range{
			valuerange.MaxRange(r, o), valuerange.MinRange(r, o), valuerange.Spread(r, o), valuerange.Spread(r),
		} {
			if verr := out.Validate(); verr != nil {
				t.Fatalf("aggregate %d of %s and %s gave invalid %s: %v", i, r, o, out, verr)
			}
		}

		if val, err := r.Val(); err == nil && (!valid || !val.Equal(low) || !low.Equal(high)) {
			t.Fatalf("Val of %s gave %s and no error", r, val)
		}
		if r.IsZero() && (!valid || !low.IsZero() || !high.IsZero()) {
			t.Fatalf("IsZero of %s reported true", r)
		}
		if r.IsUnderMax(m) && (!valid || m.IsNil() || high.GT(m)) {
			t.Fatalf("IsUnderMax of %s under %s reported true", r, m)
		}
		if r.IsOverMin(m) && (!valid || m.IsNil() || m.IsNegative() || low.LT(m)) {
			t.Fatalf("IsOverMin of %s over %s reported true", r, m)
		}
		if !r.Equal(r) {
			t.Fatalf("%s does not equal itself", r)
		}
		_ = r.String()
		if valid {
			// An aggregate of valid ranges is the plain end-wise result.
			if other := (valuerange.Range{Low: low, High: high}); !valuerange.MaxRange(r, other).Equal(r) ||
				!valuerange.MinRange(r, other).Equal(r) || !valuerange.Spread(r).Equal(r) {
				t.Fatalf("aggregates changed valid %s", r)
			}
		}
		_, _ = valuerange.MulFloor(v, ratio)
		_, _ = valuerange.MulCeil(v, ratio)
		_, _ = valuerange.Inverse(ratio)
	})
}

// fuzzInt builds an integer of at most 256 bits from b, negated if negate, or the unset math.Int
// if unset.
func fuzzInt(b []byte, negate, unset bool) math.Int {
	if unset {
		return math.Int{}
	}
	if len(b) > 32 {
		b = b[:32]
	}
	i := new(big.Int).SetBytes(b)
	if negate {
		i.Neg(i)
	}
	return math.NewIntFromBigInt(i)
}
