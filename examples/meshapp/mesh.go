package meshapp

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/runtime"

	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"

	localstakingkeeper "github.com/meshsecurity/mesh/localstaking/keeper"
	localstakingtypes "github.com/meshsecurity/mesh/localstaking/types"
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
	if err := app.buildLocalStaking(); err != nil {
		return err
	}
	if err := app.buildVirtualStaking(); err != nil {
		return err
	}
	if err := app.buildExternalStaking(); err != nil {
		return err
	}
	if err := app.buildConverter(); err != nil {
		return err
	}
	// Virtual staking reads the converter's pairings and requests and pays it the rewards, and the
	// event capture reports jails, unjails, tombstones and slashes to it.
	app.SetVirtualStakingConverter(app.ConverterKeeper)
	app.ConverterUnwinds.forward = app.VirtualStakingKeeper
	return nil
}

// buildLocalStaking builds local staking, binds it to the slash recorder x/slashing slashes
// through, and registers it with the vault as the local lien holder. It acts for users through the x/staking, x/distribution and x/gov Msg servers, so its
// delegations, votes and withdrawals are validated as a native delegator's are.
func (app *MeshApp) buildLocalStaking() error {
	local, err := localstakingkeeper.NewKeeper(localstakingkeeper.Config{
		Codec:            app.appCodec,
		StoreService:     runtime.NewKVStoreService(app.keys.kv[localstakingtypes.StoreKey]),
		Authority:        authority(),
		AccountKeeper:    app.AccountKeeper,
		BankKeeper:       app.BankKeeper,
		StakingKeeper:    app.StakingKeeper,
		SlashingKeeper:   app.SlashingKeeper,
		StakingMsgs:      stakingkeeper.NewMsgServerImpl(app.StakingKeeper),
		DistributionMsgs: distrkeeper.NewMsgServerImpl(app.DistrKeeper),
		GovMsgs:          govkeeper.NewMsgServerImpl(app.GovKeeper),
	})
	if err != nil {
		return fmt.Errorf("local staking keeper: %w", err)
	}
	if err := local.WatchSlashes(app.slashRecorder); err != nil {
		return fmt.Errorf("local staking slash recorder: %w", err)
	}
	if err := local.RegisterWithVault(app.VaultKeeper); err != nil {
		return fmt.Errorf("local staking registration: %w", err)
	}
	app.LocalStakingKeeper = local
	app.wireStakingHooks()
	return nil
}
