package types

import errorsmod "cosmossdk.io/errors"

// DefaultMaxBatchesPerBlock is how many unbonding batches EndBlock sends by default.
const DefaultMaxBatchesPerBlock = 50

// DefaultParams returns the default parameters.
func DefaultParams() Params {
	return Params{MaxBatchesPerBlock: DefaultMaxBatchesPerBlock}
}

// Validate checks the parameters.
func (p Params) Validate() error {
	if p.MaxBatchesPerBlock == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "max_batches_per_block must be positive")
	}
	return nil
}
