package ibcproto

import (
	errorsmod "cosmossdk.io/errors"
)

// ValidateBasic refuses empty addresses and invalid coins. A zero amount and address formats are
// left to the receiver, which knows its chain's prefixes.
func (p StakePacket) ValidateBasic() error {
	return validateDelegation(VariantStake, p.Delegator, p.Validator, p.Stake)
}

// ValidateBasic refuses empty addresses and invalid coins.
func (p UnstakePacket) ValidateBasic() error {
	return validateDelegation(VariantUnstake, p.Delegator, p.Validator, p.Unstake)
}

// ValidateBasic refuses an empty validator list, an empty validator name and an invalid coin.
func (p BurnPacket) ValidateBasic() error {
	if len(p.Validators) == 0 {
		return errorsmod.Wrap(ErrInvalidPacket, "burn: no validators")
	}
	for i, v := range p.Validators {
		if v == "" {
			return errorsmod.Wrapf(ErrInvalidPacket, "burn: validators[%d] is empty", i)
		}
	}
	return wrapCoin(VariantBurn, "burn", p.Burn.Validate())
}

// ValidateBasic refuses an empty recipient and an invalid coin.
func (p TransferRewardsPacket) ValidateBasic() error {
	if p.Recipient == "" {
		return errorsmod.Wrap(ErrInvalidPacket, "transfer_rewards: recipient is empty")
	}
	return wrapCoin(VariantTransferRewards, "rewards", p.Rewards.Validate())
}

func validateDelegation(variant, delegator, validator string, c Coin) error {
	if err := requireNonEmpty(variant, "delegator", delegator); err != nil {
		return err
	}
	if err := requireNonEmpty(variant, "validator", validator); err != nil {
		return err
	}
	return wrapCoin(variant, variant, c.Validate())
}

// requireNonEmpty refuses an empty string field.
func requireNonEmpty(variant, field, value string) error {
	if value == "" {
		return errorsmod.Wrapf(ErrInvalidPacket, "%s: %s is empty", variant, field)
	}
	return nil
}

// wrapCoin names the coin field in a coin validation error.
func wrapCoin(variant, field string, err error) error {
	if err == nil {
		return nil
	}
	return errorsmod.Wrapf(err, "%s.%s", variant, field)
}
