package capture_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/capture"
)

// TestCollectionPrefixes pins the store prefixes: the package shares virtual staking's store and
// owns 100 to 119 only.
func TestCollectionPrefixes(t *testing.T) {
	prefixes := map[string]byte{
		"queue": capture.QueuePrefix[0], "sequence": capture.SequencePrefix[0],
		"block times": capture.BlockTimesPrefix[0], "slashed": capture.SlashedPrefix[0],
		"validator states": capture.ValidatorStatesPrefix[0],
	}
	require.Equal(t, map[string]byte{
		"queue": 100, "sequence": 101, "block times": 102, "slashed": 103, "validator states": 104,
	}, prefixes)
	for _, p := range []interface{ Bytes() []byte }{capture.QueuePrefix, capture.SequencePrefix,
		capture.BlockTimesPrefix, capture.SlashedPrefix, capture.ValidatorStatesPrefix} {
		require.Len(t, p.Bytes(), 1)
	}
}

// TestBlockTimesCoverBothEvidenceLimits: the ring keeps every height that evidence may still
// reach, within the block limit or within the time limit, and drops the rest.
func TestBlockTimesCoverBothEvidenceLimits(t *testing.T) {
	e := newEnv(t, 100)
	for i := 0; i < 6; i++ {
		e.next()
	}
	e.setEvidenceLimits(3, 12*time.Second) // blocks are 5s apart: the block limit is the longer
	for i := 0; i < 8; i++ {
		e.next()
	}
	require.Equal(t, e.heightsBack(3), e.recordedHeights())
	e.setEvidenceLimits(3, 30*time.Second) // now the time limit is: 6 blocks
	for i := 0; i < 8; i++ {
		e.next()
	}
	require.Equal(t, e.heightsBack(6), e.recordedHeights())
	last := e.chain.Height()
	recorded, ok := e.keeper.BlockTime(e.chain.Context(), last-6)
	require.True(t, ok)
	require.True(t, e.times[last-6].Equal(recorded))
}

// TestReporterPanicDropsOnlyItsEvent: a reporter that panics on one event loses that event only;
// the block completes and the other events are delivered.
func TestReporterPanicDropsOnlyItsEvent(t *testing.T) {
	faulty := testutil.SeededAccount("capture-1/validator/1/operator")
	e := newEnvWith(t, 100, &reporter{panicFor: valAddress(faulty).String()})
	require.Len(t, e.reporter.changes, 3, "three of the four genesis validators reported")
	for _, c := range e.reporter.changes {
		require.NotEqual(t, valAddress(faulty).String(), c.value.Valoper)
	}
	require.Equal(t, e.chain.Validators[1].ValAddress(), valAddress(faulty))
	pending, err := e.keeper.PendingEvents(e.chain.Context(), 10)
	require.NoError(t, err)
	require.Empty(t, pending)
	e.next()
}

func (e *env) setEvidenceLimits(blocks int64, age time.Duration) {
	e.t.Helper()
	ctx := e.chain.Context()
	params, err := e.chain.App.ConsensusParamsKeeper.ParamsStore.Get(ctx)
	require.NoError(e.t, err)
	params.Evidence.MaxAgeNumBlocks, params.Evidence.MaxAgeDuration = blocks, age
	require.NoError(e.t, e.chain.App.ConsensusParamsKeeper.ParamsStore.Set(ctx, params))
}

// heightsBack is the last n+1 heights, oldest first.
func (e *env) heightsBack(n int64) []int64 {
	var heights []int64
	for h := e.chain.Height() - n; h <= e.chain.Height(); h++ {
		heights = append(heights, h)
	}
	return heights
}

// recordedHeights lists the heights the ring holds.
func (e *env) recordedHeights() []int64 {
	var heights []int64
	for h := int64(1); h <= e.chain.Height(); h++ {
		if _, ok := e.keeper.BlockTime(e.chain.Context(), h); ok {
			heights = append(heights, h)
		}
	}
	return heights
}

// TestEventsWaitForTheReporter: until a reporter is bound, events stay queued; the first block
// after binding delivers them.
func TestEventsWaitForTheReporter(t *testing.T) {
	e := newEnvWith(t, 100, nil)
	e.next()
	pending, err := e.keeper.PendingEvents(e.chain.Context(), 10)
	require.NoError(t, err)
	require.Len(t, pending, 4)
	e.keeper.SetReporter(e.reporter)
	e.next()
	require.Len(t, e.reporter.changes, 4)
	pending, err = e.keeper.PendingEvents(e.chain.Context(), 10)
	require.NoError(t, err)
	require.Empty(t, pending)
}
