package externalstaking_test

import (
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	cmttypes "github.com/cometbft/cometbft/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
)

// snapshot is everything evidence could change: external staking's whole state and the vault's.
type snapshot struct {
	ext   *types.GenesisState
	vault any
}

func (e *evidenceEnv) snapshot() snapshot {
	ctx := e.provider.Context()
	ext, err := e.provider.App.ExternalStakingKeeper.ExportGenesis(ctx)
	require.NoError(e.t, err)
	vault, err := e.provider.App.VaultKeeper.ExportGenesis(ctx)
	require.NoError(e.t, err)
	return snapshot{ext: ext, vault: vault}
}

// refuse submits msg, expects the registered error want and no change of state.
func (e *evidenceEnv) refuse(what string, msg *types.MsgSubmitConsumerDoubleSign, want *errorsmod.Error) {
	e.t.Helper()
	before := e.snapshot()
	_, _, err := e.provider.DeliverTx(e.provider.Accounts[3], msg)
	requireTxCode(e.t, err, want)
	after := e.snapshot()
	require.Equal(e.t, before.ext, after.ext, "%s: external staking state changed", what)
	require.Equal(e.t, before.vault, after.vault, "%s: vault state changed", what)
}

// withSignature returns a copy of v with its signature replaced.
func withSignature(v *cmttypes.Vote, sig []byte) *cmttypes.Vote {
	c := *v
	c.Signature = sig
	return &c
}

// Every way double-sign evidence can be wrong is refused with its registered error and changes
// nothing; valid evidence is accepted once, and later evidence against the tombstoned validator
// is refused.
func TestDoubleSignEvidenceRefused(t *testing.T) {
	e := newEvidenceEnv(t)
	user, submitter := e.provider.Accounts[0], e.provider.Accounts[3]
	require.NoError(t, e.bondAndStake(user, 1_000, 300, e.name))
	outsider, err := testutil.NewValidator()
	require.NoError(t, err)
	outsiderName := outsider.ValAddress().String()
	// The consumer also reports a validator whose key is not in its consensus set.
	require.NoError(t, e.cons.Queue(e.ch.ChannelA, ibcproto.ValsetUpdatePacket{Height: 3, Time: 3,
		Additions: []ibcproto.AddValidator{{Valoper: outsiderName, PubKey: ibcproto.NewEd25519PubKey(outsider.ConsPubKey.Bytes())}}}))
	e.consumer.NextBlock()
	require.NoError(t, e.link.RelayAll())

	voteA, voteB, header := e.doubleSign()
	h := header.Header.Height
	valid := func() *types.MsgSubmitConsumerDoubleSign { return e.msg(submitter, voteA, voteB, header) }

	m := valid()
	m.PairingId = "unknown"
	e.refuse("unknown pairing", m, types.ErrUnknownPairing)

	m = valid()
	m.Validator = e.consumer.Accounts[0].Address.String()
	e.refuse("unknown validator", m, types.ErrUnknownValidator)

	m = valid()
	m.VoteB = m.VoteA
	e.refuse("the same vote twice", m, types.ErrVotesDoNotConflict)

	m = valid()
	m.VoteA = []byte{0xff, 0x01}
	e.refuse("undecodable vote", m, types.ErrInvalidEvidence)

	bad := append([]byte(nil), voteB.Signature...)
	bad[0] ^= 1
	e.refuse("bad signature", e.msg(submitter, voteA, withSignature(voteB, bad), header), types.ErrInvalidVoteSignature)

	otherA, otherB := signVotes(t, e.cheat, "other-1", h)
	e.refuse("votes signed for another chain id", e.msg(submitter, otherA, otherB, header), types.ErrInvalidVoteSignature)

	foreign, err := e.provider.HeaderAt(h, clienttypes.NewHeight(1, uint64(h-1)))
	require.NoError(t, err)
	e.refuse("header of another chain", e.msg(submitter, voteA, voteB, foreign), types.ErrWrongChainID)

	m = valid()
	m.Validator = e.consumer.Validators[1].ValAddress().String()
	e.refuse("votes by another validator's key", m, types.ErrWrongValidator)

	outA, outB := signVotes(t, outsider, e.consumer.ChainID, h)
	m = e.msg(submitter, outA, outB, header)
	m.Validator = outsiderName
	e.refuse("validator not in the header's validator set", m, types.ErrNotInValidatorSet)

	e.consumer.NextBlock()
	later, err := e.consumer.HeaderAt(h+1, header.TrustedHeight)
	require.NoError(t, err)
	e.refuse("header at another height", e.msg(submitter, voteA, voteB, later), types.ErrHeaderMismatch)

	forged := forgeCommit(header)
	e.refuse("header the light client does not verify", e.msg(submitter, voteA, voteB, forged), types.ErrHeaderNotVerified)

	// A pairing window shorter than the evidence's age refuses it.
	k := e.provider.App.ExternalStakingKeeper
	terms := e.getPairing()
	terms.EvidenceWindow = time.Second
	require.NoError(t, k.UpdatePairing(e.provider.Context(), terms))
	e.provider.NextBlock()
	e.refuse("older than the pairing's window", valid(), types.ErrEvidenceExpired)
	terms.EvidenceWindow = 0
	require.NoError(t, k.UpdatePairing(e.provider.Context(), terms))
	e.provider.NextBlock()

	// Past the client's trusting period, evidence is refused even with no pairing window.
	second := e.consumer.Validators[1]
	oldA, oldB, err := e.consumer.SignConflictingVotes(second, h)
	require.NoError(t, err)
	require.NoError(t, e.net.AdvanceTime(e.consumer.TrustingPeriod()+time.Minute))
	m = e.msg(submitter, oldA, oldB, header)
	m.Validator = second.ValAddress().String()
	e.refuse("older than the client's trusting period", m, types.ErrEvidenceExpired)

	// Fresh evidence is accepted once; the same, or another infraction of the now tombstoned
	// validator, is refused.
	voteA, voteB, header = e.doubleSign()
	_, _, err = e.provider.DeliverTx(submitter, valid())
	require.NoError(t, err)
	e.refuse("the same evidence again", valid(), types.ErrAlreadyPunished)
	nextA, nextB, nextHeader := e.doubleSign()
	e.refuse("another infraction of a tombstoned validator", e.msg(submitter, nextA, nextB, nextHeader), types.ErrAlreadyPunished)
}

// forgeCommit returns a copy of the header whose commit signatures are all replaced by zeros.
func forgeCommit(h *ibctm.Header) *ibctm.Header {
	c := *h
	signed := *h.SignedHeader
	commit := *signed.Commit
	commit.Signatures = append(commit.Signatures[:0:0], commit.Signatures...)
	for i := range commit.Signatures {
		commit.Signatures[i].Signature = make([]byte, 64)
	}
	signed.Commit = &commit
	c.SignedHeader = &signed
	return &c
}
