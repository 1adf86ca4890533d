package capture_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/virtualstaking/capture"
)

// TestStateExportImport: a state with undelivered events (a double-sign slash among them) survives
// export, JSON and import into another chain's empty queue; an import into a queue that already
// holds events is refused and writes nothing; malformed states are refused.
func TestStateExportImport(t *testing.T) {
	src := newEnv(t, 0)
	v := src.chain.Validators[2]
	p1 := src.chain.Accounts[0]
	src.stake.pairings = []pairing{{"p1", p1.Address}}
	src.delegate(p1, v.ValAddress(), 40_000_000)
	src.next()
	src.next()
	require.NoError(t, src.chain.InjectDoubleSign(v))
	src.next()
	exported, err := src.keeper.ExportState(src.chain.Context())
	require.NoError(t, err)
	require.NoError(t, exported.Validate())
	require.Len(t, exported.Events, 8, "4 genesis additions, then slash, jail, removal and tombstone, none delivered")
	require.NotNil(t, exported.Events[4].Event.Slash)
	require.True(t, exported.Events[4].Event.Slash.Tombstoned)
	require.Equal(t, "p1", exported.Events[4].Event.Slash.Pairings[0].PairingID)
	raw, err := json.Marshal(exported)
	require.NoError(t, err)
	var decoded capture.State
	require.NoError(t, json.Unmarshal(raw, &decoded))

	busy := newEnv(t, 0)
	before, err := busy.keeper.ExportState(busy.chain.Context())
	require.NoError(t, err)
	require.ErrorIs(t, busy.keeper.ImportState(busy.chain.Context(), decoded), capture.ErrInvalidState)
	after, err := busy.keeper.ExportState(busy.chain.Context())
	require.NoError(t, err)
	require.Equal(t, before, after)

	dst := newEnv(t, 100)
	require.NoError(t, dst.keeper.ImportState(dst.chain.Context(), decoded))
	reexported, err := dst.keeper.ExportState(dst.chain.Context())
	require.NoError(t, err)
	require.Equal(t, exported.Events, reexported.Events)
	require.Equal(t, exported.NextSequence, reexported.NextSequence)
	require.Subset(t, reexported.BlockTimes, exported.BlockTimes)
	require.Subset(t, reexported.Validators, exported.Validators)

	dst.next()
	require.Len(t, dst.reporter.slashes, 1, "the imported slash is delivered")
	require.Equal(t, src.chain.Height()-1, dst.reporter.slashes[0].value.slash.InfractionHeight)

	bad := decoded
	bad.Events = []capture.QueuedEvent{decoded.Events[1], decoded.Events[0]}
	require.ErrorIs(t, bad.Validate(), capture.ErrInvalidState)
	bad = decoded
	bad.Events = []capture.QueuedEvent{{Sequence: 0, Event: capture.Event{}}}
	require.ErrorIs(t, bad.Validate(), capture.ErrInvalidState)
	bad = decoded
	bad.NextSequence = decoded.Events[len(decoded.Events)-1].Sequence
	require.ErrorIs(t, bad.Validate(), capture.ErrInvalidState)
	bad = decoded
	bad.Events = []capture.QueuedEvent{{Sequence: 0, Event: capture.Event{
		Change: &convertertypes.ValidatorChange{}, Slash: &capture.Slash{},
	}}}
	require.ErrorIs(t, bad.Validate(), capture.ErrInvalidState)
}
