package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/valuerange"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
)

// TestCollectionPrefixes pins every collection's name and prefix: changing one changes the state
// format and needs a migration and a new ConsensusVersion.
func TestCollectionPrefixes(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	want := map[string][]byte{
		"params": {0}, "accounts": {1}, "liens": {2}, "pending_liens": {3}, "pending_by_owner": {4},
		"last_pending_id": {5}, "lent": {6}, "settlement_queue": {7}, "crank_cursor": {8},
		"unconfirmed_losses": {9},
		"holder_liens":       {10}, "queue_cursor": {11},
	}
	got := map[string][]byte{}
	for _, c := range f.Keeper.Schema.ListCollections() {
		got[c.GetName()] = c.GetPrefix()
	}
	require.Equal(t, want, got)
}

func rangeOf(low, high int64) valuerange.Range {
	return valuerange.Range{Low: mathInt(low), High: mathInt(high)}
}
