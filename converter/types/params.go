package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
)

// Defaults and upper limits of the parameters.
const (
	DefaultMaxPacketsPerBlock = 50
	MaxMaxPacketsPerBlock     = 1000
	DefaultMaxReportsPerBlock = 200
	MaxMaxReportsPerBlock     = 5000
	DefaultPacketTimeout      = time.Hour
	DefaultValsetTimeout      = 24 * time.Hour
)

// DefaultParams returns the default parameters.
func DefaultParams() Params {
	return Params{
		MaxPacketsPerBlock: DefaultMaxPacketsPerBlock,
		MaxReportsPerBlock: DefaultMaxReportsPerBlock,
		PacketTimeout:      DefaultPacketTimeout,
		ValsetTimeout:      DefaultValsetTimeout,
	}
}

// Validate checks every bound is positive and below its upper limit.
func (p Params) Validate() error {
	switch {
	case p.MaxPacketsPerBlock == 0 || p.MaxPacketsPerBlock > MaxMaxPacketsPerBlock:
		return errorsmod.Wrapf(ErrInvalidParams, "max_packets_per_block must be in [1, %d]", MaxMaxPacketsPerBlock)
	case p.MaxReportsPerBlock == 0 || p.MaxReportsPerBlock > MaxMaxReportsPerBlock:
		return errorsmod.Wrapf(ErrInvalidParams, "max_reports_per_block must be in [1, %d]", MaxMaxReportsPerBlock)
	case p.PacketTimeout <= 0:
		return errorsmod.Wrap(ErrInvalidParams, "packet_timeout must be positive")
	case p.ValsetTimeout <= 0:
		return errorsmod.Wrap(ErrInvalidParams, "valset_timeout must be positive")
	}
	return nil
}
