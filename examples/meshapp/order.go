package meshapp

import (
	evidencetypes "cosmossdk.io/x/evidence/types"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	consensusparamtypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	paramstypes "github.com/cosmos/cosmos-sdk/x/params/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	externalstakingtypes "github.com/meshsecurity/mesh/externalstaking/types"
	localstakingtypes "github.com/meshsecurity/mesh/localstaking/types"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
	virtualstakingtypes "github.com/meshsecurity/mesh/virtualstaking/types"
)

// setModuleOrder sets the order in which modules run in each ABCI phase. extra modules (from
// options) run after the standard ones in every phase.
func setModuleOrder(mm *module.Manager, extra []string) {
	mm.SetOrderPreBlockers(upgradetypes.ModuleName)
	mm.SetOrderBeginBlockers(append(beginBlockOrder(), extra...)...)
	mm.SetOrderEndBlockers(append(endBlockOrder(), extra...)...)
	genesis := append(genesisOrder(), extra...)
	mm.SetOrderInitGenesis(genesis...)
	mm.SetOrderExportGenesis(genesis...)
}

// beginBlockOrder is the begin-block order.
//
//   - capability first: it rebuilds its in-memory index, which every IBC module reads.
//   - mint before distribution, so this block's inflation is in the fee collector when
//     distribution allocates it.
//   - distribution before slashing and evidence, so rewards for the last block are allocated to
//     the validators that signed it before any of them is slashed or jailed in this block.
//   - slashing (downtime, from the last commit) and evidence (double signs, from misbehaviour)
//     before staking, so staking's historical info records the set after this block's jailing.
//   - Mesh Security modules that react to slashes observed in this block come after evidence;
//     virtual staking records the block's time there, for the infraction times of later slashes.
func beginBlockOrder() []string {
	return []string{
		capabilitytypes.ModuleName,
		minttypes.ModuleName,
		distrtypes.ModuleName,
		slashingtypes.ModuleName,
		evidencetypes.ModuleName,
		virtualstakingtypes.ModuleName,
		stakingtypes.ModuleName,
		ibcexported.ModuleName,
		ibctransfertypes.ModuleName,
		genutiltypes.ModuleName,
		authtypes.ModuleName,
		banktypes.ModuleName,
		govtypes.ModuleName,
		paramstypes.ModuleName,
		consensusparamtypes.ModuleName,
		upgradetypes.ModuleName,
	}
}

// endBlockOrder is the end-block order.
//
//   - gov first, so a passed proposal's parameter change applies within this block.
//   - the vault's settlement crank before staking: the burns it propagates to local stake
//     (unbond-and-burn) change delegations, which staking must see when it computes this block's
//     validator updates.
//   - staking returns this block's validator updates; any module that changes delegations in
//     its end-blocker (local staking's unbonding batches)
//     must run before staking so the change reaches CometBFT in this block.
//   - virtual staking right after staking: it sweeps unbonding entries staking just matured, and
//     its epochs' delegation changes reach CometBFT with the next block's updates.
//   - modules that report validator-set changes over IBC (Mesh Security's consumer end) run after
//     staking, so they see the updates staking just computed, and send from their outbox here; external
//     staking and the converter flush their outboxes there too.
func endBlockOrder() []string {
	return []string{
		govtypes.ModuleName,
		vaulttypes.ModuleName,
		localstakingtypes.ModuleName,
		stakingtypes.ModuleName,
		virtualstakingtypes.ModuleName,
		ibcexported.ModuleName,
		ibctransfertypes.ModuleName,
		externalstakingtypes.ModuleName,
		convertertypes.ModuleName,
		capabilitytypes.ModuleName,
		genutiltypes.ModuleName,
		authtypes.ModuleName,
		banktypes.ModuleName,
		distrtypes.ModuleName,
		slashingtypes.ModuleName,
		minttypes.ModuleName,
		evidencetypes.ModuleName,
		paramstypes.ModuleName,
		consensusparamtypes.ModuleName,
		upgradetypes.ModuleName,
	}
}

// genesisOrder is the InitGenesis and ExportGenesis order.
//
//   - capability first: modules claim capabilities (IBC binds ports) in their InitGenesis.
//   - auth and bank before anything that moves tokens.
//   - distribution before staking: staking's InitGenesis runs validator hooks that create the
//     distribution records of each validator.
//   - slashing after staking, so it can index the validators' consensus keys.
//   - genutil after staking, bank and auth: it delivers the genesis transactions.
//   - Mesh Security modules go after staking and IBC (they read validators and bind ports).
func genesisOrder() []string {
	return []string{
		capabilitytypes.ModuleName,
		authtypes.ModuleName,
		banktypes.ModuleName,
		distrtypes.ModuleName,
		stakingtypes.ModuleName,
		slashingtypes.ModuleName,
		govtypes.ModuleName,
		minttypes.ModuleName,
		ibcexported.ModuleName,
		genutiltypes.ModuleName,
		evidencetypes.ModuleName,
		ibctransfertypes.ModuleName,
		vaulttypes.ModuleName,
		localstakingtypes.ModuleName,
		externalstakingtypes.ModuleName,
		virtualstakingtypes.ModuleName,
		convertertypes.ModuleName,
		paramstypes.ModuleName,
		upgradetypes.ModuleName,
		consensusparamtypes.ModuleName,
	}
}
