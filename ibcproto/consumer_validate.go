package ibcproto

import (
	errorsmod "cosmossdk.io/errors"
)

// ValidateBasic accepts every valset update: nothing at packet level can never be right, and
// entries are judged one by one by ValidEntries so that a bad entry is skipped, not fatal.
func (p ValsetUpdatePacket) ValidateBasic() error {
	return nil
}

// ValidateBasic refuses empty addresses and invalid coins.
func (p InternalUnstakePacket) ValidateBasic() error {
	if err := requireNonEmpty(VariantInternalUnstake, "delegator", p.Delegator); err != nil {
		return err
	}
	if err := requireNonEmpty(VariantInternalUnstake, "validator", p.Validator); err != nil {
		return err
	}
	if err := wrapCoin(VariantInternalUnstake, "normalize_amount", p.NormalizeAmount.Validate()); err != nil {
		return err
	}
	return wrapCoin(VariantInternalUnstake, "inverted_amount", p.InvertedAmount.Validate())
}

// ValidateBasic refuses an empty validator and an invalid coin.
func (p DistributePacket) ValidateBasic() error {
	if err := requireNonEmpty(VariantDistribute, "validator", p.Validator); err != nil {
		return err
	}
	return wrapCoin(VariantDistribute, "rewards", p.Rewards.Validate())
}

// ValidateBasic refuses an empty denom, an entry without a validator and an amount that cannot
// travel. Whether the denom is the pairing's is left to the receiver.
func (p DistributeBatchPacket) ValidateBasic() error {
	if err := requireNonEmpty(VariantDistributeBatch, "denom", p.Denom); err != nil {
		return err
	}
	for i, r := range p.Rewards {
		if r.Validator == "" {
			return errorsmod.Wrapf(ErrInvalidPacket, "distribute_batch: rewards[%d].validator is empty", i)
		}
		if err := checkAmount(r.Reward); err != nil {
			return errorsmod.Wrapf(err, "distribute_batch: rewards[%d].reward", i)
		}
	}
	return nil
}
