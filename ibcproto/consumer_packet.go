package ibcproto

import sdkmath "cosmossdk.io/math"

// ConsumerPacket is a packet the consumer sends to the provider: exactly one of
// ValsetUpdatePacket, InternalUnstakePacket, DistributePacket or DistributeBatchPacket. The set is
// sealed, so a value is always exactly one variant; switch on the concrete type to handle it.
type ConsumerPacket interface {
	// Variant returns the packet's snake_case variant name on the wire.
	Variant() string
	// ValidateBasic refuses a packet that can never be right, whatever the receiver's state.
	ValidateBasic() error

	amounts() []sdkmath.Int
	appendBody(buf []byte) []byte
	isConsumerPacket()
}

// Wire names of the consumer packet variants.
const (
	VariantValsetUpdate    = "valset_update"
	VariantInternalUnstake = "internal_unstake"
	VariantDistribute      = "distribute"
	VariantDistributeBatch = "distribute_batch"
)

// ValsetUpdatePacket reports changes of the consumer's validator set at Height and Time (unix
// seconds). Each list entry stands alone: use ValidEntries to drop bad entries instead of
// refusing the packet, so one bad entry cannot silence the others (slashes in particular).
type ValsetUpdatePacket struct {
	Height     uint64
	Time       uint64
	Additions  []AddValidator
	Removals   []string
	Updated    []AddValidator
	Jailed     []string
	Unjailed   []string
	Tombstoned []string
	Slashed    []ValidatorSlashInfo
}

// AddValidator names a validator by operator address with its consensus key.
type AddValidator struct {
	Valoper string
	PubKey  ConsensusPubKey
}

// ValidatorSlashInfo reports one slash of a consumer validator. SlashAmount is already in the
// provider's denom; SlashRatio is the nominal ratio as a decimal string (for example "0.05").
type ValidatorSlashInfo struct {
	Address          string
	InfractionHeight uint64
	InfractionTime   uint64
	Power            uint64
	SlashAmount      Coin
	SlashRatio       string
}

// InternalUnstakePacket tells the provider that the consumer unbonded Delegator's virtual stake on
// Validator (the zero-max-cap flow). NormalizeAmount is in the consumer's denom, InvertedAmount
// in the provider's.
type InternalUnstakePacket struct {
	Delegator       string
	Validator       string
	NormalizeAmount Coin
	InvertedAmount  Coin
}

// DistributePacket reports Rewards held on the consumer for the cross-stakers of Validator.
type DistributePacket struct {
	Validator string
	Rewards   Coin
}

// DistributeBatchPacket reports rewards in Denom for several validators at once.
type DistributeBatchPacket struct {
	Rewards []RewardInfo
	Denom   string
}

// RewardInfo is one validator's share of a distribute batch.
type RewardInfo struct {
	Validator string
	Reward    sdkmath.Int
}

// Variant implements ConsumerPacket.
func (ValsetUpdatePacket) Variant() string { return VariantValsetUpdate }

// Variant implements ConsumerPacket.
func (InternalUnstakePacket) Variant() string { return VariantInternalUnstake }

// Variant implements ConsumerPacket.
func (DistributePacket) Variant() string { return VariantDistribute }

// Variant implements ConsumerPacket.
func (DistributeBatchPacket) Variant() string { return VariantDistributeBatch }

func (ValsetUpdatePacket) isConsumerPacket()    {}
func (InternalUnstakePacket) isConsumerPacket() {}
func (DistributePacket) isConsumerPacket()      {}
func (DistributeBatchPacket) isConsumerPacket() {}

func (p ValsetUpdatePacket) amounts() []sdkmath.Int {
	out := make([]sdkmath.Int, 0, len(p.Slashed))
	for _, s := range p.Slashed {
		out = append(out, s.SlashAmount.Amount)
	}
	return out
}

func (p InternalUnstakePacket) amounts() []sdkmath.Int {
	return []sdkmath.Int{p.NormalizeAmount.Amount, p.InvertedAmount.Amount}
}

func (p DistributePacket) amounts() []sdkmath.Int { return []sdkmath.Int{p.Rewards.Amount} }

func (p DistributeBatchPacket) amounts() []sdkmath.Int {
	out := make([]sdkmath.Int, 0, len(p.Rewards))
	for _, r := range p.Rewards {
		out = append(out, r.Reward)
	}
	return out
}
