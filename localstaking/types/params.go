package types

import errorsmod "cosmossdk.io/errors"

const (
	// DefaultMaxBatchesPerBlock is how many unbonding batches EndBlock sends by default.
	DefaultMaxBatchesPerBlock = 50
	// MaxBatchesPerBlockLimit is the highest max_batches_per_block genesis or governance may set:
	// EndBlock is unmetered, so the work it does per block stays bounded whatever the parameters say.
	MaxBatchesPerBlockLimit = 500
	// DefaultMaxPositionsPerUser is how many validators one user may hold stake with by default.
	DefaultMaxPositionsPerUser = 32
	// MaxPositionsPerUserLimit is the highest max_positions_per_user genesis or governance may set:
	// valuing a user after a slash reads every position, so positions per user stay bounded.
	MaxPositionsPerUserLimit = 128
)

// DefaultParams returns the default parameters.
func DefaultParams() Params {
	return Params{MaxBatchesPerBlock: DefaultMaxBatchesPerBlock, MaxPositionsPerUser: DefaultMaxPositionsPerUser}
}

// Validate checks that every bound is positive and within its limit.
func (p Params) Validate() error {
	if p.MaxBatchesPerBlock == 0 || p.MaxBatchesPerBlock > MaxBatchesPerBlockLimit {
		return errorsmod.Wrapf(ErrInvalidParams, "max_batches_per_block %d must be in [1, %d]",
			p.MaxBatchesPerBlock, MaxBatchesPerBlockLimit)
	}
	if p.MaxPositionsPerUser == 0 || p.MaxPositionsPerUser > MaxPositionsPerUserLimit {
		return errorsmod.Wrapf(ErrInvalidParams, "max_positions_per_user %d must be in [1, %d]",
			p.MaxPositionsPerUser, MaxPositionsPerUserLimit)
	}
	return nil
}
