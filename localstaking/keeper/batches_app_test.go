package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/localstaking/types"
)

// TestUpdateParamsBoundsBatchesPerBlock checks MsgUpdateParams: invalid parameters and a wrong
// authority are refused and change nothing; valid ones from the authority are stored and bound
// how many due batches EndBlock sends per block.
func TestUpdateParamsBoundsBatchesPerBlock(t *testing.T) {
	e := newEnv(t)
	k := e.chain.App.LocalStakingKeeper
	val := e.chain.Validators[0].ValAddress()
	for _, user := range e.chain.Accounts[:3] {
		e.stakeLocal(user, 1_000_000, 500_000, val)
	}
	ctx, _ := e.chain.Context().CacheContext()
	server, queries := keeper.NewMsgServerImpl(k), keeper.NewQueryServerImpl(k)
	// The three requests are queued in one block, so no batch can have been sent before the
	// EndBlocks below, whatever the users' schedule offsets.
	for _, user := range e.chain.Accounts[:3] {
		_, err := server.Unstake(ctx, &types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(100_000)})
		require.NoError(t, err)
	}
	require.Equal(t, 3, queuedBatchesAt(t, k, ctx))
	params := func() types.Params {
		res, err := queries.Params(ctx, &types.QueryParamsRequest{})
		require.NoError(t, err)
		return res.Params
	}
	require.Equal(t, types.DefaultParams(), params())

	_, err := server.UpdateParams(ctx, &types.MsgUpdateParams{Authority: k.Authority(), Params: types.Params{}})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	_, err = server.UpdateParams(ctx, &types.MsgUpdateParams{Authority: e.chain.Accounts[0].String(), Params: types.Params{MaxBatchesPerBlock: 1}})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	require.Equal(t, types.DefaultParams(), params())

	tooMany := types.Params{MaxBatchesPerBlock: types.MaxBatchesPerBlockLimit + 1, MaxPositionsPerUser: 1}
	_, err = server.UpdateParams(ctx, &types.MsgUpdateParams{Authority: k.Authority(), Params: tooMany})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	tooMany = types.Params{MaxBatchesPerBlock: 1, MaxPositionsPerUser: types.MaxPositionsPerUserLimit + 1}
	_, err = server.UpdateParams(ctx, &types.MsgUpdateParams{Authority: k.Authority(), Params: tooMany})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	require.Equal(t, types.DefaultParams(), params())

	one := types.Params{MaxBatchesPerBlock: 1, MaxPositionsPerUser: types.MaxPositionsPerUserLimit}
	_, err = server.UpdateParams(ctx, &types.MsgUpdateParams{Authority: k.Authority(), Params: one})
	require.NoError(t, err)
	require.Equal(t, one, params())

	later := ctx.WithBlockTime(ctx.BlockTime().Add(time.Hour))
	for left := 2; left >= 0; left-- {
		require.NoError(t, k.EndBlock(later))
		require.Equal(t, left, queuedBatchesAt(t, k, later), "one due batch per block")
	}
}

// queuedBatchesAt counts the batches in the local staking batch queue as ctx sees it.
func queuedBatchesAt(t *testing.T, k *keeper.Keeper, ctx sdk.Context) int {
	t.Helper()
	it, err := k.BatchQueue.Iterate(ctx, nil)
	require.NoError(t, err)
	keys, err := it.Keys()
	require.NoError(t, err)
	return len(keys)
}

// TestBatchDeferredAtEntryLimit lowers x/staking's entry limit while a batch is queued, so that
// at its due time the account already has as many unbonding entries with the validator as
// x/staking allows. The batch is not sent: it is rescheduled to just after the oldest entry
// completes, with an event, and sent then, never exceeding the limit.
func TestBatchDeferredAtEntryLimit(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	e.stakeLocal(user, 1_000_000, 1_000_000, val)
	account := e.account(user.Address)
	for i := 0; i < 2; i++ {
		require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(10_000)}))
		for queuedBatchesOf(t, e) > 0 {
			e.chain.NextBlock()
		}
	}
	ubd, err := e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), account, val)
	require.NoError(t, err)
	require.Len(t, ubd.Entries, 2)
	firstDone := ubd.Entries[0].CompletionTime

	require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(10_000)}))
	ctx := e.chain.Context()
	sp, err := e.chain.App.StakingKeeper.GetParams(ctx)
	require.NoError(t, err)
	sp.MaxEntries = 2
	require.NoError(t, e.chain.App.StakingKeeper.SetParams(ctx, sp))
	due := e.position(user.Address, val).DueTime

	deferred := false
	for !e.chain.LastBlockTime().After(due) {
		deferred = deferred || hasEvent(e.chain.NextBlock().Events, &types.EventBatchDeferred{})
	}
	require.True(t, deferred, "the batch was deferred with an event")
	p := e.position(user.Address, val)
	require.Equal(t, firstDone.Add(time.Nanosecond), p.DueTime, "rescheduled to just after the oldest entry completes")
	require.Equal(t, int64(10_000), p.Queued.Int64())
	has, err := e.chain.App.LocalStakingKeeper.BatchQueue.Has(e.chain.Context(), collections.Join3(p.DueTime, user.Address, val))
	require.NoError(t, err)
	require.True(t, has)
	require.Equal(t, int64(980_000), e.delegationWorth(account, val).Int64(), "nothing was undelegated")

	for queuedBatchesOf(t, e) > 0 {
		e.chain.NextBlock()
		ubd, err = e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), account, val)
		require.NoError(t, err)
		require.LessOrEqual(t, len(ubd.Entries), 2)
	}
	require.Equal(t, int64(970_000), e.delegationWorth(account, val).Int64())
	e.checkInvariants()
}

// position is the user's recorded position with val.
func (e *env) position(owner sdk.AccAddress, val sdk.ValAddress) types.Position {
	e.t.Helper()
	p, err := e.chain.App.LocalStakingKeeper.Positions.Get(e.chain.Context(), collections.Join(owner, val))
	require.NoError(e.t, err)
	return p
}

// hasEvent reports whether events include a typed event of msg's type.
func hasEvent(events []abci.Event, msg proto.Message) bool {
	name := proto.MessageName(msg)
	for _, ev := range events {
		if ev.Type == name {
			return true
		}
	}
	return false
}
