package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

// TestCapsScaleProportionally: three pairings request more than their caps; each pairing's
// requests are scaled by cap / requested (floor), and the three together by the chain-wide limit.
func TestCapsScaleProportionally(t *testing.T) {
	e := newEnv(t, 4, nil)
	// Bonded: 4 × 100_000_000 real; the limit at f = 0.5 is 400_000_000 of virtual stake.
	e.pairing("a", 30_000_000)
	e.pairing("b", 60_000_000)
	e.pairing("c", 10_000_000)
	e.request("a", 0, 20_000_000)
	e.request("a", 1, 40_000_000) // a requests 60M, cap 30M: scaled by 1/2
	e.request("b", 1, 10_000_000)
	e.request("b", 2, 20_000_000) // b requests 30M, under its cap
	e.request("c", 2, 7_000_000)
	e.request("c", 3, 8_000_000) // c requests 15M, cap 10M: scaled by 2/3 (floor)
	e.epoch()

	require.Equal(t, math.NewInt(10_000_000), e.target("a", 0))
	require.Equal(t, math.NewInt(20_000_000), e.target("a", 1))
	require.Equal(t, math.NewInt(10_000_000), e.target("b", 1))
	require.Equal(t, math.NewInt(20_000_000), e.target("b", 2))
	require.Equal(t, math.NewInt(4_666_666), e.target("c", 2)) // 7M × 10M / 15M
	require.Equal(t, math.NewInt(5_333_333), e.target("c", 3)) // 8M × 10M / 15M
	for id, want := range map[string]int64{"a": 30_000_000, "b": 30_000_000, "c": 9_999_999} {
		s := e.supply(id)
		require.Equal(t, math.NewInt(want), s.Minted, id)
		require.Equal(t, math.NewInt(want), s.Targeted, id)
	}
	require.Equal(t, math.NewInt(4_666_666), e.value("c", 2))

	// The chain-wide limit: at f = 0.1 real bonded 400M allows 400M × 0.1 / 0.9 = 44_444_444.
	// Capped wants are 30M + 30M + 10M = 70M, each scaled by 44_444_444 / 70M (floor), then each
	// request by the pairing's allowance over its requests.
	params, err := e.k.Params.Get(e.chain.Context())
	require.NoError(t, err)
	params.MaxVirtualFraction = math.LegacyNewDecWithPrec(1, 1)
	require.NoError(t, e.k.Params.Set(e.chain.Context(), params))
	e.epoch()
	limit := math.NewInt(44_444_444)
	allowA := math.NewInt(30_000_000).Mul(limit).QuoRaw(70_000_000) // 19_047_618
	allowC := math.NewInt(10_000_000).Mul(limit).QuoRaw(70_000_000) // 6_349_206
	require.Equal(t, math.NewInt(19_047_618), allowA)
	require.Equal(t, allowA, e.supply("a").Allowed)
	require.Equal(t, allowA, e.supply("b").Allowed)
	require.Equal(t, allowC, e.supply("c").Allowed)
	require.Equal(t, math.NewInt(20_000_000).Mul(allowA).QuoRaw(60_000_000), e.target("a", 0))
	require.Equal(t, math.NewInt(40_000_000).Mul(allowA).QuoRaw(60_000_000), e.target("a", 1))
	require.Equal(t, math.NewInt(7_000_000).Mul(allowC).QuoRaw(15_000_000), e.target("c", 2))
	total := math.ZeroInt()
	for _, id := range []string{"a", "b", "c"} {
		total = total.Add(e.supply(id).Targeted)
	}
	require.True(t, total.LTE(limit), "virtual stake %s within the limit %s", total, limit)
}
