package testutil

import (
	abci "github.com/cometbft/cometbft/abci/types"
	cmttypes "github.com/cometbft/cometbft/types"
)

// Reimport starts a new node of a meshapp chain from the chain's exported state, as an operator
// restarting from an export would: a fresh app and database, InitChain with every module's
// exported genesis at the next height, and the same validators, accounts and consensus signers.
// The new chain joins the network and its first block is the next height; c should not be driven
// afterwards. Until that first block the new chain has no committed block: its Context() is on the
// imported state InitChain left for the first block, and writes through it reach that block. It
// fails the test when the chain does not run meshapp or the export or the import fails.
func (c *Chain) Reimport() *Chain {
	c.t.Helper()
	if c.App == nil {
		c.t.Fatalf("%s: reimport needs a meshapp chain", c.ChainID)
	}
	exported, err := c.App.ExportAppStateAndValidators(false, nil, nil)
	c.fatalIf(err, "export")
	next := &Chain{
		t: c.t, network: c.network, ChainID: c.ChainID, Config: c.Config,
		Validators: c.Validators, Accounts: c.Accounts, Relayer: c.Relayer,
		signers: c.signers, valsets: map[int64]*cmttypes.ValidatorSet{}, absent: map[string]bool{},
		initialHeight: exported.Height, lastTime: c.lastTime,
	}
	c.fatalIf(next.buildApp(), "build app")
	res, err := next.app.GetBaseApp().InitChain(&abci.RequestInitChain{
		ChainId:         c.ChainID,
		Time:            c.network.Now(),
		InitialHeight:   exported.Height,
		ConsensusParams: &exported.ConsensusParams,
		AppStateBytes:   exported.AppState,
	})
	c.fatalIf(err, "init chain from export")
	set, err := applyValidatorUpdates(cmttypes.NewValidatorSet(nil), res.Validators)
	c.fatalIf(err, "imported validator set")
	next.valsets[exported.Height] = set
	next.valsets[exported.Height+1] = set
	c.network.chains = append(c.network.chains, next)
	return next
}

// nextHeight is the height of the next block: the initial height before the first block.
func (c *Chain) nextHeight() int64 {
	if c.Height() == 0 && c.initialHeight > 1 {
		return c.initialHeight
	}
	return c.Height() + 1
}
