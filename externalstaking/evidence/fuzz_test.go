package evidence_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/evidence"
	"github.com/meshsecurity/mesh/externalstaking/evidence/evidencetest"
	"github.com/meshsecurity/mesh/externalstaking/types"
)

// evidenceErrors are the registered errors decoding and verification may return.
var evidenceErrors = []*errorsmod.Error{
	types.ErrInvalidEvidence, types.ErrVotesDoNotConflict, types.ErrHeaderMismatch, types.ErrWrongValidator,
	types.ErrInvalidVoteSignature, types.ErrWrongChainID, types.ErrNotInValidatorSet, types.ErrEvidenceExpired,
	types.ErrHeaderNotVerified, types.ErrUnknownValidator,
}

// FuzzVerify feeds arbitrary votes and headers through decoding and the whole verifier, light
// client included, against the fixture's client: nothing panics, every refusal is a registered
// error, and whatever is accepted is a double sign by the pinned key at the header's height.
func FuzzVerify(f *testing.F) {
	fx, err := evidencetest.New()
	require.NoError(f, err)
	a, b, h, err := fx.Encoded()
	require.NoError(f, err)
	f.Add(a, b, h)
	f.Add(b, a, h)
	f.Add(a, a, h)
	f.Add(a, b, h[:len(h)/2])
	f.Add(a[1:], b, h)
	f.Add([]byte{}, []byte{0x0a}, []byte{0x12, 0x00})
	f.Fuzz(func(t *testing.T, voteA, voteB, header []byte) {
		ev, err := types.DecodeDoubleSign(voteA, voteB, header)
		if err != nil {
			requireRegistered(t, err)
			return
		}
		inf, err := evidence.Verify(at(fx.Now), fx.Client, fx.Key, 0, ev)
		if err != nil {
			requireRegistered(t, err)
			return
		}
		require.Equal(t, uint64(ev.Header.Header.Height), inf.Height)
		require.Equal(t, []byte(ev.VoteA.ValidatorAddress), inf.ConsAddress)
		require.NotEqual(t, ev.VoteA.BlockID, ev.VoteB.BlockID)
	})
}

func requireRegistered(t *testing.T, err error) {
	t.Helper()
	for _, want := range evidenceErrors {
		if errorsmod.IsOf(err, want) {
			return
		}
	}
	t.Fatalf("unregistered error: %v", err)
}
