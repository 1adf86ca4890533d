package ibcproto

import sdkmath "cosmossdk.io/math"

// ProviderPacket is a packet the provider sends to the consumer: exactly one of StakePacket,
// UnstakePacket, BurnPacket or TransferRewardsPacket. The set is sealed, so a value is always
// exactly one variant; switch on the concrete type to handle it.
type ProviderPacket interface {
	// Variant returns the packet's snake_case variant name on the wire.
	Variant() string
	// ValidateBasic refuses a packet that can never be right, whatever the receiver's state.
	ValidateBasic() error

	amounts() []sdkmath.Int
	appendBody(buf []byte) []byte
	isProviderPacket()
}

// Wire names of the provider packet variants.
const (
	VariantStake           = "stake"
	VariantUnstake         = "unstake"
	VariantBurn            = "burn"
	VariantTransferRewards = "transfer_rewards"
)

// StakePacket asks the consumer to back Validator with more virtual stake for Delegator. Stake
// is in the provider's denom; TxID is the provider's pending-operation id, opaque to the consumer.
type StakePacket struct {
	Delegator string
	Validator string
	Stake     Coin
	TxID      uint64
}

// UnstakePacket asks the consumer to start unbonding virtual stake of Delegator on Validator.
// Unstake is in the provider's denom; TxID is opaque to the consumer.
type UnstakePacket struct {
	Delegator string
	Validator string
	Unstake   Coin
	TxID      uint64
}

// BurnPacket asks the consumer to burn virtual stake split evenly over Validators, after a slash
// propagated in the provider's vault. It is not transactional: the provider only logs its outcome.
type BurnPacket struct {
	Validators []string
	Burn       Coin
}

// TransferRewardsPacket asks the consumer to send Rewards (in the consumer's denom, previously
// reported by a distribute packet) to Recipient, an address on the consumer chain.
type TransferRewardsPacket struct {
	Rewards   Coin
	Recipient string
	TxID      uint64
}

// Variant implements ProviderPacket.
func (StakePacket) Variant() string { return VariantStake }

// Variant implements ProviderPacket.
func (UnstakePacket) Variant() string { return VariantUnstake }

// Variant implements ProviderPacket.
func (BurnPacket) Variant() string { return VariantBurn }

// Variant implements ProviderPacket.
func (TransferRewardsPacket) Variant() string { return VariantTransferRewards }

func (StakePacket) isProviderPacket()           {}
func (UnstakePacket) isProviderPacket()         {}
func (BurnPacket) isProviderPacket()            {}
func (TransferRewardsPacket) isProviderPacket() {}

func (p StakePacket) amounts() []sdkmath.Int           { return []sdkmath.Int{p.Stake.Amount} }
func (p UnstakePacket) amounts() []sdkmath.Int         { return []sdkmath.Int{p.Unstake.Amount} }
func (p BurnPacket) amounts() []sdkmath.Int            { return []sdkmath.Int{p.Burn.Amount} }
func (p TransferRewardsPacket) amounts() []sdkmath.Int { return []sdkmath.Int{p.Rewards.Amount} }
