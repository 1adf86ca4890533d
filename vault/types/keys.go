package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the vault's module name, module account name and store key.
	ModuleName = "vault"
	// StoreKey is the vault's store key.
	StoreKey = ModuleName
)

// Collections prefixes. They are part of the state format: never renumber them.
var (
	ParamsKey          = collections.NewPrefix(0)
	AccountsKey        = collections.NewPrefix(1)
	LiensKey           = collections.NewPrefix(2)
	PendingLiensKey    = collections.NewPrefix(3)
	PendingByOwnerKey  = collections.NewPrefix(4)
	NextPendingIDKey   = collections.NewPrefix(5)
	LentKey            = collections.NewPrefix(6)
	SettlementQueueKey = collections.NewPrefix(7)
	CrankCursorKey     = collections.NewPrefix(8)
)
