// Package evidencetest builds self-contained double-sign evidence for tests that need no chain: a
// consumer validator set of deterministic signers, a 07-tendermint client of that consumer with
// one trusted consensus state in an in-memory store, and evidence of one validator's double sign
// that verifies against it.
package evidencetest

import (
	"crypto/ed25519"
	"time"

	"cosmossdk.io/store/dbadapter"
	storetypes "cosmossdk.io/store/types"
	dbm "github.com/cosmos/cosmos-db"

	cmted25519 "github.com/cometbft/cometbft/crypto/ed25519"
	"github.com/cometbft/cometbft/crypto/tmhash"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmtprotoversion "github.com/cometbft/cometbft/proto/tendermint/version"
	cmttypes "github.com/cometbft/cometbft/types"
	cmtversion "github.com/cometbft/cometbft/version"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"

	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	commitmenttypes "github.com/cosmos/ibc-go/v8/modules/core/23-commitment/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"
	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"

	"github.com/meshsecurity/mesh/externalstaking/evidence"
)

// Fixture parameters: the trusted consensus state is at TrustedHeight and time Start; the
// infraction is in the next block, BlockTime later, so the header verifies as adjacent.
const (
	ChainID        = "consumer-7"
	Validators     = 4
	TrustedHeight  = 10
	BlockTime      = 5 * time.Second
	TrustingPeriod = time.Hour
)

// Start is the time of the trusted consensus state.
var Start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Fixture is a consumer, a light client of it and evidence that its first validator double-signed.
type Fixture struct {
	Signers []cmttypes.PrivValidator
	Set     *cmttypes.ValidatorSet
	// Client is the light client the evidence verifies against.
	Client evidence.Client
	// Key is the cheating validator's consensus key (the one a pairing pins).
	Key ed25519.PublicKey
	// VoteA, VoteB and Header are the evidence.
	VoteA, VoteB *cmttypes.Vote
	Header       *ibctm.Header
	// Now is a block time at which the evidence is fresh.
	Now time.Time
}

// New builds the fixture; every key and signature is deterministic.
func New() (*Fixture, error) {
	f := &Fixture{Now: Start.Add(2 * BlockTime)}
	vals := make([]*cmttypes.Validator, Validators)
	for i := range vals {
		priv := cmted25519.GenPrivKeyFromSecret([]byte{'v', byte(i)})
		f.Signers = append(f.Signers, cmttypes.NewMockPVWithParams(priv, false, false))
		vals[i] = cmttypes.NewValidator(priv.PubKey(), 10)
	}
	f.Set = cmttypes.NewValidatorSet(vals)
	cheat, err := f.signerOf(f.Set.Validators[0].Address)
	if err != nil {
		return nil, err
	}
	pub, err := cheat.GetPubKey()
	if err != nil {
		return nil, err
	}
	f.Key = ed25519.PublicKey(pub.Bytes())
	if f.Client, err = newClient(f.Set); err != nil {
		return nil, err
	}
	if f.Header, err = f.header(TrustedHeight+1, Start.Add(BlockTime)); err != nil {
		return nil, err
	}
	f.VoteA, f.VoteB, err = Conflicting(cheat, ChainID, TrustedHeight+1, f.Set)
	return f, err
}

// signerOf finds the signer of a validator address.
func (f *Fixture) signerOf(addr []byte) (cmttypes.PrivValidator, error) {
	for _, s := range f.Signers {
		pub, err := s.GetPubKey()
		if err != nil {
			return nil, err
		}
		if string(pub.Address()) == string(addr) {
			return s, nil
		}
	}
	return nil, cmttypes.ErrVoteInvalidValidatorAddress
}

// newClient returns a client of ChainID holding one consensus state at TrustedHeight, whose next
// validators are set.
func newClient(set *cmttypes.ValidatorSet) (evidence.Client, error) {
	registry := codectypes.NewInterfaceRegistry()
	clienttypes.RegisterInterfaces(registry)
	ibctm.RegisterInterfaces(registry)
	cdc := codec.NewProtoCodec(registry)
	trusted := clienttypes.NewHeight(clienttypes.ParseChainID(ChainID), TrustedHeight)
	state := ibctm.NewClientState(ChainID, ibctm.DefaultTrustLevel, TrustingPeriod, 2*TrustingPeriod,
		10*time.Second, trusted, commitmenttypes.GetSDKSpecs(), []string{"upgrade", "upgradedIBCState"})
	consensus := ibctm.NewConsensusState(Start, commitmenttypes.NewMerkleRoot([]byte("root")), set.Hash())
	bz, err := clienttypes.MarshalConsensusState(cdc, consensus)
	if err != nil {
		return evidence.Client{}, err
	}
	var store storetypes.KVStore = dbadapter.Store{DB: dbm.NewMemDB()}
	store.Set(host.ConsensusStateKey(trusted), bz)
	return evidence.Client{State: state, Store: store, Codec: cdc}, nil
}

// header signs the light-client header of a block at height with every validator.
func (f *Fixture) header(height int64, at time.Time) (*ibctm.Header, error) {
	h := cmttypes.Header{
		Version: cmtprotoversion.Consensus{Block: cmtversion.BlockProtocol}, ChainID: ChainID, Height: height, Time: at,
		LastBlockID:    cmttypes.BlockID{Hash: tmhash.Sum([]byte("last"))},
		ValidatorsHash: f.Set.Hash(), NextValidatorsHash: f.Set.Hash(),
		ConsensusHash: tmhash.Sum([]byte("consensus")), AppHash: tmhash.Sum([]byte("app")),
		ProposerAddress: f.Set.GetProposer().Address,
	}
	blockID := cmttypes.BlockID{Hash: h.Hash(), PartSetHeader: cmttypes.PartSetHeader{Total: 1, Hash: tmhash.Sum([]byte("parts"))}}
	signers := make([]cmttypes.PrivValidator, 0, f.Set.Size())
	for _, v := range f.Set.Validators {
		s, err := f.signerOf(v.Address)
		if err != nil {
			return nil, err
		}
		signers = append(signers, s)
	}
	voteSet := cmttypes.NewVoteSet(ChainID, height, 0, cmtproto.PrecommitType, f.Set)
	ext, err := cmttypes.MakeExtCommit(blockID, height, 0, voteSet, signers, at, false)
	if err != nil {
		return nil, err
	}
	set, err := f.Set.ToProto()
	if err != nil {
		return nil, err
	}
	return &ibctm.Header{
		SignedHeader:      &cmtproto.SignedHeader{Header: h.ToProto(), Commit: ext.ToCommit().ToProto()},
		ValidatorSet:      set,
		TrustedHeight:     clienttypes.NewHeight(clienttypes.ParseChainID(ChainID), TrustedHeight),
		TrustedValidators: set,
	}, nil
}

// Conflicting has signer sign two precommits at height for different blocks with chainID.
func Conflicting(signer cmttypes.PrivValidator, chainID string, height int64, set *cmttypes.ValidatorSet) (*cmttypes.Vote, *cmttypes.Vote, error) {
	pub, err := signer.GetPubKey()
	if err != nil {
		return nil, nil, err
	}
	index, _ := set.GetByAddress(pub.Address())
	votes := make([]*cmttypes.Vote, 2)
	for i, block := range []string{"block one", "block two"} {
		vote := &cmttypes.Vote{Type: cmtproto.PrecommitType, Height: height,
			BlockID: cmttypes.BlockID{Hash: tmhash.Sum([]byte(block)),
				PartSetHeader: cmttypes.PartSetHeader{Total: 1, Hash: tmhash.Sum([]byte(block + " parts"))}},
			Timestamp: Start, ValidatorAddress: pub.Address(), ValidatorIndex: max(index, 0)}
		pv := vote.ToProto()
		if err := signer.SignVote(chainID, pv); err != nil {
			return nil, nil, err
		}
		vote.Signature = pv.Signature
		votes[i] = vote
	}
	return votes[0], votes[1], nil
}

// Encoded returns the evidence's protobuf encodings, as MsgSubmitConsumerDoubleSign carries them.
func (f *Fixture) Encoded() (voteA, voteB, header []byte, err error) {
	if voteA, err = f.VoteA.ToProto().Marshal(); err != nil {
		return nil, nil, nil, err
	}
	if voteB, err = f.VoteB.ToProto().Marshal(); err != nil {
		return nil, nil, nil, err
	}
	header, err = f.Header.Marshal()
	return voteA, voteB, header, err
}
