package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/keeper"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// TestDriftOfAClosedPositionIsBookedAsRounded: a double-sign leaves the validator's exchange rate
// not whole; the chain's own delegators then delegate and undelegate on it, and each undelegation
// leaves the tokens x/staking floors away to the remaining delegators, so the pairing's floored
// value drifts above its booking. The next epoch closes the position on the tombstoned validator:
// the drift and the undelegation's own rounding are booked as rounded supply, to the unit, and
// once the entry matured and was burned nothing is outstanding.
func TestDriftOfAClosedPositionIsBookedAsRounded(t *testing.T) {
	e := newEnv(t, 4, func(p *types.Params) { p.EpochLength = 1_000 })
	app := e.chain.App
	v := e.chain.Validators[0]
	e.pairing("a", 1_000_000_000)
	e.request("a", 0, 33_333_333)
	e.epochNow()
	e.chain.NextBlocks(3)
	require.NoError(t, e.chain.InjectDoubleSign(v))
	e.chain.NextBlock()
	require.True(t, app.SlashingKeeper.IsTombstoned(e.chain.Context(), v.ConsAddress()))
	slashed := e.supply("a").Slashed
	e.checkInvariants()
	key := collections.Join("a", e.val(0))
	bookedAfterSlash, err := e.k.Booked.Get(e.chain.Context(), key)
	require.NoError(t, err)
	require.Equal(t, e.value("a", 0), bookedAfterSlash, "the slash lowered the booking with the value")

	for i, user := range e.chain.Accounts[:3] {
		_, _, err := e.chain.DeliverTx(user, stakingtypes.NewMsgDelegate(user.Address.String(), e.val(0), e.coin(10_000_000+int64(i))))
		require.NoError(t, err)
		for j := int64(0); j < 6; j++ {
			_, _, err := e.chain.DeliverTx(user, stakingtypes.NewMsgUndelegate(user.Address.String(), e.val(0), e.coin(1_000_001+j*7)))
			require.NoError(t, err)
		}
		e.checkInvariants()
	}
	ctx := e.chain.Context()
	booked, err := e.k.Booked.Get(ctx, key)
	require.NoError(t, err)
	require.Equal(t, bookedAfterSlash, booked, "others' moves do not change the booking")
	value := e.value("a", 0)
	// 33,333,333 delegated at one share per token; the double-sign took 5 % of the validator's
	// power of 133, 6,650,000 tokens, of which the pairing's floored value lost 1,662,500.
	require.Equal(t, math.NewInt(1_662_500), slashed)
	require.Equal(t, math.NewInt(31_670_833), booked)
	require.Equal(t, math.NewInt(31_670_834), value, "the floored value drifted a unit up")
	drift, n, err := e.k.SupplyDrift(ctx, "a")
	require.NoError(t, err)
	require.Equal(t, math.NewInt(1), drift)
	require.Equal(t, 1, n)
	roundedBefore := e.supply("a").Rounded
	require.True(t, roundedBefore.IsZero())

	e.epochNow()
	ctx = e.chain.Context()
	_, err = e.k.Targets.Get(ctx, key)
	require.ErrorIs(t, err, collections.ErrNotFound, "the position closed")
	_, err = e.k.Booked.Get(ctx, key)
	require.ErrorIs(t, err, collections.ErrNotFound)
	ubd, err := app.StakingKeeper.GetUnbondingDelegation(ctx, keeper.DelegatorAccount("a", 0), v.ValAddress())
	require.NoError(t, err)
	require.Len(t, ubd.Entries, 1)
	returned := ubd.Entries[0].Balance
	s := e.supply("a")
	require.Equal(t, math.NewInt(31_670_834), returned, "x/staking returned the drifted value")
	require.Equal(t, roundedBefore.Add(booked).Sub(returned), s.Rounded, "the drift and the undelegation's rounding, booked")

	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod+time.Minute))
	e.chain.NextBlocks(2)
	e.checkInvariants()
	s = e.supply("a")
	require.Equal(t, returned, s.Burned)
	require.True(t, s.Outstanding().IsZero(), "outstanding %s", s.Outstanding())
	require.Equal(t, s.Minted.Sub(s.Burned).Sub(s.Slashed), s.Rounded)
	require.Equal(t, math.NewInt(-1), s.Rounded, "the unit the pairing gained from others' floors")
}

// TestUndelegationsOfOthersDriftAValueSeveralUnits is why the live value has no one-unit bound
// above the books: the pairing holds most of a validator whose exchange rate a double-sign left
// not whole, and the chain's own delegators undelegate 35 times before the next epoch. Each
// undelegation pays out the floor of its tokens and leaves the fraction to the delegators that
// remain, most of it to the pairing, whose floored value climbs 13 units above its booking. The
// books stay exact and the invariants hold at every block; the next rebalance books the 13 units.
func TestUndelegationsOfOthersDriftAValueSeveralUnits(t *testing.T) {
	e := newEnv(t, 4, func(p *types.Params) {
		p.EpochLength = 1_000
		p.MaxVirtualFraction = math.LegacyNewDecWithPrec(9, 1)
	})
	e.pairing("a", 1_000_000_000)
	e.request("a", 0, 333_333_333)
	e.epochNow()
	e.chain.NextBlocks(3)
	require.NoError(t, e.chain.InjectDoubleSign(e.chain.Validators[0]))
	e.chain.NextBlock()
	for i, user := range e.chain.Accounts[:5] {
		_, _, err := e.chain.DeliverTx(user, stakingtypes.NewMsgDelegate(user.Address.String(), e.val(0), e.coin(10_000_000+int64(i))))
		require.NoError(t, err)
		for j := int64(0); j < 7; j++ {
			amount := 1_000_001 + j*7 + int64(i)*3
			_, _, err := e.chain.DeliverTx(user, stakingtypes.NewMsgUndelegate(user.Address.String(), e.val(0), e.coin(amount)))
			require.NoError(t, err)
			e.checkInvariants()
		}
	}
	drift, n, err := e.k.SupplyDrift(e.chain.Context(), "a")
	require.NoError(t, err)
	require.Equal(t, math.NewInt(13), drift)
	require.Equal(t, 1, n)
	rounded := e.supply("a").Rounded

	e.request("a", 0, 0)
	e.epochNow()
	s := e.supply("a")
	require.Equal(t, rounded.SubRaw(13), s.Rounded, "the 13 units gained, booked; undelegating all shares rounds nothing")
	drift, n, err = e.k.SupplyDrift(e.chain.Context(), "a")
	require.NoError(t, err)
	require.True(t, drift.IsZero())
	require.Zero(t, n)
}
