package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// Upper limits of the per-block and per-epoch bounds, enforced in genesis and MsgUpdateParams so
// governance cannot make one block do unbounded work.
const (
	MaxValidatorsPerBlock = 1000
	MaxAccountsPerPairing = 16
	MaxUnwindBatch        = 1000
)

// DefaultParams: an epoch every 100 blocks, virtual stake at most a third of the bonded tokens,
// 100 validators per block, 4 accounts per pairing (so 4 × x/staking's entry limit undelegations
// per validator fit in one unbonding period) and 100 unwound requests per epoch.
func DefaultParams() Params {
	return Params{
		EpochLength:        100,
		MaxVirtualFraction: math.LegacyNewDecWithPrec(333, 3),
		ValidatorsPerBlock: 100,
		AccountsPerPairing: 4,
		UnwindBatch:        100,
	}
}

// Validate checks every parameter against its bounds.
func (p Params) Validate() error {
	switch {
	case p.EpochLength == 0:
		return errorsmod.Wrap(ErrInvalidParams, "epoch_length must be positive")
	case p.MaxVirtualFraction.IsNil() || p.MaxVirtualFraction.IsNegative() || p.MaxVirtualFraction.GTE(math.LegacyOneDec()):
		return errorsmod.Wrap(ErrInvalidParams, "max_virtual_fraction must be in [0, 1)")
	case p.ValidatorsPerBlock == 0 || p.ValidatorsPerBlock > MaxValidatorsPerBlock:
		return errorsmod.Wrapf(ErrInvalidParams, "validators_per_block must be in [1, %d]", MaxValidatorsPerBlock)
	case p.AccountsPerPairing == 0 || p.AccountsPerPairing > MaxAccountsPerPairing:
		return errorsmod.Wrapf(ErrInvalidParams, "accounts_per_pairing must be in [1, %d]", MaxAccountsPerPairing)
	case p.UnwindBatch == 0 || p.UnwindBatch > MaxUnwindBatch:
		return errorsmod.Wrapf(ErrInvalidParams, "unwind_batch must be in [1, %d]", MaxUnwindBatch)
	}
	return nil
}
