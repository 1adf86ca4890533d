package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/virtualstaking/keeper"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// TestMigrationBooksEveryDelegationAndItsDrift runs the upgrade from version 1, which kept no
// booked values, through the app's module manager. The pairing holds a delegation a double-sign
// slashed and whose floored value others' undelegations drifted a unit above its booking, another
// delegation, and an unbonding entry of a third it lowered. With the bookings deleted the exact
// supply check fails; the migration books each delegation at its value and the drifted unit as
// rounded supply, so the check holds at once and the next epoch closes the slashed position with
// nothing more to book.
func TestMigrationBooksEveryDelegationAndItsDrift(t *testing.T) {
	e := newEnv(t, 4, func(p *types.Params) { p.EpochLength = 1_000 })
	app := e.chain.App
	v := e.chain.Validators[0]
	e.pairing("a", 1_000_000_000)
	e.request("a", 0, 33_333_333)
	e.request("a", 1, 10_000_000)
	e.request("a", 2, 6_000_000)
	e.epochNow()
	e.request("a", 2, 0)
	e.epochNow()
	e.chain.NextBlocks(3)
	require.NoError(t, e.chain.InjectDoubleSign(v))
	e.chain.NextBlock()
	for i, user := range e.chain.Accounts[:3] {
		_, _, err := e.chain.DeliverTx(user, stakingtypes.NewMsgDelegate(user.Address.String(), e.val(0), e.coin(10_000_000+int64(i))))
		require.NoError(t, err)
		for j := int64(0); j < 6; j++ {
			_, _, err := e.chain.DeliverTx(user, stakingtypes.NewMsgUndelegate(user.Address.String(), e.val(0), e.coin(1_000_001+j*7)))
			require.NoError(t, err)
		}
	}
	ctx := e.chain.Context()
	// the same figures as the drift test: 5 % of the validator's 133 power slashed 1,662,500 of
	// the pairing's 33,333,333, and others' floors left it a unit above its booking
	require.Equal(t, math.NewInt(1_662_500), e.supply("a").Slashed)
	require.Equal(t, math.NewInt(31_670_834), e.value("a", 0))
	params, err := e.k.Params.Get(ctx)
	require.NoError(t, err)
	unbonding := math.ZeroInt()
	for i := uint32(0); i < params.AccountsPerPairing; i++ {
		entries, err := app.StakingKeeper.GetDelegatorUnbonding(ctx, keeper.DelegatorAccount("a", i))
		require.NoError(t, err)
		unbonding = unbonding.Add(entries)
	}
	require.Equal(t, math.NewInt(6_000_000), unbonding, "the lowered delegation, unbonding")
	before := e.supply("a")
	require.True(t, before.Rounded.IsZero(), "nothing was rounded before")

	// a state of version 1: no bookings
	for i := 0; i < 3; i++ {
		require.NoError(t, e.k.Booked.Remove(ctx, collections.Join("a", e.val(i))))
	}
	require.ErrorIs(t, e.k.CheckSupply(ctx), types.ErrInvariantBroken)
	from := app.ModuleManager.GetVersionMap()
	from[types.ModuleName] = 1
	to, err := app.ModuleManager.RunMigrations(ctx, app.Configurator(), from)
	require.NoError(t, err)
	require.Equal(t, uint64(2), to[types.ModuleName])

	booked := func(i int) math.Int {
		b, err := e.k.Booked.Get(ctx, collections.Join("a", e.val(i)))
		require.NoError(t, err)
		return b
	}
	require.Equal(t, math.NewInt(31_670_834), booked(0))
	require.Equal(t, math.NewInt(10_000_000), booked(1))
	_, err = e.k.Booked.Get(ctx, collections.Join("a", e.val(2)))
	require.ErrorIs(t, err, collections.ErrNotFound, "no shares left on the lowered delegation")
	after := e.supply("a")
	require.Equal(t, math.NewInt(-1), after.Rounded, "the drifted unit, booked")
	require.Equal(t, math.NewInt(31_670_834+10_000_000+6_000_000), after.Outstanding())
	require.NoError(t, e.k.CheckSupply(ctx))
	drift, n, err := e.k.SupplyDrift(ctx, "a")
	require.NoError(t, err)
	require.True(t, drift.IsZero())
	require.Equal(t, 2, n)

	e.epochNow()
	ctx = e.chain.Context()
	_, err = e.k.Booked.Get(ctx, collections.Join("a", e.val(0)))
	require.ErrorIs(t, err, collections.ErrNotFound, "the slashed position closed")
	require.Equal(t, math.NewInt(-1), e.supply("a").Rounded, "its value, booked, came back whole")
}
