package testutil

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	storetypes "cosmossdk.io/store/types"

	abci "github.com/cometbft/cometbft/abci/types"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	cmttypes "github.com/cometbft/cometbft/types"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"

	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/testutil/storeops"
)

// Chain is one meshapp instance driven block by block. Every block it produces carries a last
// commit in which every validator of the previous block signed, except those marked absent, and
// any misbehaviour the test injected. The validator set follows the app's validator updates with
// CometBFT's delay (updates returned at height h sign from height h+2).
type Chain struct {
	t       testing.TB
	network *Network

	// App is the application under test when the chain runs meshapp (ChainConfig.NewApp unset),
	// nil otherwise; DrivenApp returns the app whichever it is.
	App *meshapp.MeshApp
	// ChainID is the chain's id, in revision format.
	ChainID string
	// Config is the configuration the chain was built from, with defaults filled in.
	Config ChainConfig
	// Validators are the genesis validators, in creation order.
	Validators []Validator
	// Accounts are funded test accounts.
	Accounts []Account
	// Relayer is the funded account that signs client updates and packet deliveries.
	Relayer Account

	app         App
	signers     map[string]cmttypes.PrivValidator
	valsets     map[int64]*cmttypes.ValidatorSet
	lastTime    time.Time
	lastHeader  *ibctm.Header
	absent      map[string]bool
	evidence    []abci.Misbehavior
	outbox      packetLog
	lastTxOps   *storeops.Counts
	lastTxMeter storetypes.GasMeter
	// initialHeight is the first block's height of a chain started from an export, zero otherwise.
	initialHeight int64
}

// newChain builds the app, runs InitChain and commits block 1, which commits the genesis state
// with it: from then on each block branches from the committed store, which Context() writes to.
func newChain(t testing.TB, network *Network, cfg ChainConfig) *Chain {
	t.Helper()
	cfg = cfg.withDefaults()
	c := &Chain{
		t: t, network: network, ChainID: cfg.ChainID, Config: cfg,
		signers: map[string]cmttypes.PrivValidator{},
		valsets: map[int64]*cmttypes.ValidatorSet{},
		absent:  map[string]bool{},
		Relayer: SeededAccount(cfg.ChainID + "/relayer"),
	}
	c.fatalIf(c.buildApp(), "build app")
	c.createKeys()
	c.initChain()
	c.NextBlock()
	return c
}

// createKeys generates the validators, the test accounts and registers the consensus signers.
func (c *Chain) createKeys() {
	for i := 0; i < c.Config.Validators; i++ {
		v, err := SeededValidator(fmt.Sprintf("%s/validator/%d", c.ChainID, i))
		c.fatalIf(err, "create validator")
		c.Validators = append(c.Validators, v)
		c.signers[v.ConsPubKey.Address().String()] = v.ConsSigner
	}
	for i := 0; i < c.Config.Accounts; i++ {
		c.Accounts = append(c.Accounts, SeededAccount(fmt.Sprintf("%s/account/%d", c.ChainID, i)))
	}
}

// initChain writes genesis and records the validator set InitChain returns for heights 1 and 2.
func (c *Chain) initChain() {
	accounts := append([]Account{c.Relayer}, c.Accounts...)
	state, err := buildGenesis(c.app, genesisInputs{cfg: c.Config, validators: c.Validators, accounts: accounts})
	c.fatalIf(err, "build genesis")
	stateBytes, err := json.Marshal(state)
	c.fatalIf(err, "encode genesis")
	res, err := c.app.GetBaseApp().InitChain(&abci.RequestInitChain{
		ChainId:         c.ChainID,
		Time:            c.network.Now(),
		InitialHeight:   1,
		ConsensusParams: simtestutil.DefaultConsensusParams,
		AppStateBytes:   stateBytes,
	})
	c.fatalIf(err, "init chain")
	genesisSet, err := applyValidatorUpdates(cmttypes.NewValidatorSet(nil), res.Validators)
	c.fatalIf(err, "genesis validator set")
	c.valsets[1] = genesisSet
	c.valsets[2] = genesisSet
}

// fatalIf fails the test on an error of the driver itself (not of the app's transactions).
func (c *Chain) fatalIf(err error, what string) {
	c.t.Helper()
	if err != nil {
		c.t.Fatalf("%s: %s: %v", c.ChainID, what, err)
	}
}

// Height returns the last committed height.
func (c *Chain) Height() int64 {
	return c.app.GetBaseApp().LastBlockHeight()
}

// LastBlockTime returns the time of the last committed block.
func (c *Chain) LastBlockTime() time.Time {
	return c.lastTime
}

// Context returns a context on the chain's state between blocks, for reading it and for setting
// it up. Every write through it reaches the next block: that block's begin-blocker, transactions
// and end-blocker see it and it is committed with that block, whatever height the chain is at.
//
// After a committed block, the context is on the committed store itself (no branch), at the last
// height and time: baseapp branches each block's state from the committed store, so the next block
// starts from what was written. A chain started by Reimport has no committed block until its first
// one, and InitChain's state waits uncommitted in the branch that first block continues; the
// context is then on that branch, at the first block's height, so it reads the imported state and
// its writes are not overwritten by genesis when the first block commits.
//
// Writes do not pass through transactions, so no ante handler, gas or Msg validation applies, and
// a module's own block logic may still change a value written here in the next block.
func (c *Chain) Context() sdk.Context {
	base := c.app.GetBaseApp()
	if c.Height() == 0 {
		return base.GetContextForFinalizeBlock(nil).WithEventManager(sdk.NewEventManager())
	}
	return base.NewUncachedContext(false, cmtproto.Header{
		ChainID: c.ChainID, Height: c.Height(), Time: c.lastTime,
	})
}

// BondDenom returns the chain's staking token.
func (c *Chain) BondDenom() string {
	return c.Config.BondDenom
}

// ValidatorSet returns the CometBFT validator set that signs the block at height.
func (c *Chain) ValidatorSet(height int64) (*cmttypes.ValidatorSet, error) {
	set, ok := c.valsets[height]
	if !ok {
		return nil, fmt.Errorf("%s: no validator set recorded for height %d", c.ChainID, height)
	}
	return set, nil
}

// AddConsensusSigner lets the driver sign for a validator created after genesis (through a
// MsgCreateValidator with this signer's public key). It must be called before the validator
// enters the active set.
func (c *Chain) AddConsensusSigner(signer cmttypes.PrivValidator) error {
	key, err := signer.GetPubKey()
	if err != nil {
		return err
	}
	c.signers[key.Address().String()] = signer
	return nil
}
