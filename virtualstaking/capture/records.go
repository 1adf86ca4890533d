package capture

import (
	"time"

	"cosmossdk.io/math"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
)

// Event is one captured chain event waiting in the queue: a validator change or a slash.
type Event struct {
	// Change is set for a validator change.
	Change *convertertypes.ValidatorChange `json:"change,omitempty"`
	// Slash is set for a slash.
	Slash *Slash `json:"slash,omitempty"`
}

// Slash is one slash seen by the decorator, with the virtual stake it took per pairing.
type Slash struct {
	// Valoper is the slashed validator's operator address.
	Valoper string `json:"valoper"`
	// InfractionHeight is the height of the infraction: the distribution height x/slashing passed
	// plus the validator update delay.
	InfractionHeight int64 `json:"infraction_height"`
	// InfractionTime is the time of the block at InfractionHeight.
	InfractionTime time.Time `json:"infraction_time"`
	// Power is the validator's consensus power at the infraction.
	Power int64 `json:"power"`
	// Fraction is the nominal fraction x/slashing asked for.
	Fraction math.LegacyDec `json:"fraction"`
	// Reason is x/slashing's infraction kind.
	Reason stakingtypes.Infraction `json:"reason"`
	// Tombstoned is set at the end of the block when the validator was tombstoned.
	Tombstoned bool `json:"tombstoned"`
	// Pairings are the pairings that had virtual stake on the validator, each with the value the
	// slash took (value before minus value after).
	Pairings []PairingValue `json:"pairings"`
}

// virtualSlash is the slash as reported for one pairing.
func (s Slash) virtualSlash(amount math.Int) convertertypes.VirtualSlash {
	return convertertypes.VirtualSlash{
		Valoper:          s.Valoper,
		InfractionHeight: s.InfractionHeight,
		InfractionTime:   s.InfractionTime,
		Power:            s.Power,
		SlashRatio:       s.Fraction,
		LocalAmount:      amount,
		Tombstoned:       s.Tombstoned,
	}
}

// ValidatorStatus is the last validator-set change the hooks saw for a validator.
type ValidatorStatus int

const (
	// StatusBonded is a validator that entered the active set.
	StatusBonded ValidatorStatus = iota + 1
	// StatusUnbonding is a validator that left the active set.
	StatusUnbonding
)

// ValidatorState is the last change the hooks recorded for a validator and its height. A validator
// x/staking deleted has none.
type ValidatorState struct {
	// Status is the last change.
	Status ValidatorStatus `json:"status"`
	// Height is the block height at which it happened.
	Height int64 `json:"height"`
}
