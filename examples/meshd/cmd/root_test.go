package cmd_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"

	"github.com/meshsecurity/mesh/examples/meshd/cmd"
)

func TestInitWritesGenesisWithEveryModule(t *testing.T) {
	home := t.TempDir()
	root, err := cmd.NewRootCmd()
	require.NoError(t, err)
	root.SetArgs([]string{"init", "node0", "--chain-id", "mesh-local-1", "--home", home})
	require.NoError(t, svrcmd.Execute(root, "", home))

	raw, err := os.ReadFile(filepath.Join(home, "config", "genesis.json"))
	require.NoError(t, err)
	var genesis genutiltypes.AppGenesis
	require.NoError(t, json.Unmarshal(raw, &genesis))
	require.Equal(t, "mesh-local-1", genesis.ChainID)
	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(genesis.AppState, &state))
	for _, module := range []string{"auth", "bank", "staking", "slashing", "distribution", "gov", "mint",
		"evidence", "ibc", "transfer", "capability", "upgrade", "consensus"} {
		_, ok := state[module]
		require.True(t, ok, "genesis has no %s section", module)
	}
}

func TestRootHasAutoCLICommands(t *testing.T) {
	root, err := cmd.NewRootCmd()
	require.NoError(t, err)
	for _, path := range [][]string{{"tx", "bank", "send"}, {"query", "staking", "validators"}, {"tx", "ibc-transfer", "transfer"}} {
		found, _, err := root.Find(path)
		require.NoError(t, err, "%v", path)
		require.Equal(t, path[len(path)-1], found.Name())
	}
}
