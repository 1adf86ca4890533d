package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the external staking module's name and store key.
	ModuleName = "externalstaking"
	// StoreKey is the module's store key.
	StoreKey = ModuleName
	// PortID is the default port the provider end of the Mesh Security channel binds.
	PortID = "meshprovider"
	// DefaultCounterpartyPort is the consumer's default port.
	DefaultCounterpartyPort = "meshconsumer"
)

// FirstOwnTxID is the first id the module gives its own pending operations (unstakes, reward
// withdrawals). Stakes reuse the vault's pending-lien ids, which count up from 1, so the two id
// spaces never meet.
const FirstOwnTxID uint64 = 1 << 63

// Collections prefixes. They are part of the state format: never renumber them.
var (
	ParamsKey        = collections.NewPrefix(0)
	PairingsKey      = collections.NewPrefix(1)
	ChannelsKey      = collections.NewPrefix(2)
	PositionsKey     = collections.NewPrefix(3)
	PositionCountKey = collections.NewPrefix(4)
	ValidatorsKey    = collections.NewPrefix(5)
	SlashesKey       = collections.NewPrefix(6)
	SlashedHeightKey = collections.NewPrefix(7)
	PendingTxsKey    = collections.NewPrefix(8)
	TxSeqKey         = collections.NewPrefix(9)
	OutboxKey        = collections.NewPrefix(10)
	OutboxSeqKey     = collections.NewPrefix(11)
	LastSlashedKey   = collections.NewPrefix(12)
	PendingByUserKey = collections.NewPrefix(13)
	OpeningKey       = collections.NewPrefix(14)
	OutboxCursorKey  = collections.NewPrefix(15)
	SlashGuardsKey   = collections.NewPrefix(16)
	SlashQueueKey    = collections.NewPrefix(17)
	QueuedForValKey  = collections.NewPrefix(18)
	CrossStakeKey    = collections.NewPrefix(19)
)
