package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// MaxPrice bounds a price (local tokens per remote token) so every conversion of a 128-bit
// amount stays well inside the decimal arithmetic.
var MaxPrice = math.LegacyNewDec(1_000_000_000_000)

// PriceFeed gives a pairing's price: how many local tokens one remote token buys, and when it
// was set. A feed backed by an oracle implements it in a file of its own.
type PriceFeed interface {
	// Rate returns the price and when it was set.
	Rate() (math.LegacyDec, time.Time)
	// Stale says whether the price is too old to take new stake at now.
	Stale(now time.Time) bool
}

var _ PriceFeed = FixedPrice{}

// Rate implements PriceFeed.
func (f FixedPrice) Rate() (math.LegacyDec, time.Time) { return f.Price, f.SetAt }

// Stale implements PriceFeed: the price is valid while now - max_age < set_at, strictly.
func (f FixedPrice) Stale(now time.Time) bool {
	return !now.Add(-f.MaxAge).Before(f.SetAt)
}

// ValidatePrice refuses a price that is not positive or above MaxPrice.
func ValidatePrice(p math.LegacyDec) error {
	if p.IsNil() || !p.IsPositive() || p.GT(MaxPrice) {
		return errorsmod.Wrapf(ErrInvalidPrice, "price must be in (0, %s]", MaxPrice)
	}
	return nil
}
