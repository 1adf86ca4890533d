package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/types/query"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/virtualstaking"
	"github.com/meshsecurity/mesh/virtualstaking/keeper"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// TestTombstonedValidatorLosesVirtualStake: a double-signing validator is tombstoned; at the next
// epoch its virtual stake leaves although the request stands, and the slash is booked.
func TestTombstonedValidatorLosesVirtualStake(t *testing.T) {
	e := newEnv(t, 4, nil)
	e.pairing("a", 1_000_000_000)
	e.request("a", 2, 20_000_000)
	e.request("a", 3, 10_000_000)
	e.epoch()
	e.chain.NextBlocks(3) // the validator set carries the virtual stake from here on
	require.NoError(t, e.chain.InjectDoubleSign(e.chain.Validators[2]))
	e.chain.NextBlock()
	require.True(t, e.chain.App.SlashingKeeper.IsTombstoned(e.chain.Context(), e.chain.Validators[2].ConsAddress()))
	require.Equal(t, math.NewInt(1_000_000), e.supply("a").Slashed, "5 % of 20M")
	e.epoch()
	require.True(t, e.target("a", 2).IsZero())
	require.Equal(t, math.NewInt(10_000_000), e.target("a", 3))
	require.Equal(t, math.NewInt(19_000_000), e.value("a", 2), "left through an unbonding entry")
}

// TestUpdateParamsOnlyByAuthorityWithinBounds: a stranger is refused, invalid bounds are refused,
// and neither changes the parameters.
func TestUpdateParamsOnlyByAuthorityWithinBounds(t *testing.T) {
	e := newEnv(t, 4, nil)
	ctx := e.chain.Context()
	srv := keeper.NewMsgServerImpl(e.k)
	before, err := e.k.Params.Get(ctx)
	require.NoError(t, err)
	p := before
	p.EpochLength = 7
	_, err = srv.UpdateParams(ctx, &types.MsgUpdateParams{Authority: e.chain.Accounts[0].String(), Params: p})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	bad := before
	bad.ValidatorsPerBlock = types.MaxValidatorsPerBlock + 1
	_, err = srv.UpdateParams(ctx, &types.MsgUpdateParams{Authority: e.k.Authority(), Params: bad})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	bad = before
	bad.MaxVirtualFraction = math.LegacyOneDec()
	_, err = srv.UpdateParams(ctx, &types.MsgUpdateParams{Authority: e.k.Authority(), Params: bad})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	got, err := e.k.Params.Get(ctx)
	require.NoError(t, err)
	require.Equal(t, before, got)
	_, err = srv.UpdateParams(ctx, &types.MsgUpdateParams{Authority: e.k.Authority(), Params: p})
	require.NoError(t, err)
	got, err = e.k.Params.Get(ctx)
	require.NoError(t, err)
	require.Equal(t, uint32(7), got.EpochLength)
}

// TestQueriesAndGenesisRoundTrip: the queries report the supply, targets and live values, and the
// exported genesis validates and imports into a fresh chain to the same export.
func TestQueriesAndGenesisRoundTrip(t *testing.T) {
	e := newEnv(t, 4, nil)
	e.pairing("a", 1_000_000_000)
	e.request("a", 0, 4_000_000)
	e.request("a", 1, 6_000_000)
	e.epoch()
	e.request("a", 1, 1_000_000)
	e.epoch()
	ctx := e.chain.Context()
	q := keeper.NewQueryServerImpl(e.k)
	pairing, err := q.Pairing(ctx, &types.QueryPairingRequest{PairingId: "a"})
	require.NoError(t, err)
	require.Equal(t, math.NewInt(10_000_000), pairing.Supply.Minted)
	require.Equal(t, math.NewInt(5_000_000), pairing.Supply.Targeted)
	require.Equal(t, math.NewInt(10_000_000), pairing.Outstanding, "5M delegated, 5M unbonding")
	require.Equal(t, math.NewInt(5_000_000), pairing.Bonded)
	_, err = q.Pairing(ctx, &types.QueryPairingRequest{PairingId: "nope"})
	require.ErrorIs(t, err, types.ErrUnknownPairing)
	targets, err := q.Targets(ctx, &types.QueryTargetsRequest{PairingId: "a", Pagination: &query.PageRequest{Limit: 1}})
	require.NoError(t, err)
	require.Len(t, targets.Targets, 1)
	require.NotNil(t, targets.Pagination.NextKey)
	val, err := q.Validator(ctx, &types.QueryValidatorRequest{Validator: e.val(1)})
	require.NoError(t, err)
	require.Equal(t, []types.Target{{PairingId: "a", Validator: e.val(1), Amount: math.NewInt(6_000_000)}}, val.Values)
	_, err = q.Validator(ctx, &types.QueryValidatorRequest{Validator: "bad"})
	require.ErrorIs(t, err, types.ErrInvalidAddress)

	exported, err := e.k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate())
	other := newEnv(t, 4, nil)
	octx := other.chain.Context()
	require.NoError(t, other.k.InitGenesis(octx, exported))
	again, err := other.k.ExportGenesis(octx)
	require.NoError(t, err)
	require.Equal(t, exported, again)

	broken := *exported
	broken.Params.EpochLength = 0
	require.ErrorIs(t, broken.Validate(), types.ErrInvalidParams)
	broken = *exported
	broken.Targets = append([]types.Target{}, exported.Targets...)
	broken.Targets[0].Amount = math.NewInt(-1)
	require.ErrorIs(t, broken.Validate(), types.ErrInvalidGenesis)
}

// TestStorePrefixesArePinned: the collections prefixes are part of the state format of consensus
// version 1.
func TestStorePrefixesArePinned(t *testing.T) {
	require.Equal(t, uint64(2), virtualstaking.AppModule{}.ConsensusVersion())
	want := map[string]collections.Prefix{
		"params": types.ParamsKey, "next_epoch": types.NextEpochKey, "supplies": types.SuppliesKey,
		"targets": types.TargetsKey, "shares": types.SharesKey, "pending": types.PendingKey, "run": types.RunKey,
		"run_pairings": types.RunPairingsKey, "run_rewards": types.RunRewardsKey, "debts": types.DebtsKey,
		"last_values": types.LastValuesKey,
	}
	for i, name := range []string{"params", "next_epoch", "supplies", "targets", "shares", "pending", "run",
		"run_pairings", "run_rewards", "debts", "last_values"} {
		require.Equal(t, []byte{byte(i)}, want[name].Bytes(), name)
	}
}
