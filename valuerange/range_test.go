package valuerange_test

import (
	"math/big"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/valuerange"
)

func n(v int64) math.Int { return math.NewInt(v) }

func rng(low, high int64) valuerange.Range {
	return valuerange.Range{Low: n(low), High: n(high)}
}

func TestPrepareCommitRollbackAdd(t *testing.T) {
	r := valuerange.New(n(100))
	p, err := r.PrepareAddWithin(n(50), n(150))
	require.NoError(t, err)
	eq(t, rng(100, 150), p)
	eq(t, rng(100, 100), r, "receiver must not change")

	_, err = r.PrepareAddWithin(n(51), n(150))
	require.ErrorIs(t, err, valuerange.ErrOverflow)

	c, err := p.CommitAdd(n(50))
	require.NoError(t, err)
	eq(t, rng(150, 150), c)
	v, err := c.Val()
	require.NoError(t, err)
	require.Equal(t, n(150), v)

	rb, err := p.RollbackAdd(n(50))
	require.NoError(t, err)
	eq(t, rng(100, 100), rb)

	_, err = p.CommitAdd(n(51))
	require.ErrorIs(t, err, valuerange.ErrInverted)
	_, err = p.RollbackAdd(n(51))
	require.ErrorIs(t, err, valuerange.ErrInverted)
	_, err = p.Val()
	require.ErrorIs(t, err, valuerange.ErrNotOneValue)
}

func TestPrepareCommitRollbackSub(t *testing.T) {
	r := valuerange.New(n(100))
	p, err := r.PrepareSubAbove(n(30), n(60))
	require.NoError(t, err)
	eq(t, rng(70, 100), p)
	_, err = r.PrepareSubAbove(n(41), n(60))
	require.ErrorIs(t, err, valuerange.ErrUnderflow)
	_, err = r.PrepareSub(n(101))
	require.ErrorIs(t, err, valuerange.ErrUnderflow)

	c, err := p.CommitSub(n(30))
	require.NoError(t, err)
	eq(t, rng(70, 70), c)
	rb, err := p.RollbackSub(n(30))
	require.NoError(t, err)
	eq(t, rng(100, 100), rb)
	_, err = p.CommitSub(n(31))
	require.ErrorIs(t, err, valuerange.ErrInverted)
	_, err = p.RollbackSub(n(31))
	require.ErrorIs(t, err, valuerange.ErrInverted)
}

func TestSaturatingVariants(t *testing.T) {
	// a slash lowered high below what a pending add would commit to
	r := rng(10, 15)
	c, err := r.CommitAddSaturating(n(20))
	require.NoError(t, err)
	eq(t, rng(30, 30), c)

	cc, err := r.CommitAddClamped(n(20))
	require.NoError(t, err)
	eq(t, rng(15, 15), cc, "clamped commit never raises high")

	rb, err := r.RollbackAddSaturating(n(20))
	require.NoError(t, err)
	eq(t, rng(10, 10), rb, "never below low, never fails")

	cs, err := r.CommitSubSaturating(n(100))
	require.NoError(t, err)
	eq(t, rng(10, 10), cs)
	cs, err = r.CommitSubSaturating(n(3))
	require.NoError(t, err)
	eq(t, rng(10, 12), cs)

	rs, err := r.RollbackSubSaturating(n(100))
	require.NoError(t, err)
	eq(t, rng(15, 15), rs)

	s, err := r.SubSaturating(n(12))
	require.NoError(t, err)
	eq(t, rng(0, 3), s)
}

func TestAddSubAndClamp(t *testing.T) {
	r, err := valuerange.Zero().Add(n(40), n(50))
	require.NoError(t, err)
	eq(t, rng(40, 40), r)
	_, err = r.Add(n(11), n(50))
	require.ErrorIs(t, err, valuerange.ErrOverflow)
	r, err = r.Sub(n(40), math.ZeroInt())
	require.NoError(t, err)
	require.True(t, r.IsZero())

	clamped, taken, err := rng(120, 190).ClampHigh(n(150))
	require.NoError(t, err)
	eq(t, rng(120, 150), clamped)
	eq(t, rng(0, 40), taken)
}

func TestBadInputIsAnError(t *testing.T) {
	r := rng(1, 2)
	neg := n(-1)
	for name, f := range map[string]func() (valuerange.Range, error){
		"prepare add":      func() (valuerange.Range, error) { return r.PrepareAdd(neg) },
		"prepare add nil":  func() (valuerange.Range, error) { return r.PrepareAdd(math.Int{}) },
		"commit add":       func() (valuerange.Range, error) { return r.CommitAdd(neg) },
		"rollback add":     func() (valuerange.Range, error) { return r.RollbackAdd(neg) },
		"prepare sub":      func() (valuerange.Range, error) { return r.PrepareSub(neg) },
		"commit sub sat":   func() (valuerange.Range, error) { return r.CommitSubSaturating(neg) },
		"rollback add sat": func() (valuerange.Range, error) { return r.RollbackAddSaturating(neg) },
		"add neg max":      func() (valuerange.Range, error) { return r.Add(n(1), neg) },
		"sub neg min":      func() (valuerange.Range, error) { return r.Sub(n(1), neg) },
	} {
		out, err := f()
		require.ErrorIs(t, err, valuerange.ErrNegative, name)
		eq(t, r, out, name)
	}
	_, err := valuerange.FromBounds(n(3), n(2))
	require.ErrorIs(t, err, valuerange.ErrInverted)

	huge := math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))
	_, err = valuerange.New(huge).PrepareAdd(n(1))
	require.ErrorIs(t, err, valuerange.ErrOverflow)
}

func TestAggregates(t *testing.T) {
	a, b := rng(1, 10), rng(5, 7)
	eq(t, rng(5, 10), valuerange.MaxRange(a, b))
	eq(t, rng(1, 7), valuerange.MinRange(a, b))
	eq(t, rng(1, 10), valuerange.Spread(a, b))
	sum, err := valuerange.Sum(a, b)
	require.NoError(t, err)
	eq(t, rng(6, 17), sum)
	m, err := rng(15, 25).MulFloor(math.LegacyMustNewDecFromStr("0.1"))
	require.NoError(t, err)
	eq(t, rng(1, 2), m)
}

func TestRatioArithmetic(t *testing.T) {
	ratio := math.LegacyMustNewDecFromStr("1.6")
	inv, err := valuerange.Inverse(ratio)
	require.NoError(t, err)
	require.Equal(t, "0.625000000000000000", inv.String())
	c, err := valuerange.MulCeil(n(35), inv)
	require.NoError(t, err)
	require.Equal(t, n(22), c, "slashing branch B: ceil(35 * 0.625)")
	f, err := valuerange.MulFloor(n(15), math.LegacyMustNewDecFromStr("0.1"))
	require.NoError(t, err)
	require.Equal(t, n(1), f)

	third, err := valuerange.Inverse(math.LegacyNewDec(3))
	require.NoError(t, err)
	require.Equal(t, "0.333333333333333333", third.String(), "inverse rounds down")

	_, err = valuerange.Inverse(math.LegacyZeroDec())
	require.ErrorIs(t, err, valuerange.ErrInvalidRatio)
	_, err = valuerange.MulFloor(n(1), math.LegacyNewDec(-1))
	require.ErrorIs(t, err, valuerange.ErrInvalidRatio)
}

func eq(t *testing.T, want, got valuerange.Range, msg ...interface{}) {
	t.Helper()
	require.Equal(t, want.String(), got.String(), msg...)
}
