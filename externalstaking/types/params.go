package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// Defaults and upper limits of the parameters.
const (
	DefaultMaxPositionsPerUser = 20
	MaxMaxPositionsPerUser     = 200
	DefaultMaxPacketsPerBlock  = 50
	MaxMaxPacketsPerBlock      = 1000
	DefaultClientExpiryClose   = 7 * 24 * time.Hour
	DefaultPacketTimeout       = 10 * time.Minute
	DefaultSlashMeterPeriod    = time.Hour
)

// DefaultSlashMeterFraction lets reported slashes take the whole cross-stake at once (the meter
// is off); DefaultBreakerThreshold of zero turns the circuit breaker off. Chains that do not fully
// trust a consumer set both (for example 0.05 and 0.1).
var (
	DefaultSlashMeterFraction = math.LegacyOneDec()
	DefaultBreakerThreshold   = math.LegacyZeroDec()
)

// DefaultParams returns the default parameters.
func DefaultParams() Params {
	return Params{
		MaxPositionsPerUser:       DefaultMaxPositionsPerUser,
		MaxPacketsPerBlock:        DefaultMaxPacketsPerBlock,
		CloseOnExpiredClientAfter: DefaultClientExpiryClose,
		PacketTimeout:             DefaultPacketTimeout,
		SlashMeterFraction:        DefaultSlashMeterFraction,
		SlashMeterPeriod:          DefaultSlashMeterPeriod,
		BreakerThreshold:          DefaultBreakerThreshold,
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
	case p.SlashMeterFraction.IsNil() || !p.SlashMeterFraction.IsPositive() || p.SlashMeterFraction.GT(math.LegacyOneDec()):
		return errorsmod.Wrap(ErrInvalidParams, "slash_meter_fraction must be in (0, 1]")
	case p.SlashMeterPeriod <= 0:
		return errorsmod.Wrap(ErrInvalidParams, "slash_meter_period must be positive")
	case p.BreakerThreshold.IsNil() || p.BreakerThreshold.IsNegative():
		return errorsmod.Wrap(ErrInvalidParams, "breaker_threshold must not be negative")
	}
	return nil
}
