package types

import (
	"regexp"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/lienholder"
)

// pairingIDPattern is what a pairing id may look like: it becomes the key of the lien holder.
var pairingIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// HolderID returns the lien holder the pairing is: {external, id}.
func (p ConsumerPairing) HolderID() lienholder.HolderID {
	return lienholder.HolderID{Kind: lienholder.KindExternal, Key: p.Id}
}

// ValidateTerms checks the fields the authority sets.
func (p ConsumerPairing) ValidateTerms() error {
	fail := func(format string, args ...any) error { return errorsmod.Wrapf(ErrInvalidPairing, format, args...) }
	switch {
	case !pairingIDPattern.MatchString(p.Id):
		return fail("id %q must match %s", p.Id, pairingIDPattern)
	case p.ConnectionId == "" || p.CounterpartyPort == "" || p.ConsumerChainId == "":
		return fail("connection, counterparty port and consumer chain id are required")
	case p.AccountPrefix == "" || p.ValoperPrefix == "":
		return fail("bech32 prefixes are required")
	case p.UnbondingPeriod <= 0:
		return fail("unbonding period must be positive")
	case p.EvidenceWindow < 0:
		return fail("evidence window must not be negative")
	case !ratioOK(p.DoubleSignRatio) || !ratioOK(p.DowntimeRatio):
		return fail("slash ratios must be in [0, 1]")
	case p.MinCrossStake.IsNil() || p.MinCrossStake.IsNegative():
		return fail("minimum cross-stake must be non-negative")
	case p.RewardsDenom == "":
		return fail("rewards denom is required")
	}
	return nil
}

// Validate checks the terms and the life-cycle fields, as genesis stores them.
func (p ConsumerPairing) Validate() error {
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

// MaxSlash is the larger of the two slash ratios: the most one slash can take of a lien.
func (p ConsumerPairing) MaxSlash() math.LegacyDec {
	return math.LegacyMaxDec(p.DoubleSignRatio, p.DowntimeRatio)
}

// ClosedRelease is when everything staked through a closed pairing may leave: one unbonding
// period after it closed. It is zero while the pairing is open.
func (p ConsumerPairing) ClosedRelease() time.Time {
	if p.ClosedAt.IsZero() {
		return time.Time{}
	}
	return p.ClosedAt.Add(p.UnbondingPeriod)
}

// ReleaseAt is when an unbonding entry due at t may leave: after a close, max(t, closed_at plus
// the unbonding period), computed lazily so closing costs O(1).
func (p ConsumerPairing) ReleaseAt(t time.Time) time.Time {
	if limit := p.ClosedRelease(); !limit.IsZero() && limit.After(t) {
		return limit
	}
	return t
}

func ratioOK(d math.LegacyDec) bool {
	return !d.IsNil() && !d.IsNegative() && d.LTE(math.LegacyOneDec())
}
