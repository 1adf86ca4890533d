package keeper_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"
	"cosmossdk.io/store/rootmulti"
	storetypes "cosmossdk.io/store/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/localstaking/types"
)

// errInjected is the store failure faultyStore injects.
var errInjected = errors.New("injected store failure")

// faultyStore opens local staking's store of the app and, while failing is set, refuses every
// write under prefix.
type faultyStore struct {
	store.KVStoreService
	prefix  []byte
	failing *bool
}

// OpenKVStore implements store.KVStoreService.
func (s faultyStore) OpenKVStore(ctx context.Context) store.KVStore {
	return faultyKV{KVStore: s.KVStoreService.OpenKVStore(ctx), store: s}
}

// faultyKV is a store opened by faultyStore.
type faultyKV struct {
	store.KVStore
	store faultyStore
}

// Set implements store.KVStore.
func (s faultyKV) Set(key, value []byte) error {
	if *s.store.failing && bytes.HasPrefix(key, s.store.prefix) {
		return errInjected
	}
	return s.KVStore.Set(key, value)
}

// secondKeeper builds another local staking keeper over the app's store and keepers, with its
// store opened through wrap, and does not register it with a vault.
func (e *env) secondKeeper(wrap func(store.KVStoreService) store.KVStoreService) *keeper.Keeper {
	e.t.Helper()
	app := e.chain.App
	key, ok := app.CommitMultiStore().(*rootmulti.Store).StoreKeysByName()[types.StoreKey].(*storetypes.KVStoreKey)
	require.True(e.t, ok)
	k, err := keeper.NewKeeper(keeper.Config{
		Codec: app.AppCodec(), StoreService: wrap(runtime.NewKVStoreService(key)),
		Authority: app.LocalStakingKeeper.Authority(), AccountKeeper: app.AccountKeeper, BankKeeper: app.BankKeeper,
		StakingKeeper: app.StakingKeeper, SlashingKeeper: app.SlashingKeeper,
		StakingMsgs: stakingkeeper.NewMsgServerImpl(app.StakingKeeper), DistributionMsgs: distrkeeper.NewMsgServerImpl(app.DistrKeeper),
		GovMsgs: govkeeper.NewMsgServerImpl(app.GovKeeper),
	})
	require.NoError(e.t, err)
	return k
}

// TestKeeperWithoutVault builds a local staking keeper that was never registered with a vault:
// every Msg that needs the vault refuses with ErrNoVault and changes nothing.
func TestKeeperWithoutVault(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	e.stakeLocal(user, 1_000_000, 600_000, val)
	orphan := e.secondKeeper(func(s store.KVStoreService) store.KVStoreService { return s })
	_, err := orphan.Vault()
	require.ErrorIs(t, err, types.ErrNoVault)
	server := keeper.NewMsgServerImpl(orphan)
	ctx, _ := e.chain.Context().CacheContext()

	_, err = server.Unstake(ctx, &types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(1)})
	require.ErrorIs(t, err, types.ErrNoVault)
	_, err = server.ReleaseUnbonded(ctx, &types.MsgReleaseUnbonded{Owner: user.String()})
	require.ErrorIs(t, err, types.ErrNoVault)
	_, err = server.Restake(ctx, &types.MsgRestake{Owner: user.String(), Validator: val.String(), Amount: coin(1)})
	require.ErrorIs(t, err, types.ErrNoVault)
	p, err := orphan.Positions.Get(ctx, collections.Join(user.Address, val))
	require.NoError(t, err)
	require.True(t, p.Queued.IsZero(), "nothing was queued")
	require.Equal(t, int64(600_000), p.Principal.Int64())
}

// TestFailedRescheduleKeepsBatch sends a due batch from a keeper whose sends fail (it has no
// vault) and whose store then refuses the position write of the reschedule. The reschedule is
// all or nothing: the batch keeps its queue key and due time, so the app's own EndBlock sends it
// in a later block, and the stake is undelegated.
func TestFailedRescheduleKeepsBatch(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	e.stakeLocal(user, 1_000_000, 600_000, val)
	require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(100_000)}))
	due := e.position(user.Address, val).DueTime
	failing := true
	faulty := e.secondKeeper(func(s store.KVStoreService) store.KVStoreService {
		return faultyStore{KVStoreService: s, prefix: types.PositionsKey.Bytes(), failing: &failing}
	})

	require.NoError(t, faulty.EndBlock(e.chain.Context().WithBlockTime(due)))
	failing = false
	keys := batchKeys(t, e, e.chain.Context())
	require.Len(t, keys, 1)
	require.Equal(t, due, keys[0].K1(), "the batch kept its queue key")
	require.Equal(t, due, e.position(user.Address, val).DueTime)

	for i := 0; queuedBatchesOf(t, e) > 0 && i < 100; i++ {
		e.chain.NextBlock()
	}
	account := e.account(user.Address)
	require.Equal(t, int64(500_000), e.delegationWorth(account, val).Int64())
	ubd, err := e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), account, val)
	require.NoError(t, err)
	require.Len(t, ubd.Entries, 1)
	require.Equal(t, int64(100_000), ubd.Entries[0].Balance.Int64())
	e.checkInvariants()
}
