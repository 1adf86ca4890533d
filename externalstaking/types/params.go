package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
)

// Defaults and upper limits of the parameters.
const (
	DefaultMaxPositionsPerUser = 20
	MaxMaxPositionsPerUser     = 200
	DefaultMaxPacketsPerBlock  = 50
	MaxMaxPacketsPerBlock      = 1000
	DefaultClientExpiryClose   = 7 * 24 * time.Hour
	DefaultPacketTimeout       = 10 * time.Minute
)

// DefaultParams returns the default parameters.
func DefaultParams() Params {
	return Params{
		MaxPositionsPerUser:       DefaultMaxPositionsPerUser,
		MaxPacketsPerBlock:        DefaultMaxPacketsPerBlock,
		CloseOnExpiredClientAfter: DefaultClientExpiryClose,
		PacketTimeout:             DefaultPacketTimeout,
	}
}

// Validate checks every bound is positive and below its upper limit.
func (p Params) Validate() error {
	switch {
	case p.MaxPositionsPerUser == 0 || p.MaxPositionsPerUser > MaxMaxPositionsPerUser:
		return errorsmod.Wrapf(ErrInvalidParams, "max_positions_per_user must be in [1, %d]", MaxMaxPositionsPerUser)
	case p.MaxPacketsPerBlock == 0 || p.MaxPacketsPerBlock > MaxMaxPacketsPerBlock:
		return errorsmod.Wrapf(ErrInvalidParams, "max_packets_per_block must be in [1, %d]", MaxMaxPacketsPerBlock)
	case p.CloseOnExpiredClientAfter <= 0:
		return errorsmod.Wrap(ErrInvalidParams, "close_on_expired_client_after must be positive")
	case p.PacketTimeout <= 0:
		return errorsmod.Wrap(ErrInvalidParams, "packet_timeout must be positive")
	}
	return nil
}
