package meshapp

import (
	"encoding/json"
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// GenesisState is the app state at genesis: each module's genesis JSON, by module name.
type GenesisState map[string]json.RawMessage

// DefaultGenesis returns every module's default genesis. Chains and tests start from it and
// replace the sections they care about (bond denom, accounts, validators).
func (app *MeshApp) DefaultGenesis() GenesisState {
	return app.BasicModuleManager.DefaultGenesis(app.appCodec)
}

// InitChainer decodes the genesis state, records the modules' consensus versions for future
// upgrades, and runs every module's InitGenesis in the order of order.go.
func (app *MeshApp) InitChainer(ctx sdk.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	var state GenesisState
	if err := json.Unmarshal(req.AppStateBytes, &state); err != nil {
		return nil, fmt.Errorf("decode genesis state: %w", err)
	}
	if err := app.UpgradeKeeper.SetModuleVersionMap(ctx, app.ModuleManager.GetVersionMap()); err != nil {
		return nil, err
	}
	return app.ModuleManager.InitGenesis(ctx, app.appCodec, state)
}
