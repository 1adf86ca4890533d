package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	vstestutil "github.com/meshsecurity/mesh/virtualstaking/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// TestChainRestartsFromExportWithCapturedEvents: a chain with virtual stake delegated and
// unbonding, a double-sign of a validator holding 4M of virtual stake (its slash, 5 %, delivered in
// its block; its jail, removal and tombstone still queued, one event is delivered per block) and
// the height to time ring filled is exported, and a new node starts from the export. Virtual
// staking's genesis, the capture's state included, is the same on the new node; the queued events
// reach the converter there in order, one per block; and the next epoch rebalances on the new node.
func TestChainRestartsFromExportWithCapturedEvents(t *testing.T) {
	e := newEnv(t, 4, func(p *types.Params) { p.ValidatorsPerBlock = 1; p.EpochLength = 1000 })
	e.pairing("a", 1_000_000_000)
	e.request("a", 0, 4_000_000)
	e.request("a", 1, 6_000_000)
	e.epochNow()
	e.request("a", 1, 2_000_000)
	e.epochNow()
	e.chain.NextBlocks(2)
	require.NoError(t, e.chain.InjectDoubleSign(e.chain.Validators[0]))
	e.chain.NextBlock()
	infraction := e.chain.Height() - 1

	source, err := e.k.ExportGenesis(e.chain.Context())
	require.NoError(t, err)
	require.NoError(t, source.Validate())
	require.ElementsMatch(t, []types.Target{{PairingId: "a", Validator: e.val(0), Amount: math.NewInt(3_800_000)},
		{PairingId: "a", Validator: e.val(1), Amount: math.NewInt(2_000_000)}}, source.Booked,
		"the slash lowered the booking on validator 0 by its 5 %")
	require.Len(t, e.conv.Slashes, 1, "the slash was delivered in its block")
	require.Equal(t, convertertypes.VirtualSlash{Valoper: e.val(0), InfractionHeight: infraction,
		InfractionTime: e.conv.Slashes[0].InfractionTime, Power: 104, SlashRatio: math.LegacyNewDecWithPrec(5, 2),
		LocalAmount: math.NewInt(200_000), Tombstoned: true}, e.conv.Slashes[0])
	events := source.Capture.Events
	kinds := []convertertypes.ValidatorChangeKind{convertertypes.ValidatorJailed, convertertypes.ValidatorRemoved,
		convertertypes.ValidatorTombstoned}
	require.Len(t, events, len(kinds), "jail, removal and tombstone still queued")
	for i, kind := range kinds {
		require.Equal(t, uint32(kind), events[i].Change.Kind)
		require.Equal(t, e.val(0), events[i].Change.Valoper)
	}
	require.Len(t, source.Capture.BlockTimes, int(e.chain.Height()), "one entry per height")
	require.Len(t, source.Pending, 1, "4M unbonding from validator 1")

	restarted := e.chain.Reimport()
	conv := vstestutil.NewConverter(restarted.App.BankKeeper, restarted.BondDenom(), e.conv.Reserve)
	conv.SetPairing(types.PairingView{ID: "a", MaxCap: math.NewInt(1_000_000_000)})
	conv.SetRequest("a", e.val(0), math.NewInt(4_000_000))
	conv.SetRequest("a", e.val(1), math.NewInt(2_000_000))
	restarted.App.SetVirtualStakingConverter(conv)
	r := &env{t: t, net: e.net, chain: restarted, k: restarted.App.VirtualStakingKeeper, conv: conv}
	restarted.NextBlock()
	require.Equal(t, e.chain.Height()+1, restarted.Height())

	imported, err := r.k.ExportGenesis(restarted.Context())
	require.NoError(t, err)
	require.Equal(t, events[1:], imported.Capture.Events, "the first event was delivered in the first block")
	require.Equal(t, source.Capture.NextSequence, imported.Capture.NextSequence)
	require.Equal(t, source.Capture.BlockTimes, imported.Capture.BlockTimes[:len(source.Capture.BlockTimes)])
	require.Equal(t, []types.BlockTime{{Height: restarted.Height(), Time: restarted.LastBlockTime()}},
		imported.Capture.BlockTimes[len(source.Capture.BlockTimes):])
	require.Equal(t, source.Capture.Validators, imported.Capture.Validators)
	imported.Capture, source.Capture = types.CaptureState{}, types.CaptureState{}
	require.Equal(t, source, imported, "the rest of virtual staking's state is unchanged")

	require.Equal(t, []convertertypes.ValidatorChange{{Kind: kinds[0], Valoper: e.val(0)}}, conv.Changes)
	for range events[1:] {
		restarted.NextBlock()
	}
	require.Len(t, conv.Changes, len(kinds), "every queued event, one per block, in order")
	for i, kind := range kinds {
		require.Equal(t, convertertypes.ValidatorChange{Kind: kind, Valoper: e.val(0)}, conv.Changes[i])
	}

	r.request("a", 1, 3_000_000)
	r.epochNow()
	require.Equal(t, math.NewInt(3_000_000), r.target("a", 1))
	require.Equal(t, math.ZeroInt(), r.target("a", 0), "the tombstoned validator keeps no virtual stake")
}
