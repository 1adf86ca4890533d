package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the virtual staking module's name, store key and module account (Minter and
	// Burner only: it mints what it delegates and burns what comes back).
	ModuleName = "virtualstaking"
	// StoreKey is the module's store key.
	StoreKey = ModuleName
)

// Collections prefixes. They are part of the state format: never renumber them.
var (
	ParamsKey      = collections.NewPrefix(0)
	NextEpochKey   = collections.NewPrefix(1)
	SuppliesKey    = collections.NewPrefix(2)
	TargetsKey     = collections.NewPrefix(3)
	SharesKey      = collections.NewPrefix(4)
	PendingKey     = collections.NewPrefix(5)
	RunKey         = collections.NewPrefix(6)
	RunPairingsKey = collections.NewPrefix(7)
	RunRewardsKey  = collections.NewPrefix(8)
	DebtsKey       = collections.NewPrefix(9)
	LastValuesKey  = collections.NewPrefix(10)
	BookedKey      = collections.NewPrefix(11)
)
