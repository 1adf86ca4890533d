package meshapp

import (
	"encoding/json"

	errorsmod "cosmossdk.io/errors"

	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/x/staking"
)

// ExportAppStateAndValidators exports the state of every module and the validator set at the
// last committed height, so a new chain can start from it at the next height. Exporting for a
// restart at height zero (which rewrites distribution and staking records) is not supported.
func (app *MeshApp) ExportAppStateAndValidators(
	forZeroHeight bool, _ []string, modulesToExport []string,
) (servertypes.ExportedApp, error) {
	if forZeroHeight {
		return servertypes.ExportedApp{}, errorsmod.Wrap(sdkerrors.ErrNotSupported, "export for zero height")
	}
	ctx := app.NewContext(true)
	genesis, err := app.ModuleManager.ExportGenesisForModules(ctx, app.appCodec, modulesToExport)
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	appState, err := json.MarshalIndent(genesis, "", "  ")
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	validators, err := staking.WriteValidators(ctx, app.StakingKeeper)
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	consensusParams, err := app.ConsensusParamsKeeper.ParamsStore.Get(ctx)
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	return servertypes.ExportedApp{
		AppState:        appState,
		Validators:      validators,
		Height:          app.LastBlockHeight() + 1,
		ConsensusParams: consensusParams,
	}, nil
}
