package converter_test

import (
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/keeper"
	"github.com/meshsecurity/mesh/converter/types"
)

// TestMigrationWritesTheRequestIndex takes a chain with three requests of two delegators on two
// validators, empties the index as a state of version 1 has it, and runs the upgrade through the
// app's module manager: the index lists exactly the requests again (an entry without its request
// is dropped) and the invariant holds. An
// index entry missing, or one left without its request, breaks the invariant.
func TestMigrationWritesTheRequestIndex(t *testing.T) {
	p, u := refusalPair(t)
	w := p.provider.Accounts[1]
	val, other := p.val(0), p.val(1)
	p.stakeRemote(w, 10_000, 500, val)
	p.stakeRemote(w, 0, 300, other)
	k := p.keeper()
	ctx := p.consumer.Context()
	indexed := func() []collections.Triple[string, string, string] {
		var out []collections.Triple[string, string, string]
		require.NoError(t, k.RequestIndex.Walk(ctx, nil, func(key collections.Triple[string, string, string]) (bool, error) {
			out = append(out, key)
			return false, nil
		}))
		return out
	}
	written := indexed()
	require.ElementsMatch(t, []collections.Triple[string, string, string]{
		collections.Join3(convPairing, val, u.String()),
		collections.Join3(convPairing, val, w.String()),
		collections.Join3(convPairing, other, w.String()),
	}, written)
	invariant := keeper.RequestsMatchTotals(k)
	for _, key := range written {
		require.NoError(t, k.RequestIndex.Remove(ctx, key))
	}
	msg, broken := invariant(ctx)
	require.True(t, broken, "a state of version 1: %s", msg)
	require.Contains(t, msg, "not indexed")
	stale := collections.Join3(convPairing, other, u.String())
	require.NoError(t, k.RequestIndex.Set(ctx, stale), "an entry without its request, which the migration drops")

	app := p.consumer.App
	from := app.ModuleManager.GetVersionMap()
	from[types.ModuleName] = 1
	to, err := app.ModuleManager.RunMigrations(ctx, app.Configurator(), from)
	require.NoError(t, err)
	require.Equal(t, uint64(2), to[types.ModuleName])
	require.Equal(t, written, indexed())
	msg, broken = invariant(ctx)
	require.False(t, broken, msg)

	require.NoError(t, k.RequestIndex.Set(ctx, stale))
	msg, broken = invariant(ctx)
	require.True(t, broken, msg)
	require.Contains(t, msg, "without a request")
	require.NoError(t, k.RequestIndex.Remove(ctx, stale))
	require.NoError(t, k.RequestIndex.Remove(ctx, collections.Join3(convPairing, other, w.String())))
	msg, broken = invariant(ctx)
	require.True(t, broken, msg)
	require.Contains(t, msg, "request of "+w.String()+" not indexed")
}
