package testutil

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// withoutModules is meshapp with some modules missing from its default genesis, as an app
// without them would have.
type withoutModules struct {
	meshApp
	missing []string
}

// DefaultGenesis returns meshapp's default genesis without the missing modules.
func (a withoutModules) DefaultGenesis() map[string]json.RawMessage {
	state := a.meshApp.DefaultGenesis()
	for _, module := range a.missing {
		delete(state, module)
	}
	return state
}

func TestGenesisSkipsModulesTheAppDoesNotHave(t *testing.T) {
	chain := NewChain(t, ChainConfig{ChainID: "skip-1", BondDenom: "uskip"})
	app := withoutModules{meshApp{chain.App}, []string{minttypes.ModuleName, govtypes.ModuleName}}
	state, err := buildGenesis(app, genesisInputs{cfg: chain.Config, validators: chain.Validators, accounts: chain.Accounts})
	require.NoError(t, err)
	require.NotContains(t, state, minttypes.ModuleName)
	require.NotContains(t, state, govtypes.ModuleName)
	var staking stakingtypes.GenesisState
	require.NoError(t, app.AppCodec().UnmarshalJSON(state[stakingtypes.ModuleName], &staking))
	require.Equal(t, "uskip", staking.Params.BondDenom)
	require.Len(t, staking.Validators, DefaultValidators)
}
