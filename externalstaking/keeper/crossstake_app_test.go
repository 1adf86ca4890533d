package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking"
	"github.com/meshsecurity/mesh/externalstaking/types"
)

// crossStake is the pairing's running total of cross-stake, after checking it against the sum
// of its validators' tokens.
func (e *env) crossStake() string {
	e.t.Helper()
	ctx := e.chain.Context()
	require.NoError(e.t, e.k.CheckCrossStake(ctx))
	total, err := e.k.CrossStake.Get(ctx, pairingID)
	if err != nil {
		return "none"
	}
	return total.String()
}

func TestCrossStakeTotalFollowsEveryChange(t *testing.T) {
	e := newEnv(t)
	a, b := e.chain.Accounts[0], e.chain.Accounts[1]
	e.bond(1_000, a, b)
	e.activate(1, "valA", "valB")
	require.Equal(t, "none", e.crossStake())

	e.committedStake(a, "valA", 300)
	e.committedStake(b, "valB", 200)
	require.Equal(t, "500", e.crossStake(), "two committed stakes")
	require.NoError(t, e.stake(b, "valB", 100))
	for _, data := range e.clearOutbox() {
		e.ack(data, false)
	}
	require.Equal(t, "500", e.crossStake(), "a refused stake adds nothing")

	data, err := e.unstake(a, "valA", 100)
	require.NoError(t, err)
	require.Equal(t, "500", e.crossStake(), "a pending unstake stays bonded")
	e.ack(data, true)
	require.Equal(t, "400", e.crossStake(), "the unstake left valA")

	require.True(t, e.receive(slashReport("valA", 3, 1_000, "0.1", false)).Success())
	require.Equal(t, "390", e.crossStake(), "10% reported, capped at the pairing's 5% of valA's 200")
	require.True(t, e.receive(slashReport("valB", 4, 1_000, "0.1", true)).Success())
	require.Equal(t, "370", e.crossStake(), "the double-sign takes 10% of valB's 200")
	e.checkInvariants()
}

func TestMigrationWritesTheCrossStakeTotals(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA", "valB")
	e.committedStake(a, "valA", 300)
	e.committedStake(a, "valB", 150)
	ctx := e.chain.Context()
	require.NoError(t, e.k.CrossStake.Remove(ctx, pairingID))
	require.ErrorIs(t, e.k.CheckCrossStake(ctx), types.ErrAccounting, "a state of version 1")
	require.Equal(t, uint64(2), externalstaking.AppModule{}.ConsensusVersion())
	app := e.chain.App
	from := app.ModuleManager.GetVersionMap()
	from[types.ModuleName] = 1
	to, err := app.ModuleManager.RunMigrations(ctx, app.Configurator(), from)
	require.NoError(t, err)
	require.Equal(t, uint64(2), to[types.ModuleName])
	require.Equal(t, "450", e.crossStake())

	require.NoError(t, e.k.CrossStake.Set(ctx, pairingID, ints(449)))
	require.ErrorIs(t, e.k.CheckCrossStake(ctx), types.ErrAccounting, "a total one unit off")
}
