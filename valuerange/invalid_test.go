package valuerange_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/valuerange"
)

// invalidReceivers are ranges that Validate rejects, with the error each must report.
var invalidReceivers = []struct {
	name string
	r    valuerange.Range
	want error
}{
	{"unset", valuerange.Range{}, valuerange.ErrNegative},
	{"high unset", valuerange.Range{Low: n(1)}, valuerange.ErrNegative},
	{"low unset", valuerange.Range{High: n(1)}, valuerange.ErrNegative},
	{"negative low", rng(-1, 2), valuerange.ErrNegative},
	{"inverted", rng(4, 2), valuerange.ErrInverted},
}

// TestInvalidReceiverIsAnError runs every operation on every invalid receiver, including the calls
// that used to panic (CommitAddSaturating, CommitAddClamped, RollbackAddSaturating, SubSaturating,
// ClampHigh, Val) or return an invalid range with a nil error (SubSaturating on 4..2): each must
// return the receiver unchanged with the receiver's validation error.
func TestInvalidReceiverIsAnError(t *testing.T) {
	one, ten := n(1), n(10)
	ops := map[string]func(valuerange.Range) (valuerange.Range, error){
		"PrepareAdd":            func(r valuerange.Range) (valuerange.Range, error) { return r.PrepareAdd(one) },
		"PrepareAddWithin":      func(r valuerange.Range) (valuerange.Range, error) { return r.PrepareAddWithin(one, ten) },
		"CommitAdd":             func(r valuerange.Range) (valuerange.Range, error) { return r.CommitAdd(one) },
		"RollbackAdd":           func(r valuerange.Range) (valuerange.Range, error) { return r.RollbackAdd(one) },
		"CommitAddSaturating":   func(r valuerange.Range) (valuerange.Range, error) { return r.CommitAddSaturating(one) },
		"CommitAddClamped":      func(r valuerange.Range) (valuerange.Range, error) { return r.CommitAddClamped(one) },
		"RollbackAddSaturating": func(r valuerange.Range) (valuerange.Range, error) { return r.RollbackAddSaturating(one) },
		"Add":                   func(r valuerange.Range) (valuerange.Range, error) { return r.Add(one, ten) },
		"AddUnbounded":          func(r valuerange.Range) (valuerange.Range, error) { return r.AddUnbounded(one) },
		"PrepareSub":            func(r valuerange.Range) (valuerange.Range, error) { return r.PrepareSub(one) },
		"PrepareSubAbove":       func(r valuerange.Range) (valuerange.Range, error) { return r.PrepareSubAbove(one, math.ZeroInt()) },
		"CommitSub":             func(r valuerange.Range) (valuerange.Range, error) { return r.CommitSub(one) },
		"RollbackSub":           func(r valuerange.Range) (valuerange.Range, error) { return r.RollbackSub(one) },
		"CommitSubSaturating":   func(r valuerange.Range) (valuerange.Range, error) { return r.CommitSubSaturating(one) },
		"RollbackSubSaturating": func(r valuerange.Range) (valuerange.Range, error) { return r.RollbackSubSaturating(one) },
		"Sub":                   func(r valuerange.Range) (valuerange.Range, error) { return r.Sub(one, math.ZeroInt()) },
		"SubSaturating":         func(r valuerange.Range) (valuerange.Range, error) { return r.SubSaturating(one) },
		"ClampHigh": func(r valuerange.Range) (valuerange.Range, error) {
			out, taken, err := r.ClampHigh(one)
			eq(t, valuerange.Zero(), taken, "ClampHigh takes nothing on error")
			return out, err
		},
		"MulFloor": func(r valuerange.Range) (valuerange.Range, error) {
			return r.MulFloor(math.LegacyOneDec())
		},
		"Sum": func(r valuerange.Range) (valuerange.Range, error) { return valuerange.Sum(rng(1, 1), r) },
		"Val": func(r valuerange.Range) (valuerange.Range, error) {
			v, err := r.Val()
			require.True(t, v.IsNil(), "Val returns an unset value on error")
			return r, err
		},
	}
	for _, rc := range invalidReceivers {
		for name, op := range ops {
			var (
				out valuerange.Range
				err error
			)
			require.NotPanics(t, func() { out, err = op(rc.r) }, "%s on %s", name, rc.name)
			require.ErrorIs(t, err, rc.want, "%s on %s", name, rc.name)
			if name == "Sum" {
				eq(t, valuerange.Zero(), out, "%s on %s", name, rc.name)
				continue
			}
			require.True(t, rc.r.Equal(out), "%s on %s must return the receiver, got %s", name, rc.name, out)
		}
	}
}

// TestUnsetArgumentIsAnError passes an unset amount or bound to every operation on a valid range.
func TestUnsetArgumentIsAnError(t *testing.T) {
	r, unset := rng(1, 5), math.Int{}
	for name, op := range map[string]func() (valuerange.Range, error){
		"PrepareAdd v":            func() (valuerange.Range, error) { return r.PrepareAdd(unset) },
		"PrepareAddWithin max":    func() (valuerange.Range, error) { return r.PrepareAddWithin(n(1), unset) },
		"CommitAdd v":             func() (valuerange.Range, error) { return r.CommitAdd(unset) },
		"RollbackAdd v":           func() (valuerange.Range, error) { return r.RollbackAdd(unset) },
		"CommitAddSaturating v":   func() (valuerange.Range, error) { return r.CommitAddSaturating(unset) },
		"CommitAddClamped v":      func() (valuerange.Range, error) { return r.CommitAddClamped(unset) },
		"RollbackAddSaturating v": func() (valuerange.Range, error) { return r.RollbackAddSaturating(unset) },
		"Add max":                 func() (valuerange.Range, error) { return r.Add(n(1), unset) },
		"AddUnbounded v":          func() (valuerange.Range, error) { return r.AddUnbounded(unset) },
		"PrepareSub v":            func() (valuerange.Range, error) { return r.PrepareSub(unset) },
		"PrepareSubAbove min":     func() (valuerange.Range, error) { return r.PrepareSubAbove(n(1), unset) },
		"CommitSub v":             func() (valuerange.Range, error) { return r.CommitSub(unset) },
		"RollbackSub v":           func() (valuerange.Range, error) { return r.RollbackSub(unset) },
		"CommitSubSaturating v":   func() (valuerange.Range, error) { return r.CommitSubSaturating(unset) },
		"RollbackSubSaturating v": func() (valuerange.Range, error) { return r.RollbackSubSaturating(unset) },
		"Sub min":                 func() (valuerange.Range, error) { return r.Sub(n(1), unset) },
		"SubSaturating v":         func() (valuerange.Range, error) { return r.SubSaturating(unset) },
		"ClampHigh max": func() (valuerange.Range, error) {
			out, _, err := r.ClampHigh(unset)
			return out, err
		},
	} {
		var (
			out valuerange.Range
			err error
		)
		require.NotPanics(t, func() { out, err = op() }, name)
		require.ErrorIs(t, err, valuerange.ErrNegative, name)
		eq(t, r, out, name)
	}
	_, err := r.MulFloor(math.LegacyDec{})
	require.ErrorIs(t, err, valuerange.ErrInvalidRatio)
}

// TestPredicatesOnInvalidInput checks the documented results of the functions without an error
// result: predicates report false, Equal compares ends as given, String shows unset ends.
func TestPredicatesOnInvalidInput(t *testing.T) {
	for _, rc := range invalidReceivers {
		require.NotPanics(t, func() {
			require.False(t, rc.r.IsZero(), "IsZero on %s", rc.name)
			require.False(t, rc.r.IsUnderMax(n(100)), "IsUnderMax on %s", rc.name)
			require.False(t, rc.r.IsOverMin(math.ZeroInt()), "IsOverMin on %s", rc.name)
			require.True(t, rc.r.Equal(rc.r), "Equal on %s", rc.name)
			require.False(t, rc.r.Equal(valuerange.Zero()), "Equal on %s", rc.name)
			_ = rc.r.String()
		}, rc.name)
	}
	good := rng(1, 5)
	require.True(t, good.IsUnderMax(n(5)))
	require.False(t, good.IsUnderMax(n(4)))
	require.False(t, good.IsUnderMax(math.Int{}), "unset max")
	require.False(t, good.IsUnderMax(n(-1)), "negative max")
	require.True(t, good.IsOverMin(n(1)))
	require.False(t, good.IsOverMin(n(2)))
	require.False(t, good.IsOverMin(math.Int{}), "unset min")
	require.True(t, valuerange.Zero().IsZero())
	require.False(t, good.Equal(valuerange.Range{Low: n(1)}))
	require.Equal(t, "<nil>..<nil>", valuerange.Range{}.String())
}

// TestAggregatesOnInvalidInput checks that MaxRange, MinRange and Spread never panic and replace an
// invalid argument by its hull: unset or negative ends count as zero, inverted ends are swapped.
func TestAggregatesOnInvalidInput(t *testing.T) {
	cases := []struct {
		name           string
		a, b           valuerange.Range
		max, min, hull valuerange.Range
	}{
		{"both unset", valuerange.Range{}, valuerange.Range{}, rng(0, 0), rng(0, 0), rng(0, 0)},
		{"unset and valid", valuerange.Range{}, rng(2, 7), rng(2, 7), rng(0, 0), rng(0, 7)},
		{"high unset", valuerange.Range{Low: n(3)}, rng(1, 2), rng(1, 3), rng(0, 2), rng(0, 3)},
		{"inverted and valid", rng(4, 2), rng(1, 3), rng(2, 4), rng(1, 3), rng(1, 4)},
		{"negative", rng(-5, 6), rng(1, 3), rng(1, 6), rng(0, 3), rng(0, 6)},
		{"valid", rng(1, 10), rng(5, 7), rng(5, 10), rng(1, 7), rng(1, 10)},
	}
	for _, tc := range cases {
		var maxAB, maxBA, minAB, spread valuerange.Range
		require.NotPanics(t, func() {
			maxAB, maxBA = valuerange.MaxRange(tc.a, tc.b), valuerange.MaxRange(tc.b, tc.a)
			minAB, spread = valuerange.MinRange(tc.a, tc.b), valuerange.Spread(tc.a, tc.b)
		}, tc.name)
		eq(t, tc.max, maxAB, "MaxRange %s", tc.name)
		eq(t, tc.max, maxBA, "MaxRange reversed %s", tc.name)
		eq(t, tc.min, minAB, "MinRange %s", tc.name)
		eq(t, tc.hull, spread, "Spread %s", tc.name)
		for _, out := range []valuerange.Range{maxAB, maxBA, minAB, spread} {
			require.NoError(t, out.Validate(), tc.name)
		}
	}
	eq(t, rng(2, 4), valuerange.Spread(rng(4, 2)), "a single inverted range is swapped")
}
