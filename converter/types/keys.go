package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the converter module's name, store key and module account.
	ModuleName = "converter"
	// StoreKey is the module's store key.
	StoreKey = ModuleName
	// PortID is the port the consumer end of the Mesh Security channel binds.
	PortID = "meshconsumer"
	// DefaultCounterpartyPort is the provider's default port.
	DefaultCounterpartyPort = "meshprovider"
)

// Collections prefixes. They are part of the state format: never renumber them.
var (
	ParamsKey          = collections.NewPrefix(0)
	PairingsKey        = collections.NewPrefix(1)
	ChannelsKey        = collections.NewPrefix(2)
	OpeningKey         = collections.NewPrefix(3)
	RequestsKey        = collections.NewPrefix(4)
	ValidatorTotalsKey = collections.NewPrefix(5)
	PairingTotalsKey   = collections.NewPrefix(6)
	BurnedKey          = collections.NewPrefix(7)
	RewardReserveKey   = collections.NewPrefix(8)
	PendingRewardsKey  = collections.NewPrefix(9)
	ReportsKey         = collections.NewPrefix(10)
	ReportSeqKey       = collections.NewPrefix(11)
	OutboxKey          = collections.NewPrefix(12)
	OutboxSeqKey       = collections.NewPrefix(13)
	ValsetDraftsKey    = collections.NewPrefix(14)
	InFlightKey        = collections.NewPrefix(15)
	ValsetInFlightKey  = collections.NewPrefix(16)
	RequestIndexKey    = collections.NewPrefix(17)
	RetiringKey        = collections.NewPrefix(18)
)
