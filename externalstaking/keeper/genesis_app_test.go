package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

func TestGenesisRoundTrip(t *testing.T) {
	e := newEnv(t)
	a, b := e.chain.Accounts[0], e.chain.Accounts[1]
	e.bond(1_000, a, b)
	e.activate(1, "valA", "valB")
	e.committedStake(a, "valA", 300)
	require.NoError(t, e.stake(b, "valB", 100))
	e.clearOutbox()
	data, err := e.unstake(a, "valA", 50)
	require.NoError(t, err)
	e.ack(data, true)
	_, err = e.unstake(a, "valA", 20)
	require.NoError(t, err)
	require.True(t, e.receive(slashReport("valA", 3, 10, "0.05", false)).Success())
	require.True(t, e.receive(slashReport("valB", 4, 10, "0.1", true)).Success())
	e.settle(a)

	ctx := e.chain.Context()
	exported, err := e.k.ExportGenesis(ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate())
	require.Len(t, exported.Pairings, 2)
	require.Len(t, exported.Positions, 2)
	require.Len(t, exported.Slashes, 2)
	for _, v := range exported.Validators {
		require.Equal(t, v.Valoper == "valB", v.Validator.Tombstoned, v.Valoper)
		if v.Valoper == "valB" {
			require.Equal(t, uint64(4), v.Validator.TombstoneHeight)
		}
	}
	require.Equal(t, []types.LastSlashed{{Pairing: pairingID, Owner: a.String(), Validator: "valA"}}, exported.LastSlashed)
	require.Len(t, exported.PendingTxs, 2, "b's stake and a's second unstake")
	// a's 300 less the 50 unstaked, less valA's slash (5% of 250, capped at the reported 10); b's
	// stake is still pending.
	require.Len(t, exported.CrossStakes, 1)
	require.Equal(t, pairingID, exported.CrossStakes[0].Pairing)
	require.Equal(t, "240", exported.CrossStakes[0].Amount.String())

	// Import into the same store cleared of every record and export again; the per-user position
	// counts, which genesis does not carry, are rebuilt.
	count, err := e.k.PositionCount.Get(ctx, collections.Join(pairingID, a.Address))
	require.NoError(t, err)
	require.Equal(t, uint32(1), count)
	fresh, _ := ctx.CacheContext()
	require.NoError(t, e.k.Pairings.Clear(fresh, nil))
	require.NoError(t, e.k.Channels.Clear(fresh, nil))
	require.NoError(t, e.k.Positions.Clear(fresh, nil))
	require.NoError(t, e.k.PositionCount.Clear(fresh, nil))
	require.NoError(t, e.k.Validators.Clear(fresh, nil))
	require.NoError(t, e.k.Slashes.Clear(fresh, nil))
	require.NoError(t, e.k.SlashedHeights.Clear(fresh, nil))
	require.NoError(t, e.k.PendingTxs.Clear(fresh, nil))
	require.NoError(t, e.k.Outbox.Clear(fresh, nil))
	require.NoError(t, e.k.LastSlashed.Clear(fresh, nil))
	require.NoError(t, e.k.CrossStake.Clear(fresh, nil))
	require.NoError(t, e.k.InitGenesis(fresh, *exported))
	again, err := e.k.ExportGenesis(fresh)
	require.NoError(t, err)
	require.Equal(t, exported, again)
	count, err = e.k.PositionCount.Get(fresh, collections.Join(pairingID, a.Address))
	require.NoError(t, err)
	require.Equal(t, uint32(1), count)
	// The downtime slash's height is rebuilt as applied; the double-sign is kept once per
	// validator by its tombstone instead, leaving its height free for a downtime report.
	has, err := e.k.SlashedHeights.Has(fresh, collections.Join3(pairingID, "valA", uint64(3)))
	require.NoError(t, err)
	require.True(t, has)
	has, err = e.k.SlashedHeights.Has(fresh, collections.Join3(pairingID, "valB", uint64(4)))
	require.NoError(t, err)
	require.False(t, has)
}

func TestGenesisValidation(t *testing.T) {
	good := func() *types.GenesisState {
		gs := types.DefaultGenesis()
		gs.Pairings = []types.ConsumerPairing{testPairing()}
		return gs
	}
	require.NoError(t, good().Validate())
	inBounds := good()
	inBounds.Validators = []types.GenesisValidator{{Pairing: pairingID, Valoper: "v", Validator: types.Validator{
		Shares: types.MaxValidatorShares.SubRaw(1), Tokens: ints(1), PointsPerShare: types.MaxPointsPerShare.SubRaw(1), PointsLeftover: ints(0),
	}}}
	inBounds.CrossStakes = []types.GenesisCrossStake{{Pairing: pairingID, Amount: ints(1)}}
	require.NoError(t, inBounds.Validate())
	cases := map[string]func(*types.GenesisState){
		"bad params":          func(gs *types.GenesisState) { gs.Params.MaxPacketsPerBlock = 0 },
		"params over limit":   func(gs *types.GenesisState) { gs.Params.MaxPositionsPerUser = types.MaxMaxPositionsPerUser + 1 },
		"duplicate pairing":   func(gs *types.GenesisState) { gs.Pairings = append(gs.Pairings, testPairing()) },
		"bad pairing id":      func(gs *types.GenesisState) { gs.Pairings[0].Id = "Bad Id" },
		"ratio above one":     func(gs *types.GenesisState) { gs.Pairings[0].DoubleSignRatio = ints(2).ToLegacyDec() },
		"no unbonding period": func(gs *types.GenesisState) { gs.Pairings[0].UnbondingPeriod = 0 },
		"closed without time": func(gs *types.GenesisState) { gs.Pairings[0].Status = types.PAIRING_STATUS_CLOSED },
		"unknown pairing":     func(gs *types.GenesisState) { gs.PendingTxs = []types.PendingTx{{Id: 1, Pairing: "nope"}} },
		"low tx id":           func(gs *types.GenesisState) { gs.NextTxId = 5 },
		"validator unset": func(gs *types.GenesisState) {
			gs.Validators = []types.GenesisValidator{{Pairing: pairingID, Valoper: "v"}}
		},
		"points at the bound": func(gs *types.GenesisState) {
			v := types.Validator{Shares: ints(1), Tokens: ints(1), PointsPerShare: types.MaxPointsPerShare, PointsLeftover: ints(0)}
			gs.Validators = []types.GenesisValidator{{Pairing: pairingID, Valoper: "v", Validator: v}}
		},
		"slash without validator": func(gs *types.GenesisState) {
			gs.Slashes = []types.GenesisSlash{{Pairing: pairingID, Slash: types.SlashRecord{Ratio: math.LegacyNewDecWithPrec(1, 2)}}}
		},
		"slash without ratio": func(gs *types.GenesisState) {
			gs.Slashes = []types.GenesisSlash{{Pairing: pairingID, Valoper: "v"}}
		},
		"slash ratio above one": func(gs *types.GenesisState) {
			gs.Slashes = []types.GenesisSlash{{Pairing: pairingID, Valoper: "v", Slash: types.SlashRecord{Ratio: math.LegacyNewDec(2)}}}
		},
		"shares at the bound": func(gs *types.GenesisState) {
			v := types.Validator{Shares: types.MaxValidatorShares, Tokens: ints(1), PointsPerShare: ints(0), PointsLeftover: ints(0)}
			gs.Validators = []types.GenesisValidator{{Pairing: pairingID, Valoper: "v", Validator: v}}
		},
	}
	for name, mutate := range cases {
		gs := good()
		mutate(gs)
		require.Error(t, gs.Validate(), name)
	}
}

func TestStorePrefixesArePinned(t *testing.T) {
	want := map[string]byte{
		"params": 0, "pairings": 1, "channels": 2, "positions": 3, "position_count": 4, "validators": 5,
		"slashes": 6, "slashed_heights": 7, "pending_txs": 8, "tx_seq": 9, "outbox": 10, "outbox_seq": 11,
		"last_slashed": 12, "pending_by_user": 13, "opening": 14,
		"outbox_cursor": 15,
		"slash_guards":  16, "slash_queue": 17, "queued_for_val": 18, "cross_stake": 19,
	}
	e := newEnv(t)
	got := map[string]byte{}
	for _, c := range e.k.Schema.ListCollections() {
		got[c.GetName()] = c.GetPrefix()[0]
	}
	require.Equal(t, want, got)
}

func TestQueries(t *testing.T) {
	e := newEnv(t)
	a, b := e.chain.Accounts[0], e.chain.Accounts[1]
	e.bond(1_000, a, b)
	e.activate(1, "valA")
	_, events, err := e.chain.DeliverTx(a, &vaulttypes.MsgStakeRemote{Owner: a.String(), Holder: holder, Amount: coin(300), Validator: "valA"})
	require.NoError(t, err)
	require.NoError(t, e.stake(b, "valA", 200))
	q := keeper.NewQueryServerImpl(e.k)
	ctx := e.chain.Context()

	// The event carries plain values, the amount as a coin string.
	var pendingEvent map[string]string
	for _, ev := range events {
		if ev.Type == "meshsecurity.externalstaking.v1.EventStakePending" {
			pendingEvent = map[string]string{}
			for _, attr := range ev.Attributes {
				pendingEvent[attr.Key] = attr.Value
			}
		}
	}
	require.Equal(t, "300uprov", pendingEvent["amount"])
	require.Equal(t, a.String(), pendingEvent["owner"])
	require.Equal(t, "valA", pendingEvent["validator"])

	all, err := q.PendingTxs(ctx, &types.QueryPendingTxsRequest{})
	require.NoError(t, err)
	require.Len(t, all.Txs, 2)
	mine, err := q.PendingTxs(ctx, &types.QueryPendingTxsRequest{Owner: b.String()})
	require.NoError(t, err)
	require.Len(t, mine.Txs, 1)
	require.Equal(t, ints(200), mine.Txs[0].Amount)

	pairings, err := q.Pairings(ctx, &types.QueryPairingsRequest{})
	require.NoError(t, err)
	require.Len(t, pairings.Pairings, 2)
	one, err := q.Pairing(ctx, &types.QueryPairingRequest{PairingId: pairingID})
	require.NoError(t, err)
	require.Equal(t, channel, one.Pairing.ChannelId)
	_, err = q.Pairing(ctx, &types.QueryPairingRequest{PairingId: "nope"})
	require.ErrorIs(t, err, types.ErrUnknownPairing)

	vals, err := q.Validators(ctx, &types.QueryValidatorsRequest{PairingId: pairingID})
	require.NoError(t, err)
	require.Len(t, vals.Validators, 1)
	require.Equal(t, types.VALIDATOR_STATUS_ACTIVE, vals.Validators[0].Status)
	require.Equal(t, "0", vals.Validators[0].Validator.Tokens.String(), "pending stake is not in the totals")

	stakes, err := q.Stakes(ctx, &types.QueryStakesRequest{PairingId: pairingID, Owner: a.String()})
	require.NoError(t, err)
	require.Equal(t, []types.StakeView{{Validator: "valA", Low: ints(0), High: ints(300), PendingRewards: ints(0)}}, stakes.Stakes)
	params, err := q.Params(ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), params.Params)
}
