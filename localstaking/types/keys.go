package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the local staking module's name, store key and custody module account.
	ModuleName = "localstaking"
	// StoreKey is the module's store key.
	StoreKey = ModuleName
)

// Collections prefixes. They are part of the state format: never renumber them.
var (
	ParamsKey     = collections.NewPrefix(0)
	AccountsKey   = collections.NewPrefix(1)
	OwnersKey     = collections.NewPrefix(2)
	PositionsKey  = collections.NewPrefix(3)
	UnbondingsKey = collections.NewPrefix(4)
	HoldingsKey   = collections.NewPrefix(5)
	BatchQueueKey = collections.NewPrefix(6)
	// SlashEpochKey, ValidatorSlashesKey and ValuedKey hold the slash tracking that lets a user
	// with nothing new be settled in constant time.
	SlashEpochKey       = collections.NewPrefix(7)
	ValidatorSlashesKey = collections.NewPrefix(8)
	ValuedKey           = collections.NewPrefix(9)
)
