package keeper

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// target is a burn target with stake at one token per share.
func target(val string, stake int64) burnTarget {
	v := newValidator()
	pos := newPosition(0)
	addShares(&v, &pos, math.NewInt(stake), math.NewInt(stake))
	return burnTarget{val: val, v: v, pos: pos, cut: math.ZeroInt()}
}

// TestDistributeBurnMatchesTheReference checks the equal-share-then-remainder rounding against
// the reference's worked examples, including its known limitation (enough stake in total, but
// not in one place for the remainder).
func TestDistributeBurnMatchesTheReference(t *testing.T) {
	cases := []struct {
		stakes []int64
		amount int64
		cuts   []int64
		left   int64
	}{
		{[]int64{100, 200, 300}, 100, []int64{34, 33, 33}, 0},
		{[]int64{100}, 100, []int64{100}, 0},
		{[]int64{100, 1}, 101, []int64{100, 1}, 0},
		{[]int64{100, 1}, 102, []int64{51, 1}, 50},
		{[]int64{29, 30, 31, 1}, 91, []int64{22, 22, 22, 1}, 24},
	}
	for _, c := range cases {
		targets := make([]burnTarget, len(c.stakes))
		for i, s := range c.stakes {
			targets[i] = target(string(rune('a'+i)), s)
		}
		left := distributeBurn(targets, math.NewInt(c.amount))
		require.Equal(t, math.NewInt(c.left).String(), left.String(), "%v burning %d", c.stakes, c.amount)
		for i, want := range c.cuts {
			require.Equal(t, math.NewInt(want).String(), targets[i].cut.String(), "%v burning %d, entry %d", c.stakes, c.amount, i)
			require.Equal(t, math.NewInt(c.stakes[i]-want).String(), tokensOf(targets[i].v, targets[i].pos.Shares).String())
		}
	}
	require.Equal(t, "5", distributeBurn(nil, math.NewInt(5)).String(), "no targets: nothing burned, nothing panics")
}
