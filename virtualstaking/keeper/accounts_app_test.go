package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/internal/eventattr"
	"github.com/meshsecurity/mesh/virtualstaking/keeper"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// TestAccountRotationIsAnnounced: with two derived accounts, the first delegation of an epoch uses
// account 0 and the next account 1, and each move to the other account is announced in an
// EventAccountRotated with plain attributes; with one account nothing rotates and nothing is
// announced.
func TestAccountRotationIsAnnounced(t *testing.T) {
	for _, accounts := range []uint32{2, 1} {
		e := newEnv(t, 4, func(p *types.Params) { p.AccountsPerPairing = accounts })
		e.pairing("a", 1_000_000_000)
		e.request("a", 0, 4_000_000)
		e.request("a", 1, 6_000_000)
		events := e.epochEvents()
		var rotations []*types.EventAccountRotated
		for _, ev := range events {
			if ev.Type != "meshsecurity.virtualstaking.v1.EventAccountRotated" {
				continue
			}
			require.Equal(t, "a", attribute(ev, "pairing_id"), "plain, unquoted")
			msg, err := eventattr.Parse(ev)
			require.NoError(t, err)
			rotations = append(rotations, msg.(*types.EventAccountRotated))
		}
		acc0, acc1 := keeper.DelegatorAccount("a", 0), keeper.DelegatorAccount("a", 1)
		delegated := map[int]string{0: acc0.String(), 1: acc1.String()}
		if accounts == 1 {
			require.Empty(t, rotations)
			delegated[1] = acc0.String()
		} else {
			require.Equal(t, []*types.EventAccountRotated{
				{PairingId: "a", Previous: acc0.String(), Next: acc1.String(), NextIndex: 1},
				{PairingId: "a", Previous: acc1.String(), Next: acc0.String(), NextIndex: 0},
			}, rotations)
		}
		for val, want := range map[int]int64{0: 4_000_000, 1: 6_000_000} {
			dels, err := e.chain.App.StakingKeeper.GetValidatorDelegations(e.chain.Context(), e.chain.Validators[val].ValAddress())
			require.NoError(t, err)
			found := false
			for _, d := range dels {
				if d.DelegatorAddress == delegated[val] {
					found = true
					require.Equal(t, math.LegacyNewDec(want), d.Shares)
				}
			}
			require.True(t, found, "validator %d holds the delegation of the announced account", val)
		}
	}
}

// epochEvents runs an epoch from the next block to its end and returns every block's events.
func (e *env) epochEvents() []abci.Event {
	e.t.Helper()
	if e.chain.Height() < 2 {
		e.chain.NextBlock()
	}
	require.NoError(e.t, e.k.NextEpoch.Set(e.chain.Context(), e.chain.Height()+1))
	var events []abci.Event
	for i := 0; i < 100; i++ {
		events = append(events, e.chain.NextBlock().Events...)
		run, err := e.k.Run.Get(e.chain.Context())
		require.NoError(e.t, err)
		if run.Phase == types.EPOCH_PHASE_IDLE {
			return events
		}
	}
	e.t.Fatal("epoch did not complete")
	return nil
}

// attribute is the value of an event's attribute.
func attribute(ev abci.Event, key string) string {
	for _, a := range ev.Attributes {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}
