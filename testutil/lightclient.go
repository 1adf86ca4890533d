package testutil

import (
	"fmt"
	"time"

	"github.com/cometbft/cometbft/crypto/tmhash"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmtprotoversion "github.com/cometbft/cometbft/proto/tendermint/version"
	cmttypes "github.com/cometbft/cometbft/types"
	cmtversion "github.com/cometbft/cometbft/version"

	abci "github.com/cometbft/cometbft/abci/types"

	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	commitmenttypes "github.com/cosmos/ibc-go/v8/modules/core/23-commitment/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"
	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"
)

// Light-client settings for clients that track a test chain.
var (
	// MaxClockDrift tolerates the small lead a header's time may have over the receiving block.
	MaxClockDrift = 10 * time.Second
	// upgradePath is where x/upgrade stores the upgraded client, as IBC's self-client check expects.
	upgradePath = []string{"upgrade", "upgradedIBCState"}
)

// TrustingPeriod is how long a client of this chain trusts a header: two thirds of the chain's
// unbonding period, as ibc-go requires it to be shorter than the unbonding period.
func (c *Chain) TrustingPeriod() time.Duration {
	return c.Config.UnbondingPeriod * 2 / 3
}

// revisionHeight returns the IBC height of a block of this chain.
func (c *Chain) revisionHeight(height int64) clienttypes.Height {
	return clienttypes.NewHeight(clienttypes.ParseChainID(c.ChainID), uint64(height))
}

// signHeader builds the light-client header of a committed block, signed by every validator of
// the block. appHash is the state root the block was executed on, which is what CometBFT puts in
// the block header (and what x/staking records in its historical info).
func (c *Chain) signHeader(height int64, blockTime time.Time, appHash []byte,
	vals, next *cmttypes.ValidatorSet,
) (*ibctm.Header, error) {
	header := cmttypes.Header{
		Version:            cmtprotoversion.Consensus{Block: cmtversion.BlockProtocol, App: 0},
		ChainID:            c.ChainID,
		Height:             height,
		Time:               blockTime,
		LastBlockID:        cmttypes.BlockID{Hash: blockHash(c.ChainID, height-1)},
		ValidatorsHash:     vals.Hash(),
		NextValidatorsHash: next.Hash(),
		ConsensusHash:      tmhash.Sum([]byte("consensus")),
		AppHash:            appHash,
		ProposerAddress:    vals.GetProposer().Address,
	}
	blockID := cmttypes.BlockID{
		Hash:          header.Hash(),
		PartSetHeader: cmttypes.PartSetHeader{Total: 1, Hash: tmhash.Sum([]byte("parts"))},
	}
	commit, err := c.commitFor(blockID, height, blockTime, vals)
	if err != nil {
		return nil, err
	}
	valSet, err := vals.ToProto()
	if err != nil {
		return nil, err
	}
	return &ibctm.Header{
		SignedHeader: &cmtproto.SignedHeader{Header: header.ToProto(), Commit: commit.ToProto()},
		ValidatorSet: valSet,
	}, nil
}

// commitFor has every validator of vals sign the block.
func (c *Chain) commitFor(blockID cmttypes.BlockID, height int64, blockTime time.Time,
	vals *cmttypes.ValidatorSet,
) (*cmttypes.Commit, error) {
	signers := make([]cmttypes.PrivValidator, 0, vals.Size())
	for _, v := range vals.Validators {
		signer, ok := c.signers[v.Address.String()]
		if !ok {
			return nil, fmt.Errorf("no consensus signer for validator %s: use AddConsensusSigner", v.Address)
		}
		signers = append(signers, signer)
	}
	voteSet := cmttypes.NewVoteSet(c.ChainID, height, 0, cmtproto.PrecommitType, vals)
	extCommit, err := cmttypes.MakeExtCommit(blockID, height, 0, voteSet, signers, blockTime, false)
	if err != nil {
		return nil, err
	}
	return extCommit.ToCommit(), nil
}

// updateHeader returns the last header, completed with the trusted height and the validators
// trusted at it, to update a client whose latest height is trusted.
func (c *Chain) updateHeader(trusted clienttypes.Height) (*ibctm.Header, error) {
	if c.lastHeader == nil {
		return nil, errNoHeader
	}
	// The consensus state at height h commits to the validator set of h+1.
	trustedVals, err := c.ValidatorSet(int64(trusted.RevisionHeight) + 1)
	if err != nil {
		return nil, err
	}
	protoVals, err := trustedVals.ToProto()
	if err != nil {
		return nil, err
	}
	header := *c.lastHeader
	header.TrustedHeight = trusted
	header.TrustedValidators = protoVals
	return &header, nil
}

// newClientState returns the state of a new client tracking this chain from its last header.
func (c *Chain) newClientState() (*ibctm.ClientState, *ibctm.ConsensusState, error) {
	if c.lastHeader == nil {
		return nil, nil, errNoHeader
	}
	height := c.revisionHeight(c.lastHeader.Header.Height)
	client := ibctm.NewClientState(c.ChainID, ibctm.DefaultTrustLevel, c.TrustingPeriod(),
		c.Config.UnbondingPeriod, MaxClockDrift, height, commitmenttypes.GetSDKSpecs(), upgradePath)
	return client, c.lastHeader.ConsensusState(), nil
}

// QueryProof proves the value (or absence) of key in the IBC store at the state a client at
// proofHeight has the root of, and returns the encoded Merkle proof.
func (c *Chain) QueryProof(key []byte, proofHeight clienttypes.Height) ([]byte, error) {
	// The header at height h carries the root of the state committed at h-1.
	res, err := c.app.GetBaseApp().Query(c.Context().Context(), &abci.RequestQuery{
		Path:   fmt.Sprintf("store/%s/key", ibcexported.StoreKey),
		Height: int64(proofHeight.RevisionHeight) - 1,
		Data:   key,
		Prove:  true,
	})
	if err != nil {
		return nil, err
	}
	merkleProof, err := commitmenttypes.ConvertProofs(res.ProofOps)
	if err != nil {
		return nil, err
	}
	return c.app.AppCodec().Marshal(&merkleProof)
}
