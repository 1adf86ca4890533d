package types_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/types"
)

func addr(b byte) string { return sdk.AccAddress(append(make([]byte, 19), b)).String() }

func valAddr(b byte) string { return sdk.ValAddress(append(make([]byte, 19), b)).String() }

func position(principal, queued int64) types.Position {
	return types.Position{Principal: sdkmath.NewInt(principal), Queued: sdkmath.NewInt(queued), DueTime: time.Unix(100, 0).UTC()}
}

// validGenesis has one of every record.
func validGenesis() types.GenesisState {
	return types.GenesisState{
		Params:   types.DefaultParams(),
		Accounts: []types.UserAccount{{Owner: addr(1), Account: addr(101)}, {Owner: addr(2), Account: addr(102)}},
		Positions: []types.GenesisPosition{
			{Owner: addr(1), Validator: valAddr(1), Position: position(100, 10)},
			{Owner: addr(1), Validator: valAddr(2), Position: position(50, 0)},
		},
		Unbondings: []types.GenesisUnbonding{{Owner: addr(1), Validator: valAddr(1), CreationHeight: 3,
			Unbonding: types.Unbonding{Principal: sdkmath.NewInt(5), CompletionTime: time.Unix(200, 0).UTC(),
				BurnDebt: sdkmath.NewInt(2)}}},
		Holdings: []types.GenesisHoldings{{Owner: addr(2), Holdings: types.Holdings{Liquid: sdkmath.NewInt(1)}}},
	}
}

// TestGenesisValidate accepts the default and a complete genesis and refuses each malformed record
// with a registered error.
func TestGenesisValidate(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().Validate())
	require.NoError(t, validGenesis().Validate())
	distinct := validGenesis()
	other := distinct.Unbondings[0]
	other.CreationHeight++
	distinct.Unbondings = append(distinct.Unbondings, other)
	require.NoError(t, distinct.Validate(), "entries of one validator at two heights")

	cases := []struct {
		name   string
		modify func(*types.GenesisState)
		want   error
	}{
		{"zero batch bound", func(g *types.GenesisState) { g.Params.MaxBatchesPerBlock = 0 }, types.ErrInvalidParams},
		{"batch bound above its limit", func(g *types.GenesisState) {
			g.Params.MaxBatchesPerBlock = types.MaxBatchesPerBlockLimit + 1
		}, types.ErrInvalidParams},
		{"zero position bound", func(g *types.GenesisState) { g.Params.MaxPositionsPerUser = 0 }, types.ErrInvalidParams},
		{"position bound above its limit", func(g *types.GenesisState) {
			g.Params.MaxPositionsPerUser = types.MaxPositionsPerUserLimit + 1
		}, types.ErrInvalidParams},
		{"bad owner", func(g *types.GenesisState) { g.Accounts[0].Owner = "bogus" }, types.ErrInvalidGenesis},
		{"bad account", func(g *types.GenesisState) { g.Accounts[0].Account = "" }, types.ErrInvalidGenesis},
		{"owner twice", func(g *types.GenesisState) { g.Accounts[1].Owner = addr(1) }, types.ErrInvalidGenesis},
		{"account twice", func(g *types.GenesisState) { g.Accounts[1].Account = addr(101) }, types.ErrInvalidGenesis},
		{"position of unknown owner", func(g *types.GenesisState) { g.Positions[0].Owner = addr(9) }, types.ErrInvalidGenesis},
		{"position without validator", func(g *types.GenesisState) { g.Positions[0].Validator = "" }, types.ErrInvalidGenesis},
		{"position twice", func(g *types.GenesisState) { g.Positions[1].Validator = valAddr(1) }, types.ErrInvalidGenesis},
		{"position with malformed validator", func(g *types.GenesisState) { g.Positions[0].Validator = "bogus" }, types.ErrInvalidGenesis},
		{"position with account address as validator", func(g *types.GenesisState) { g.Positions[0].Validator = addr(1) }, types.ErrInvalidGenesis},
		{"negative principal", func(g *types.GenesisState) { g.Positions[0].Position = position(-1, 0) }, types.ErrInvalidGenesis},
		{"queued over principal", func(g *types.GenesisState) { g.Positions[0].Position = position(10, 11) }, types.ErrInvalidGenesis},
		{"nil principal", func(g *types.GenesisState) { g.Positions[0].Position.Principal = sdkmath.Int{} }, types.ErrInvalidGenesis},
		{"unbonding of unknown owner", func(g *types.GenesisState) { g.Unbondings[0].Owner = addr(9) }, types.ErrInvalidGenesis},
		{"unbonding without validator", func(g *types.GenesisState) { g.Unbondings[0].Validator = "" }, types.ErrInvalidGenesis},
		{"negative creation height", func(g *types.GenesisState) { g.Unbondings[0].CreationHeight = -1 }, types.ErrInvalidGenesis},
		{"unbonding with malformed validator", func(g *types.GenesisState) { g.Unbondings[0].Validator = "bogus" }, types.ErrInvalidGenesis},
		{"unbonding twice", func(g *types.GenesisState) { g.Unbondings = append(g.Unbondings, g.Unbondings[0]) }, types.ErrInvalidGenesis},
		{"zero unbonding", func(g *types.GenesisState) { g.Unbondings[0].Unbonding.Principal = sdkmath.ZeroInt() }, types.ErrInvalidGenesis},
		{"holdings of unknown owner", func(g *types.GenesisState) { g.Holdings[0].Owner = addr(9) }, types.ErrInvalidGenesis},
		{"holdings twice", func(g *types.GenesisState) { g.Holdings = append(g.Holdings, g.Holdings[0]) }, types.ErrInvalidGenesis},
		{"negative liquid", func(g *types.GenesisState) { g.Holdings[0].Holdings.Liquid = sdkmath.NewInt(-1) }, types.ErrInvalidGenesis},
		{"nil liquid", func(g *types.GenesisState) { g.Holdings[0].Holdings.Liquid = sdkmath.Int{} }, types.ErrInvalidGenesis},
		{"negative burn debt", func(g *types.GenesisState) { g.Unbondings[0].Unbonding.BurnDebt = sdkmath.NewInt(-1) }, types.ErrInvalidGenesis},
		{"burn debt above principal", func(g *types.GenesisState) { g.Unbondings[0].Unbonding.BurnDebt = sdkmath.NewInt(6) }, types.ErrInvalidGenesis},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := validGenesis()
			c.modify(&g)
			require.ErrorIs(t, g.Validate(), c.want)
		})
	}
}
