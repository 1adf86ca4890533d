package meshapp

import (
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	ibctransfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	localstakingtypes "github.com/meshsecurity/mesh/localstaking/types"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
	virtualstakingtypes "github.com/meshsecurity/mesh/virtualstaking/types"
)

// moduleAccountPermissions returns the permissions of every module account. A module that
// holds tokens needs an entry here even with no permission, or x/auth will not create its
// account. Grant the least that works:
//
//   - Minter lets a module create tokens (x/mint for inflation; ICS-20 for vouchers).
//   - Burner lets a module destroy tokens it holds (the staking pools burn slashed stake;
//     ICS-20 burns returning vouchers; gov burns deposits of rejected proposals).
//   - Staking lets a module delegate and undelegate from its own balance (the two staking pools;
//     a Mesh Security module that stakes on behalf of users needs it too).
//
// The vault needs Staking because it takes collateral with x/bank's DelegateCoins, so locked
// vesting tokens can be bonded, and Burner to destroy collateral lost to a cross-slash.
func moduleAccountPermissions() map[string][]string {
	return map[string][]string{
		authtypes.FeeCollectorName:     nil,
		distrtypes.ModuleName:          nil,
		minttypes.ModuleName:           {authtypes.Minter},
		stakingtypes.BondedPoolName:    {authtypes.Burner, authtypes.Staking},
		stakingtypes.NotBondedPoolName: {authtypes.Burner, authtypes.Staking},
		govtypes.ModuleName:            {authtypes.Burner},
		ibctransfertypes.ModuleName:    {authtypes.Minter, authtypes.Burner},
		vaulttypes.ModuleName:          {authtypes.Burner, authtypes.Staking},
		// The vault sends a local stake straight to the user's derived account, which delegates;
		// local staking's module account only holds tokens on their way back to the vault or to
		// being burned when the vault propagates a loss (hence Burner).
		localstakingtypes.ModuleName: {authtypes.Burner},
		// Virtual staking mints what it delegates and burns what comes back; its derived delegator
		// accounts are not module accounts.
		virtualstakingtypes.ModuleName: {authtypes.Minter, authtypes.Burner},
		// The converter holds each provider pairing's reward reserve until transfer_rewards pays it.
		convertertypes.ModuleName: nil,
	}
}

// ModuleAccountPermissions returns a copy of the app's module account permissions, for tools and
// tests that need to know which module accounts exist.
func ModuleAccountPermissions() map[string][]string {
	return moduleAccountPermissions()
}

// blockedAddresses returns the module accounts that x/bank refuses to send to, so users cannot
// push tokens into a module behind its back (which would break its accounting invariants).
// The gov account stays open because community-pool spends and deposits are sent to it.
func blockedAddresses() map[string]bool {
	blocked := make(map[string]bool)
	for name := range moduleAccountPermissions() {
		if name == govtypes.ModuleName {
			continue
		}
		blocked[authtypes.NewModuleAddress(name).String()] = true
	}
	return blocked
}
