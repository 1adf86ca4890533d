package keeper_test

import (
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// fiveUpdates touch five validators with every kind of report, at heights out of order.
func fiveUpdates() []ibcproto.ValsetUpdatePacket {
	add := func(name, keySeed string) ibcproto.AddValidator {
		return ibcproto.AddValidator{Valoper: name, PubKey: pubKey(keySeed)}
	}
	return []ibcproto.ValsetUpdatePacket{
		{Height: 10, Time: 10, Additions: []ibcproto.AddValidator{add("v1", "v1"), add("v2", "v2"), add("v3", "v3")}},
		{Height: 20, Time: 20, Jailed: []string{"v1"}, Removals: []string{"v2"}, Unjailed: []string{"v4"}},
		{Height: 30, Time: 30, Additions: []ibcproto.AddValidator{add("v1", "v1-rotated")}, Updated: []ibcproto.AddValidator{add("v3", "v3-new")}},
		{Height: 25, Time: 25, Tombstoned: []string{"v2"}},
		{Height: 15, Time: 15, Additions: []ibcproto.AddValidator{add("v4", "v4"), add("v5", "v5")}, Removals: []string{"v5"}},
	}
}

// permutations returns every order of 0..n-1.
func permutations(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

func TestValsetUpdatesAreOrderIndependent(t *testing.T) {
	e := newEnv(t)
	updates := fiveUpdates()
	orders := permutations(len(updates))
	require.Len(t, orders, 120)

	want := map[string]string{
		"v1": fmt.Sprintf("%s %s", types.VALIDATOR_STATUS_ACTIVE, pubKey("v1")),
		"v2": fmt.Sprintf("%s %s", types.VALIDATOR_STATUS_TOMBSTONED, pubKey("v2")),
		"v3": fmt.Sprintf("%s %s", types.VALIDATOR_STATUS_UNBONDED, pubKey("v3")),
		"v4": fmt.Sprintf("%s %s", types.VALIDATOR_STATUS_ACTIVE, pubKey("v4")),
		"v5": fmt.Sprintf("%s %s", types.VALIDATOR_STATUS_UNBONDED, pubKey("v5")),
	}
	for _, order := range orders {
		ctx, _ := e.chain.Context().CacheContext()
		for _, i := range order {
			data, err := ibcproto.EncodeConsumerPacket(updates[i])
			require.NoError(t, err)
			require.NoError(t, e.k.Receive(ctx, channel, data), "order %v", order)
		}
		got := map[string]string{}
		require.NoError(t, e.k.Validators.Walk(ctx, collections.NewPrefixedPairRange[string, string](pairingID),
			func(key collections.Pair[string, string], v types.Validator) (bool, error) {
				got[key.K2()] = fmt.Sprintf("%s %s", keeper.ValidatorStatus(v), v.PubKey)
				return false, nil
			}))
		require.Equal(t, want, got, "order %v", order)
	}
}

func TestValsetBadEntriesAreSkipped(t *testing.T) {
	e := newEnv(t)
	ack := e.receive(ibcproto.ValsetUpdatePacket{Height: 1, Time: 1, Additions: []ibcproto.AddValidator{
		{Valoper: "good", PubKey: pubKey("good")},
		{Valoper: "badkey", PubKey: ibcproto.ConsensusPubKey("not base64!")},
		{Valoper: "", PubKey: pubKey("x")},
	}})
	require.True(t, ack.Success(), "one bad entry never error-acks the packet")
	ctx := e.chain.Context()
	v, err := e.k.Validators.Get(ctx, collectionsPair("good"))
	require.NoError(t, err)
	require.Equal(t, types.VALIDATOR_STATUS_ACTIVE, keeper.ValidatorStatus(v))
	has, err := e.k.Validators.Has(ctx, collectionsPair("badkey"))
	require.NoError(t, err)
	require.False(t, has)
}
