package meshapp

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/runtime"

	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// buildMeshKeepers builds the Mesh Security components after the standard keepers they use.
//
// The vault comes first: every lien holder (local staking, external staking, a chain's own)
// registers its kind with the vault keeper when it is built and keeps the handle it gets back, so
// holders must be built after the vault and before the first block.
func (app *MeshApp) buildMeshKeepers() error {
	vault, err := vaultkeeper.NewKeeper(vaultkeeper.Config{
		Codec:         app.appCodec,
		StoreService:  runtime.NewKVStoreService(app.keys.kv[vaulttypes.StoreKey]),
		Authority:     authority(),
		AccountKeeper: app.AccountKeeper,
		BankKeeper:    app.BankKeeper,
	})
	if err != nil {
		return fmt.Errorf("vault keeper: %w", err)
	}
	app.VaultKeeper = vault
	return nil
}
