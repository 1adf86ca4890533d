package types

import (
	"bytes"

	errorsmod "cosmossdk.io/errors"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"
)

// Size limits of double-sign evidence: a vote is a few hundred bytes; a header carries two
// validator sets and a commit, so it grows with the consumer's validator count.
const (
	MaxVoteBytes   = 16 << 10
	MaxHeaderBytes = 4 << 20
)

// DoubleSign is decoded double-sign evidence whose form has been checked: two valid votes of one
// validator at one height, round and type for different blocks, and a well-formed 07-tendermint
// header at that height. Whose key signed the votes, for which chain, and whether the header is
// the consumer's are checked against state (see the keeper).
type DoubleSign struct {
	VoteA, VoteB *cmttypes.Vote
	Header       *ibctm.Header
}

// DecodeDoubleSign decodes the protobuf encodings of two votes and a header and checks their form.
func DecodeDoubleSign(voteA, voteB, header []byte) (DoubleSign, error) {
	a, err := decodeVote("vote_a", voteA)
	if err != nil {
		return DoubleSign{}, err
	}
	b, err := decodeVote("vote_b", voteB)
	if err != nil {
		return DoubleSign{}, err
	}
	if err := checkConflict(a, b); err != nil {
		return DoubleSign{}, err
	}
	h, err := decodeHeader(header)
	if err != nil {
		return DoubleSign{}, err
	}
	if got := h.GetHeight().GetRevisionHeight(); got != uint64(a.Height) {
		return DoubleSign{}, errorsmod.Wrapf(ErrHeaderMismatch, "header at height %d, votes at %d", got, a.Height)
	}
	return DoubleSign{VoteA: a, VoteB: b, Header: h}, nil
}

// InfractionHeight is the consumer height both votes were cast at.
func (d DoubleSign) InfractionHeight() uint64 { return uint64(d.VoteA.Height) }

// decodeVote decodes and checks one vote.
func decodeVote(name string, bz []byte) (*cmttypes.Vote, error) {
	if len(bz) == 0 || len(bz) > MaxVoteBytes {
		return nil, errorsmod.Wrapf(ErrInvalidEvidence, "%s: %d bytes, want 1 to %d", name, len(bz), MaxVoteBytes)
	}
	var pv cmtproto.Vote
	if err := pv.Unmarshal(bz); err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidEvidence, "%s: %s", name, err)
	}
	v, err := cmttypes.VoteFromProto(&pv)
	if err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidEvidence, "%s: %s", name, err)
	}
	if err := v.ValidateBasic(); err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidEvidence, "%s: %s", name, err)
	}
	return v, nil
}

// checkConflict requires one validator's votes at one height, round and type for different
// blocks: what CometBFT calls a duplicate vote.
func checkConflict(a, b *cmttypes.Vote) error {
	switch {
	case a.Height != b.Height || a.Round != b.Round || a.Type != b.Type:
		return errorsmod.Wrapf(ErrVotesDoNotConflict, "votes at %d/%d/%s and %d/%d/%s",
			a.Height, a.Round, a.Type, b.Height, b.Round, b.Type)
	case !bytes.Equal(a.ValidatorAddress, b.ValidatorAddress):
		return errorsmod.Wrapf(ErrVotesDoNotConflict, "votes by %s and %s", a.ValidatorAddress, b.ValidatorAddress)
	case a.BlockID.Equals(b.BlockID):
		return errorsmod.Wrapf(ErrVotesDoNotConflict, "both votes are for block %s", a.BlockID)
	}
	return nil
}

// decodeHeader decodes and checks the header's form.
func decodeHeader(bz []byte) (*ibctm.Header, error) {
	if len(bz) == 0 || len(bz) > MaxHeaderBytes {
		return nil, errorsmod.Wrapf(ErrInvalidEvidence, "header: %d bytes, want 1 to %d", len(bz), MaxHeaderBytes)
	}
	var h ibctm.Header
	if err := h.Unmarshal(bz); err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidEvidence, "header: %s", err)
	}
	if err := h.ValidateBasic(); err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidEvidence, "header: %s", err)
	}
	if h.TrustedValidators == nil {
		return nil, errorsmod.Wrap(ErrInvalidEvidence, "header: trusted validators are missing")
	}
	return &h, nil
}
