package types_test

import (
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/evidence/evidencetest"
	"github.com/meshsecurity/mesh/externalstaking/types"
)

func TestSubmitConsumerDoubleSignValidateBasic(t *testing.T) {
	f, err := evidencetest.New()
	require.NoError(t, err)
	a, b, h, err := f.Encoded()
	require.NoError(t, err)
	submitter := authtypes.NewModuleAddress("anyone").String()
	valid := func() *types.MsgSubmitConsumerDoubleSign {
		return &types.MsgSubmitConsumerDoubleSign{Submitter: submitter, PairingId: "cons", Validator: "v", VoteA: a, VoteB: b, Header: h}
	}
	cases := []struct {
		name   string
		change func(*types.MsgSubmitConsumerDoubleSign)
		want   *errorsmod.Error
	}{
		{"valid", func(*types.MsgSubmitConsumerDoubleSign) {}, nil},
		{"bad submitter", func(m *types.MsgSubmitConsumerDoubleSign) { m.Submitter = "nope" }, types.ErrInvalidAddress},
		{"bad pairing id", func(m *types.MsgSubmitConsumerDoubleSign) { m.PairingId = "Bad Id" }, types.ErrUnknownPairing},
		{"no validator", func(m *types.MsgSubmitConsumerDoubleSign) { m.Validator = "" }, types.ErrUnknownValidator},
		{"no vote", func(m *types.MsgSubmitConsumerDoubleSign) { m.VoteA = nil }, types.ErrInvalidEvidence},
		{"oversized header", func(m *types.MsgSubmitConsumerDoubleSign) { m.Header = make([]byte, types.MaxHeaderBytes+1) }, types.ErrInvalidEvidence},
		{"one vote twice", func(m *types.MsgSubmitConsumerDoubleSign) { m.VoteB = m.VoteA }, types.ErrVotesDoNotConflict},
		{"truncated header", func(m *types.MsgSubmitConsumerDoubleSign) { m.Header = m.Header[:len(m.Header)-3] }, types.ErrInvalidEvidence},
	}
	for _, tc := range cases {
		m := valid()
		tc.change(m)
		err := m.ValidateBasic()
		if tc.want == nil {
			require.NoError(t, err, tc.name)
			continue
		}
		require.ErrorIs(t, err, tc.want, tc.name)
	}
}

func TestDecodeDoubleSignRefusesAHeaderAtAnotherHeight(t *testing.T) {
	f, err := evidencetest.New()
	require.NoError(t, err)
	f.VoteA.Height, f.VoteB.Height = 12, 12
	a, b, h, err := f.Encoded()
	require.NoError(t, err)
	_, err = types.DecodeDoubleSign(a, b, h)
	require.ErrorIs(t, err, types.ErrHeaderMismatch)
}

func TestPairingEvidenceWindowMustNotBeNegative(t *testing.T) {
	p := types.ConsumerPairing{Id: "cons", ConnectionId: "connection-0", CounterpartyPort: "meshconsumer",
		ConsumerChainId: "consumer-1", AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper", UnbondingPeriod: time.Hour,
		DoubleSignRatio: math.LegacyNewDecWithPrec(1, 1), DowntimeRatio: math.LegacyNewDecWithPrec(1, 2), MinCrossStake: math.NewInt(1), RewardsDenom: "ucons"}
	require.NoError(t, p.ValidateTerms())
	p.EvidenceWindow = -time.Second
	require.ErrorIs(t, p.ValidateTerms(), types.ErrInvalidPairing)
}
