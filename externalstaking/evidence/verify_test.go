package evidence_test

import (
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	cmted25519 "github.com/cometbft/cometbft/crypto/ed25519"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/evidence"
	"github.com/meshsecurity/mesh/externalstaking/evidence/evidencetest"
	"github.com/meshsecurity/mesh/externalstaking/types"
)

func decoded(t testing.TB, f *evidencetest.Fixture) types.DoubleSign {
	a, b, h, err := f.Encoded()
	require.NoError(t, err)
	ev, err := types.DecodeDoubleSign(a, b, h)
	require.NoError(t, err)
	return ev
}

func at(now time.Time) sdk.Context { return sdk.Context{}.WithBlockTime(now) }

func TestVerifyAcceptsTheFixture(t *testing.T) {
	f, err := evidencetest.New()
	require.NoError(t, err)
	inf, err := evidence.Verify(at(f.Now), f.Client, f.Key, 0, decoded(t, f))
	require.NoError(t, err)
	require.Equal(t, uint64(evidencetest.TrustedHeight+1), inf.Height)
	require.Equal(t, evidencetest.Start.Add(evidencetest.BlockTime), inf.Time)
	require.Equal(t, []byte(cmted25519.PubKey(f.Key).Address()), inf.ConsAddress)
}

func TestVerifyRefusals(t *testing.T) {
	f, err := evidencetest.New()
	require.NoError(t, err)
	ev := decoded(t, f)
	other := cmted25519.GenPrivKeyFromSecret([]byte("someone else")).PubKey().Bytes()
	for _, tc := range []struct {
		name   string
		now    time.Time
		key    []byte
		window time.Duration
		want   *errorsmod.Error
	}{
		{"another pinned key", f.Now, other, 0, types.ErrWrongValidator},
		{"a key of the wrong size", f.Now, f.Key[:31], 0, types.ErrUnknownValidator},
		{"past the pairing's window", f.Now, f.Key, time.Second, types.ErrEvidenceExpired},
		{"past the trusting period", f.Now.Add(evidencetest.TrustingPeriod), f.Key, 0, types.ErrEvidenceExpired},
		{"a header from the future", evidencetest.Start.Add(-10 * time.Second), f.Key, 0, types.ErrHeaderNotVerified},
	} {
		_, err := evidence.Verify(at(tc.now), f.Client, tc.key, tc.window, ev)
		require.ErrorIs(t, err, tc.want, tc.name)
	}
}

func TestEffectiveWindowIsAtMostTheTrustingPeriod(t *testing.T) {
	f, err := evidencetest.New()
	require.NoError(t, err)
	require.Equal(t, evidencetest.TrustingPeriod, evidence.EffectiveWindow(f.Client.State, 0))
	require.Equal(t, evidencetest.TrustingPeriod, evidence.EffectiveWindow(f.Client.State, 2*evidencetest.TrustingPeriod))
	require.Equal(t, time.Minute, evidence.EffectiveWindow(f.Client.State, time.Minute))
}
