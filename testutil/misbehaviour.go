package testutil

import (
	"crypto/sha256"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cometbft/cometbft/crypto/tmhash"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
)

// InjectMisbehaviour puts misbehaviour into the next block exactly as given, for cases
// InjectDoubleSign does not cover (an older height, a validator that has since left the set, a
// light-client attack).
func (c *Chain) InjectMisbehaviour(m abci.Misbehavior) {
	c.evidence = append(c.evidence, m)
}

// SignConflictingVotes has a validator sign two precommits for different blocks at height, as a
// double-signing validator would. Evidence of a double sign on one chain, submitted to another,
// is built from such a pair.
func (c *Chain) SignConflictingVotes(v Validator, height int64) (*cmttypes.Vote, *cmttypes.Vote, error) {
	set, err := c.ValidatorSet(height)
	if err != nil {
		return nil, nil, err
	}
	index, member := set.GetByAddress(v.ConsPubKey.Address())
	if member == nil {
		return nil, nil, errNotInValidatorSet
	}
	votes := make([]*cmttypes.Vote, 2)
	for i, block := range []string{"first", "second"} {
		hash := sha256.Sum256(append(blockHash(c.ChainID, height), block...))
		vote := &cmttypes.Vote{
			Type:   cmtproto.PrecommitType,
			Height: height,
			BlockID: cmttypes.BlockID{
				Hash:          hash[:],
				PartSetHeader: cmttypes.PartSetHeader{Total: 1, Hash: tmhash.Sum([]byte(block))},
			},
			Timestamp:        c.lastTime,
			ValidatorAddress: member.Address,
			ValidatorIndex:   index,
		}
		protoVote := vote.ToProto()
		if err := v.ConsSigner.SignVote(c.ChainID, protoVote); err != nil {
			return nil, nil, err
		}
		vote.Signature = protoVote.Signature
		votes[i] = vote
	}
	return votes[0], votes[1], nil
}
