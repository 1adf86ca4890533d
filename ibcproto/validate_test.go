package ibcproto

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

func TestGoldenPacketsPassValidateBasic(t *testing.T) {
	for _, v := range providerVectors {
		if burn, ok := v.packet.(BurnPacket); ok && len(burn.Validators) == 0 {
			continue
		}
		require.NoError(t, v.packet.ValidateBasic(), v.name)
	}
	for _, v := range consumerVectors {
		require.NoError(t, v.packet.ValidateBasic(), v.name)
	}
}

func TestProviderValidateBasicRefusals(t *testing.T) {
	coin := NewCoin("uosmo", sdkmath.NewInt(1))
	cases := []struct {
		name   string
		packet ProviderPacket
		err    error
	}{
		{"stake without delegator", StakePacket{Validator: "v", Stake: coin}, ErrInvalidPacket},
		{"stake without validator", StakePacket{Delegator: "d", Stake: coin}, ErrInvalidPacket},
		{"stake without denom", StakePacket{Delegator: "d", Validator: "v", Stake: NewCoin("", sdkmath.NewInt(1))}, ErrInvalidPacket},
		{"stake with negative amount", StakePacket{Delegator: "d", Validator: "v", Stake: NewCoin("u", sdkmath.NewInt(-1))}, ErrInvalidAmount},
		{"stake with unset amount", StakePacket{Delegator: "d", Validator: "v", Stake: Coin{Denom: "u"}}, ErrInvalidAmount},
		{"unstake with oversized amount", UnstakePacket{Delegator: "d", Validator: "v", Unstake: NewCoin("u", mustInt("340282366920938463463374607431768211456"))}, ErrAmountOverflow},
		{"unstake without delegator", UnstakePacket{Validator: "v", Unstake: coin}, ErrInvalidPacket},
		{"burn without validators", BurnPacket{Burn: coin}, ErrInvalidPacket},
		{"burn with empty validator", BurnPacket{Validators: []string{"a", ""}, Burn: coin}, ErrInvalidPacket},
		{"burn without denom", BurnPacket{Validators: []string{"a"}, Burn: NewCoin("", sdkmath.NewInt(1))}, ErrInvalidPacket},
		{"transfer without recipient", TransferRewardsPacket{Rewards: coin}, ErrInvalidPacket},
		{"transfer with negative rewards", TransferRewardsPacket{Recipient: "r", Rewards: NewCoin("u", sdkmath.NewInt(-3))}, ErrInvalidAmount},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.ErrorIs(t, c.packet.ValidateBasic(), c.err)
		})
	}
}

func TestConsumerValidateBasicRefusals(t *testing.T) {
	coin := NewCoin("ujuno", sdkmath.NewInt(1))
	cases := []struct {
		name   string
		packet ConsumerPacket
		err    error
	}{
		{"internal unstake without delegator", InternalUnstakePacket{Validator: "v", NormalizeAmount: coin, InvertedAmount: coin}, ErrInvalidPacket},
		{"internal unstake without validator", InternalUnstakePacket{Delegator: "d", NormalizeAmount: coin, InvertedAmount: coin}, ErrInvalidPacket},
		{"internal unstake without denom", InternalUnstakePacket{Delegator: "d", Validator: "v", NormalizeAmount: coin, InvertedAmount: NewCoin("", sdkmath.NewInt(1))}, ErrInvalidPacket},
		{"internal unstake negative", InternalUnstakePacket{Delegator: "d", Validator: "v", NormalizeAmount: NewCoin("u", sdkmath.NewInt(-1)), InvertedAmount: coin}, ErrInvalidAmount},
		{"distribute without validator", DistributePacket{Rewards: coin}, ErrInvalidPacket},
		{"distribute without denom", DistributePacket{Validator: "v", Rewards: Coin{Amount: sdkmath.NewInt(1)}}, ErrInvalidPacket},
		{"batch without denom", DistributeBatchPacket{}, ErrInvalidPacket},
		{"batch entry without validator", DistributeBatchPacket{Denom: "u", Rewards: []RewardInfo{{Reward: sdkmath.NewInt(1)}}}, ErrInvalidPacket},
		{"batch entry unset", DistributeBatchPacket{Denom: "u", Rewards: []RewardInfo{{Validator: "v"}}}, ErrInvalidAmount},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.ErrorIs(t, c.packet.ValidateBasic(), c.err)
		})
	}
}

func TestEncodeRefusesAmountsThatCannotTravel(t *testing.T) {
	_, err := EncodeProviderPacket(nil)
	require.ErrorIs(t, err, ErrInvalidPacket)
	_, err = EncodeConsumerPacket(nil)
	require.ErrorIs(t, err, ErrInvalidPacket)

	_, err = EncodeProviderPacket(StakePacket{Stake: NewCoin("u", sdkmath.NewInt(-1))})
	require.ErrorIs(t, err, ErrInvalidAmount)
	_, err = EncodeProviderPacket(BurnPacket{Burn: Coin{Denom: "u"}})
	require.ErrorIs(t, err, ErrInvalidAmount)
	_, err = EncodeConsumerPacket(DistributeBatchPacket{Rewards: []RewardInfo{{Validator: "v", Reward: mustInt("340282366920938463463374607431768211456")}}, Denom: "u"})
	require.ErrorIs(t, err, ErrAmountOverflow)
	_, err = EncodeConsumerPacket(ValsetUpdatePacket{Slashed: []ValidatorSlashInfo{{SlashAmount: NewCoin("u", sdkmath.NewInt(-5))}}})
	require.ErrorIs(t, err, ErrInvalidAmount)
	_, err = EncodeConsumerPacket(InternalUnstakePacket{NormalizeAmount: NewCoin("u", sdkmath.NewInt(1))})
	require.ErrorIs(t, err, ErrInvalidAmount)
}
