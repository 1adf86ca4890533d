package capture_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/virtualstaking/capture"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// TestStateExportImport: a state with undelivered events (a double-sign slash among them) survives
// export, JSON and import into another chain's empty queue; an import into a queue that already
// holds events is refused and writes nothing; malformed states are refused with a registered error
// and write nothing either.
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
	require.NotNil(t, exported.Events[4].Slash)
	require.True(t, exported.Events[4].Slash.Tombstoned)
	require.Equal(t, "p1", exported.Events[4].Slash.Pairings[0].PairingId)
	raw, err := json.Marshal(exported)
	require.NoError(t, err)
	var decoded types.CaptureState
	require.NoError(t, json.Unmarshal(raw, &decoded))
	require.Equal(t, exported, decoded)

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

	slash := *decoded.Events[4].Slash
	change := *decoded.Events[0].Change
	for name, edit := range map[string]func(s *types.CaptureState){
		"events out of order": func(s *types.CaptureState) {
			s.Events = []types.CapturedEvent{decoded.Events[1], decoded.Events[0]}
		},
		"empty event":       func(s *types.CaptureState) { s.Events = []types.CapturedEvent{{Sequence: 0}} },
		"sequence too high": func(s *types.CaptureState) { s.NextSequence = decoded.Events[len(decoded.Events)-1].Sequence },
		"change and slash": func(s *types.CaptureState) {
			s.Events = []types.CapturedEvent{{Sequence: 0, Change: &change, Slash: &slash}}
		},
		"unknown change kind": func(s *types.CaptureState) {
			c := change
			c.Kind = 7
			s.Events = []types.CapturedEvent{{Sequence: 0, Change: &c}}
		},
		"slash fraction over one": func(s *types.CaptureState) {
			sl := slash
			sl.Fraction = math.LegacyNewDec(2)
			s.Events = []types.CapturedEvent{{Sequence: 0, Slash: &sl}}
		},
		"negative pairing value": func(s *types.CaptureState) {
			sl := slash
			sl.Pairings = []types.CapturedPairingValue{{PairingId: "p1", Value: math.NewInt(-1)}}
			s.Events = []types.CapturedEvent{{Sequence: 0, Slash: &sl}}
		},
		"heights not ascending": func(s *types.CaptureState) {
			s.BlockTimes = []types.BlockTime{decoded.BlockTimes[1], decoded.BlockTimes[0]}
		},
		"validator repeated": func(s *types.CaptureState) {
			s.Validators = []types.CapturedValidator{decoded.Validators[0], decoded.Validators[0]}
		},
		"unknown validator status": func(s *types.CaptureState) {
			v := decoded.Validators[0]
			v.Status = types.CAPTURED_VALIDATOR_STATUS_UNSPECIFIED
			s.Validators = []types.CapturedValidator{v}
		},
	} {
		bad := decoded
		edit(&bad)
		require.ErrorIs(t, bad.Validate(), types.ErrInvalidGenesis, name)
		require.ErrorIs(t, busy.keeper.ImportState(busy.chain.Context(), bad), types.ErrInvalidGenesis, name)
		after, err := busy.keeper.ExportState(busy.chain.Context())
		require.NoError(t, err)
		require.Equal(t, before, after, name)
	}
}
