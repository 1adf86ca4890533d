package testutil_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"

	"github.com/meshsecurity/mesh/testutil"
)

// contextWrite is what writeThroughContext put in a chain's state.
type contextWrite struct {
	// coins were minted to the chain's first account, in a denom no other write uses.
	coins sdk.Coins
	// maxEntries is x/staking's parameter, a key genesis writes.
	maxEntries uint32
}

// writeThroughContext, through Context(): mints coins of a denom unique to round to the chain's
// first account, sets x/staking's max entries, and disables sends of the bond denom.
func writeThroughContext(t *testing.T, chain *testutil.Chain, round int) contextWrite {
	t.Helper()
	ctx := chain.Context()
	w := contextWrite{
		coins:      sdk.NewCoins(sdk.NewInt64Coin(fmt.Sprintf("ucontext%d", round), int64(1000+round))),
		maxEntries: uint32(20 + round),
	}
	bank := chain.App.BankKeeper
	require.NoError(t, bank.MintCoins(ctx, minttypes.ModuleName, w.coins))
	require.NoError(t, bank.SendCoinsFromModuleToAccount(ctx, minttypes.ModuleName, chain.Accounts[0].Address, w.coins))
	params, err := chain.App.StakingKeeper.GetParams(ctx)
	require.NoError(t, err)
	params.MaxEntries = w.maxEntries
	require.NoError(t, chain.App.StakingKeeper.SetParams(ctx, params))
	bank.SetSendEnabled(ctx, chain.BondDenom(), false)
	return w
}

// requireWritten checks through Context() that the minted coins are holder's and in the supply,
// and that the parameter holds.
func requireWritten(t *testing.T, chain *testutil.Chain, w contextWrite, holder sdk.AccAddress) {
	t.Helper()
	ctx := chain.Context()
	coin := w.coins[0]
	require.Equal(t, coin, chain.App.BankKeeper.GetBalance(ctx, holder, coin.Denom), "height %d", chain.Height())
	require.Equal(t, coin, chain.App.BankKeeper.GetSupply(ctx, coin.Denom), "height %d", chain.Height())
	params, err := chain.App.StakingKeeper.GetParams(ctx)
	require.NoError(t, err)
	require.Equal(t, w.maxEntries, params.MaxEntries, "height %d", chain.Height())
}

// requireWriteReachesNextBlock writes through Context() at the chain's current height; in the
// next block, x/bank's Msg handler must see the minted coins (a send of them succeeds) and in the
// block after that the send of the bond denom (a send of it fails); the blocks after must keep
// all of it.
func requireWriteReachesNextBlock(t *testing.T, chain *testutil.Chain, round int) {
	t.Helper()
	from, to := chain.Accounts[0], chain.Accounts[1]
	w := writeThroughContext(t, chain, round)
	written := chain.Height()

	_, _, err := chain.DeliverTx(from, banktypes.NewMsgSend(from.Address, to.Address, w.coins))
	require.NoError(t, err, "written at height %d", written)
	requireWritten(t, chain, w, to.Address)
	require.True(t, chain.App.BankKeeper.GetBalance(chain.Context(), from.Address, w.coins[0].Denom).IsZero())

	bonded := sdk.NewCoins(sdk.NewInt64Coin(chain.BondDenom(), 1))
	_, _, err = chain.DeliverTx(from, banktypes.NewMsgSend(from.Address, to.Address, bonded))
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr, "written at height %d", written)
	require.Equal(t, banktypes.ErrSendDisabled.Codespace(), txErr.Codespace)
	require.Equal(t, banktypes.ErrSendDisabled.ABCICode(), txErr.Code)

	chain.NextBlocks(2)
	requireWritten(t, chain, w, to.Address)
}

func TestContextWriteRightAfterTheFirstBlockReachesTheNextBlock(t *testing.T) {
	chain := newTestChain(t)
	require.EqualValues(t, 1, chain.Height())
	requireWriteReachesNextBlock(t, chain, 1)
}

func TestContextWriteAfterAnyBlockReachesTheNextBlock(t *testing.T) {
	chain := newTestChain(t)
	chain.NextBlock()
	for round := 1; round <= 3; round++ {
		requireWriteReachesNextBlock(t, chain, round)
	}
}

// reimported returns a chain started from the export of a chain whose first account received
// coins and whose parameter was set through Context(), before the new chain's first block.
func reimported(t *testing.T) (source, next *testutil.Chain, exported contextWrite) {
	t.Helper()
	source = newTestChain(t)
	exported = writeThroughContext(t, source, 1)
	source.NextBlock()
	next = source.Reimport()
	require.Zero(t, next.Height())
	return source, next, exported
}

// A reimported chain has no committed block until its first one; Context() reads the imported
// state then, at the first block's height.
func TestContextOnAReimportedChainReadsTheImportedState(t *testing.T) {
	source, next, exported := reimported(t)
	ctx := next.Context()
	require.Equal(t, source.Height()+1, ctx.BlockHeight(), "the first block's height")
	requireWritten(t, next, exported, next.Accounts[0].Address)
	for _, a := range next.Accounts {
		want := source.App.BankKeeper.GetBalance(source.Context(), a.Address, source.BondDenom())
		require.Equal(t, want, next.App.BankKeeper.GetBalance(ctx, a.Address, next.BondDenom()))
	}
}

// Writes through Context() before a reimported chain's first block are not undone by the imported
// genesis when that block commits.
func TestContextWriteBeforeAReimportedChainsFirstBlockReachesIt(t *testing.T) {
	source, next, exported := reimported(t)
	requireWriteReachesNextBlock(t, next, 2)
	require.Equal(t, source.Height()+4, next.Height(), "two transactions' blocks and two more")
	require.Equal(t, exported.coins[0], next.App.BankKeeper.GetBalance(next.Context(), next.Accounts[0].Address, exported.coins[0].Denom))
	requireWriteReachesNextBlock(t, next, 3)
}
