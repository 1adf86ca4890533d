package testutil

import (
	"crypto/sha256"
	"encoding/binary"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"
)

// NextBlock produces and commits an empty block and returns the app's response.
func (c *Chain) NextBlock() *abci.ResponseFinalizeBlock {
	c.t.Helper()
	return c.produceBlock(nil)
}

// NextBlocks produces n empty blocks.
func (c *Chain) NextBlocks(n int) {
	c.t.Helper()
	for i := 0; i < n; i++ {
		c.produceBlock(nil)
	}
}

// produceBlock finalizes and commits the next block with the given transactions, records the
// validator set for two heights ahead, signs the block's light-client header and collects the
// packets and acknowledgements it emitted.
func (c *Chain) produceBlock(txs [][]byte) *abci.ResponseFinalizeBlock {
	c.t.Helper()
	height := c.nextHeight()
	vals, err := c.ValidatorSet(height)
	c.fatalIf(err, "current validators")
	next, err := c.ValidatorSet(height + 1)
	c.fatalIf(err, "next validators")
	appHash := c.app.GetBaseApp().LastCommitID().Hash
	blockTime := c.network.tick()

	res, err := c.app.GetBaseApp().FinalizeBlock(&abci.RequestFinalizeBlock{
		Txs:                txs,
		DecidedLastCommit:  c.lastCommit(height),
		Misbehavior:        c.takeEvidence(),
		Hash:               blockHash(c.ChainID, height),
		Height:             height,
		Time:               blockTime,
		NextValidatorsHash: next.Hash(),
		ProposerAddress:    vals.GetProposer().Address,
	})
	c.fatalIf(err, "finalize block")
	_, err = c.app.GetBaseApp().Commit()
	c.fatalIf(err, "commit")

	afterNext, err := applyValidatorUpdates(next, res.ValidatorUpdates)
	c.fatalIf(err, "apply validator updates")
	c.valsets[height+2] = afterNext
	c.lastTime = blockTime
	c.lastHeader, err = c.signHeader(height, blockTime, appHash, vals, next)
	c.fatalIf(err, "sign header")
	c.outbox.collect(c, height, res)
	return res
}

// lastCommit reports, for the block at height, which validators of the previous block signed
// it: all of them except those marked absent. Block 1 has no previous block.
func (c *Chain) lastCommit(height int64) abci.CommitInfo {
	previous, ok := c.valsets[height-1]
	if height <= 1 || !ok {
		return abci.CommitInfo{}
	}
	votes := make([]abci.VoteInfo, 0, previous.Size())
	for _, v := range previous.Validators {
		flag := cmtproto.BlockIDFlagCommit
		if c.absent[v.Address.String()] {
			flag = cmtproto.BlockIDFlagAbsent
		}
		votes = append(votes, abci.VoteInfo{
			Validator:   abci.Validator{Address: v.Address, Power: v.VotingPower},
			BlockIdFlag: flag,
		})
	}
	return abci.CommitInfo{Votes: votes}
}

// SetAbsent marks validators as not signing from the next block on, until SetPresent.
func (c *Chain) SetAbsent(validators ...Validator) {
	for _, v := range validators {
		c.absent[v.ConsPubKey.Address().String()] = true
	}
}

// SetPresent marks validators as signing again.
func (c *Chain) SetPresent(validators ...Validator) {
	for _, v := range validators {
		delete(c.absent, v.ConsPubKey.Address().String())
	}
}

// InjectDoubleSign puts a duplicate-vote misbehaviour of the validator at the last committed
// height into the next block, as CometBFT reports evidence it has verified. x/evidence then
// slashes, jails and tombstones the validator.
func (c *Chain) InjectDoubleSign(v Validator) error {
	height := c.Height()
	set, err := c.ValidatorSet(height)
	if err != nil {
		return err
	}
	_, signer := set.GetByAddress(v.ConsPubKey.Address())
	if signer == nil {
		return errNotInValidatorSet
	}
	c.InjectMisbehaviour(abci.Misbehavior{
		Type:             abci.MisbehaviorType_DUPLICATE_VOTE,
		Validator:        abci.Validator{Address: signer.Address, Power: signer.VotingPower},
		Height:           height,
		Time:             c.lastTime,
		TotalVotingPower: set.TotalVotingPower(),
	})
	return nil
}

// takeEvidence returns the injected misbehaviour and clears it.
func (c *Chain) takeEvidence() []abci.Misbehavior {
	evidence := c.evidence
	c.evidence = nil
	return evidence
}

// applyValidatorUpdates returns a copy of set with the ABCI validator updates applied.
func applyValidatorUpdates(set *cmttypes.ValidatorSet, updates []abci.ValidatorUpdate) (*cmttypes.ValidatorSet, error) {
	changes, err := cmttypes.PB2TM.ValidatorUpdates(updates)
	if err != nil {
		return nil, err
	}
	updated := set.Copy()
	if err := updated.UpdateWithChangeSet(changes); err != nil {
		return nil, err
	}
	if proposer := updated.Proposer; proposer != nil && !updated.HasAddress(proposer.Address) {
		// a removed proposer cannot propose: the set picks its highest-priority validator
		updated.Proposer = nil
	}
	return updated, nil
}

// blockHash derives a distinct, deterministic block hash for a height.
func blockHash(chainID string, height int64) []byte {
	buf := make([]byte, 8)
	binary.BigEndian.PutUint64(buf, uint64(height))
	sum := sha256.Sum256(append([]byte(chainID), buf...))
	return sum[:]
}
