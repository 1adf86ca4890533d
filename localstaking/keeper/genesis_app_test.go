package keeper_test

import (
	"encoding/json"
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking"
	"github.com/meshsecurity/mesh/localstaking/types"
)

// batchKeys lists the batch queue.
func batchKeys(t *testing.T, e *env, ctx sdk.Context) []collections.Triple[time.Time, sdk.AccAddress, sdk.ValAddress] {
	it, err := e.chain.App.LocalStakingKeeper.BatchQueue.Iterate(ctx, nil)
	require.NoError(t, err)
	keys, err := it.Keys()
	require.NoError(t, err)
	return keys
}

// TestGenesisRoundTrip exports a state with accounts, positions with a queued batch, recorded
// unbonding entries and holdings, validates it, imports it into another chain and exports it
// again: the two exports are identical and the batch queue is rebuilt from the positions.
func TestGenesisRoundTrip(t *testing.T) {
	e := newEnv(t)
	user, other := e.chain.Accounts[0], e.chain.Accounts[1]
	v0, v1 := e.chain.Validators[0].ValAddress(), e.chain.Validators[1].ValAddress()
	e.stakeLocal(user, 1_000_000, 600_000, v0)
	e.stakeLocal(other, 1_000_000, 300_000, v1)
	require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: v0.String(), Amount: coin(100_000)}))
	for queuedBatchesOf(t, e) > 0 {
		e.chain.NextBlock()
	}
	require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: v0.String(), Amount: coin(50_000)}))
	require.NoError(t, e.deliver(other, &types.MsgUnstake{Owner: other.String(), Validator: v1.String(), Amount: coin(10_000)}))
	ctx, _ := e.chain.Context().CacheContext()
	holdings := types.Holdings{Liquid: sdkmath.NewInt(5)}
	require.NoError(t, e.chain.App.LocalStakingKeeper.Holdings.Set(ctx, other.Address, holdings))

	cdc := e.chain.App.AppCodec()
	mod, ok := e.chain.App.ModuleManager.Modules[types.ModuleName].(module.HasGenesis)
	require.True(t, ok)
	exported := mod.ExportGenesis(ctx, cdc)
	require.NoError(t, mod.ValidateGenesis(cdc, nil, exported))
	var gs types.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(exported, &gs))
	require.Len(t, gs.Accounts, 2)
	require.Len(t, gs.Positions, 2)
	require.Len(t, gs.Unbondings, 1)
	require.Equal(t, []types.GenesisHoldings{{Owner: other.String(), Holdings: holdings}}, gs.Holdings)
	for _, p := range gs.Positions {
		require.True(t, p.Position.Queued.IsPositive(), "both positions have a queued batch")
	}

	fresh := newEnv(t)
	freshCtx, _ := fresh.chain.Context().CacheContext()
	freshMod := fresh.chain.App.ModuleManager.Modules[types.ModuleName].(module.HasGenesis)
	freshMod.InitGenesis(freshCtx, cdc, exported)
	reexported := freshMod.ExportGenesis(freshCtx, cdc)
	require.JSONEq(t, string(exported), string(reexported))
	require.Equal(t, batchKeys(t, e, ctx), batchKeys(t, fresh, freshCtx), "the batch queue is rebuilt from the positions")
}

// TestInitGenesisRefusesInvalidState checks InitGenesis validates before writing anything.
func TestInitGenesisRefusesInvalidState(t *testing.T) {
	e := newEnv(t)
	ctx, _ := e.chain.Context().CacheContext()
	k := e.chain.App.LocalStakingKeeper
	bad := types.GenesisState{Params: types.DefaultParams(), Accounts: []types.UserAccount{{Owner: "bogus", Account: "bogus"}}}
	require.ErrorIs(t, k.InitGenesis(ctx, bad), types.ErrInvalidGenesis)
	require.ErrorIs(t, k.InitGenesis(ctx, types.GenesisState{}), types.ErrInvalidParams)
	mod := e.chain.App.ModuleManager.Modules[types.ModuleName].(module.HasGenesis)
	raw, err := json.Marshal(map[string]any{"params": map[string]any{"max_batches_per_block": 0}})
	require.NoError(t, err)
	require.ErrorIs(t, mod.ValidateGenesis(e.chain.App.AppCodec(), nil, raw), types.ErrInvalidParams)
	require.Error(t, mod.ValidateGenesis(e.chain.App.AppCodec(), nil, []byte("{")))
}

// TestCollectionPrefixes pins every collection's name and prefix: changing one changes the state
// format and needs a migration and a new ConsensusVersion.
func TestCollectionPrefixes(t *testing.T) {
	e := newEnv(t)
	want := map[string][]byte{
		"params": {0}, "accounts": {1}, "owners": {2}, "positions": {3}, "unbondings": {4},
		"holdings": {5}, "batch_queue": {6}, "slash_epoch": {7}, "validator_slashes": {8}, "valued": {9},
	}
	got := map[string][]byte{}
	for _, c := range e.chain.App.LocalStakingKeeper.Schema.ListCollections() {
		got[c.GetName()] = c.GetPrefix()
	}
	require.Equal(t, want, got)
	require.Equal(t, []byte{0}, types.ParamsKey.Bytes())
	require.Equal(t, []byte{6}, types.BatchQueueKey.Bytes())
}

// TestConsensusVersion pins the module's state-format version, as the app records it at genesis.
func TestConsensusVersion(t *testing.T) {
	e := newEnv(t)
	require.Equal(t, uint64(1), localstaking.AppModule{}.ConsensusVersion())
	versions, err := e.chain.App.UpgradeKeeper.GetModuleVersionMap(e.chain.Context())
	require.NoError(t, err)
	require.Equal(t, uint64(1), versions[types.ModuleName])
}
