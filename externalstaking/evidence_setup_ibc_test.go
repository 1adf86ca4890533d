package externalstaking_test

import (
	"testing"

	"cosmossdk.io/collections"
	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/scriptedconsumer"
)

// evidenceEnv is a pair whose consumer reported its bonded validators with their keys (pinning
// them on the provider) and then stays silent about misbehaviour.
type evidenceEnv struct {
	*pair
	ch *testutil.Channel
	// cheat is the consumer validator that double-signs, name its operator address.
	cheat testutil.Validator
	name  string
}

func newEvidenceEnv(t testing.TB) *evidenceEnv {
	p := newPair(t)
	ch := p.open()
	valset, err := scriptedconsumer.BondedValset(p.consumer)
	require.NoError(t, err)
	require.NoError(t, p.cons.Queue(ch.ChannelA, valset))
	p.consumer.NextBlock()
	require.NoError(t, p.link.RelayAll())
	cheat := p.consumer.Validators[0]
	return &evidenceEnv{pair: p, ch: ch, cheat: cheat, name: cheat.ValAddress().String()}
}

// trustedHeight is the latest consumer height the provider's client holds a consensus state for.
func (e *evidenceEnv) trustedHeight() clienttypes.Height {
	state, ok := e.provider.App.IBCKeeper.ClientKeeper.GetClientState(e.provider.Context(), e.link.EndA.ClientID)
	require.True(e.t, ok)
	return state.GetLatestHeight().(clienttypes.Height)
}

// doubleSign commits a consumer block in which the cheat signs two conflicting precommits and
// returns them with the header of that block, trusted from the client's latest consensus state.
func (e *evidenceEnv) doubleSign() (*cmttypes.Vote, *cmttypes.Vote, *ibctm.Header) {
	trusted := e.trustedHeight()
	e.consumer.NextBlock()
	h := e.consumer.Height()
	a, b, err := e.consumer.SignConflictingVotes(e.cheat, h)
	require.NoError(e.t, err)
	header, err := e.consumer.HeaderAt(h, trusted)
	require.NoError(e.t, err)
	return a, b, header
}

// msg builds the evidence message for the cheat.
func (e *evidenceEnv) msg(submitter testutil.Account, a, b *cmttypes.Vote, header *ibctm.Header) *types.MsgSubmitConsumerDoubleSign {
	return &types.MsgSubmitConsumerDoubleSign{Submitter: submitter.String(), PairingId: pairingID, Validator: e.name,
		VoteA: encodeVote(e.t, a), VoteB: encodeVote(e.t, b), Header: encodeHeader(e.t, header)}
}

func encodeVote(t testing.TB, v *cmttypes.Vote) []byte {
	bz, err := v.ToProto().Marshal()
	require.NoError(t, err)
	return bz
}

func encodeHeader(t testing.TB, h *ibctm.Header) []byte {
	bz, err := h.Marshal()
	require.NoError(t, err)
	return bz
}

// signVotes has a signer sign two precommits at height for different blocks with chainID,
// whether or not it belongs to the chain's validator set.
func signVotes(t *testing.T, v testutil.Validator, chainID string, height int64) (*cmttypes.Vote, *cmttypes.Vote) {
	votes := make([]*cmttypes.Vote, 2)
	for i, block := range []string{"one", "two"} {
		hash := make([]byte, 32)
		copy(hash, block)
		vote := &cmttypes.Vote{Type: cmtproto.PrecommitType, Height: height,
			BlockID:          cmttypes.BlockID{Hash: hash, PartSetHeader: cmttypes.PartSetHeader{Total: 1, Hash: hash}},
			ValidatorAddress: v.ConsPubKey.Address(), ValidatorIndex: 0}
		pv := vote.ToProto()
		require.NoError(t, v.ConsSigner.SignVote(chainID, pv))
		vote.Signature = pv.Signature
		votes[i] = vote
	}
	return votes[0], votes[1]
}

// validator reads a consumer validator's record on the provider.
func (e *evidenceEnv) validator(name string) types.Validator {
	v, err := e.provider.App.ExternalStakingKeeper.Validators.Get(e.provider.Context(), collections.Join(pairingID, name))
	require.NoError(e.t, err)
	return v
}

// findEvent returns the attributes of the first event of type kind.
func findEvent(t *testing.T, events []abci.Event, kind string) map[string]string {
	t.Helper()
	for _, ev := range events {
		if ev.Type != kind {
			continue
		}
		attrs := map[string]string{}
		for _, a := range ev.Attributes {
			attrs[a.Key] = a.Value
		}
		return attrs
	}
	t.Fatalf("no %s event", kind)
	return nil
}
