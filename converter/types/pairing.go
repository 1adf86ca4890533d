package types

import (
	"regexp"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// pairingIDPattern is what a pairing id may look like.
var pairingIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// ValidateTerms checks the fields the authority sets.
func (p ProviderPairing) ValidateTerms() error {
	fail := func(format string, args ...any) error { return errorsmod.Wrapf(ErrInvalidPairing, format, args...) }
	switch {
	case !pairingIDPattern.MatchString(p.Id):
		return fail("id %q must match %s", p.Id, pairingIDPattern)
	case p.ConnectionId == "" || p.CounterpartyPort == "" || p.ProviderChainId == "":
		return fail("connection, counterparty port and provider chain id are required")
	case p.AccountPrefix == "" || p.ValoperPrefix == "":
		return fail("bech32 prefixes are required")
	case sdk.ValidateDenom(p.RemoteDenom) != nil:
		return fail("remote denom %q is invalid", p.RemoteDenom)
	case p.Discount.IsNil() || p.Discount.IsNegative() || p.Discount.GTE(math.LegacyOneDec()):
		return fail("discount must be in [0, 1)")
	case p.MaxCap.IsNil() || p.MaxCap.IsNegative() || p.MaxCap.BigInt().BitLen() > MaxAmountBits:
		return fail("max cap must be non-negative and below 2^%d", MaxAmountBits)
	case p.GovPolicy != GOV_POLICY_INHERIT && p.GovPolicy != GOV_POLICY_ABSTAIN:
		return fail("governance policy must be inherit or abstain")
	}
	if err := ValidatePrice(p.FixedPrice.Price); err != nil {
		return err
	}
	if p.FixedPrice.MaxAge <= 0 {
		return fail("the price's max age must be positive")
	}
	return nil
}

// Validate checks the terms and the life-cycle fields, as genesis stores them.
func (p ProviderPairing) Validate() error {
	if err := p.ValidateTerms(); err != nil {
		return err
	}
	if _, ok := PairingStatus_name[int32(p.Status)]; !ok || p.Status == PAIRING_STATUS_UNSPECIFIED {
		return errorsmod.Wrapf(ErrInvalidPairing, "status %d", p.Status)
	}
	if p.Status == PAIRING_STATUS_CLOSED && p.ClosedAt.IsZero() {
		return errorsmod.Wrap(ErrInvalidPairing, "a closed pairing needs closed_at")
	}
	return nil
}

// Adjustment is one minus the discount: the share of the converted value the pairing backs.
func (p ProviderPairing) Adjustment() math.LegacyDec {
	return math.LegacyOneDec().Sub(p.Discount)
}

// Feed returns the pairing's price feed.
func (p ProviderPairing) Feed() PriceFeed { return p.FixedPrice }

// PriceAge is how long ago the pairing's price was set, at now.
func (p ProviderPairing) PriceAge(now time.Time) time.Duration {
	_, setAt := p.Feed().Rate()
	return now.Sub(setAt)
}
