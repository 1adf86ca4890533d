package meshapp

import (
	storetypes "cosmossdk.io/store/types"
	evidencetypes "cosmossdk.io/x/evidence/types"
	upgradetypes "cosmossdk.io/x/upgrade/types"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	consensusparamtypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
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

// kvStoreNames lists the persistent stores of the standard modules. A new component adds its
// StoreKey here (or through an Option, for extensions built outside this package).
func kvStoreNames() []string {
	return []string{
		authtypes.StoreKey,
		banktypes.StoreKey,
		stakingtypes.StoreKey,
		minttypes.StoreKey,
		distrtypes.StoreKey,
		slashingtypes.StoreKey,
		govtypes.StoreKey,
		paramstypes.StoreKey,
		consensusparamtypes.StoreKey,
		upgradetypes.StoreKey,
		evidencetypes.StoreKey,
		capabilitytypes.StoreKey,
		ibcexported.StoreKey,
		ibctransfertypes.StoreKey,
		vaulttypes.StoreKey,
		localstakingtypes.StoreKey,
		externalstakingtypes.StoreKey,
		virtualstakingtypes.StoreKey,
		convertertypes.StoreKey,
	}
}

// storeKeys holds every store the app mounts, by kind.
type storeKeys struct {
	kv        map[string]*storetypes.KVStoreKey
	transient map[string]*storetypes.TransientStoreKey
	memory    map[string]*storetypes.MemoryStoreKey
}

// newStoreKeys creates the store keys of the standard modules plus the extra persistent stores
// requested by options.
func newStoreKeys(extraKV []string) storeKeys {
	names := append(kvStoreNames(), extraKV...)
	return storeKeys{
		kv:        storetypes.NewKVStoreKeys(names...),
		transient: storetypes.NewTransientStoreKeys(paramstypes.TStoreKey),
		// The capability module keeps its in-memory index in a memory store; it must be
		// mounted, and it is rebuilt from the persistent store on the first block after a restart.
		memory: storetypes.NewMemoryStoreKeys(capabilitytypes.MemStoreKey),
	}
}
