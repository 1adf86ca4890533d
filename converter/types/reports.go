package types

import (
	"time"

	"cosmossdk.io/math"
)

// ValidatorChangeKind names one kind of validator-set change the converter reports to its providers
// in a valset_update.
type ValidatorChangeKind int

const (
	// ValidatorAdded is a validator that entered the active set (reported with its consensus key).
	ValidatorAdded ValidatorChangeKind = iota + 1
	// ValidatorRemoved is a validator that left the active set.
	ValidatorRemoved
	// ValidatorKeyUpdated is a validator whose consensus key changed (reported with the new key).
	ValidatorKeyUpdated
	// ValidatorJailed is a validator jailed by x/slashing.
	ValidatorJailed
	// ValidatorUnjailed is a validator released from jail.
	ValidatorUnjailed
	// ValidatorTombstoned is a validator tombstoned for double-signing.
	ValidatorTombstoned
)

// ValidatorChange is one chain event about a local validator, the same for every provider pairing.
type ValidatorChange struct {
	// Kind says what happened.
	Kind ValidatorChangeKind
	// Valoper is the validator's operator address in this chain's bech32 form.
	Valoper string
	// ConsensusPubKey is the raw 32-byte ed25519 consensus key, set for additions and key updates
	// (D6: it travels as base64 of these bytes).
	ConsensusPubKey []byte
}

// VirtualSlash is one slash of a validator that backed a pairing's virtual stake, measured by virtual
// staking in local tokens; the converter converts the amount to the provider's denom with the
// reference's invert before reporting it.
type VirtualSlash struct {
	// Valoper is the slashed validator.
	Valoper string
	// InfractionHeight and InfractionTime locate the infraction (D12: not the distribution height).
	InfractionHeight int64
	InfractionTime   time.Time
	// Power is the validator's power at the infraction.
	Power int64
	// SlashRatio is the nominal fraction x/slashing applied.
	SlashRatio math.LegacyDec
	// LocalAmount is the pairing's virtual stake the slash took (value before minus after,
	// unbonding entries included), in local tokens.
	LocalAmount math.Int
	// Tombstoned is true when the same infraction tombstoned the validator (double-sign).
	Tombstoned bool
}

// ValidatorReward is the reward a pairing's virtual delegations earned from one validator during an
// epoch, in local tokens.
type ValidatorReward struct {
	// Valoper is the validator that paid the reward.
	Valoper string
	// Amount is the reward in the chain's bond denom.
	Amount math.Int
}
