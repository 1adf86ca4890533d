package lienholder

import (
	"regexp"
	"strings"

	errorsmod "cosmossdk.io/errors"
)

// Separator joins a holder's kind and key in its canonical string form.
const Separator = "/"

// kindPattern is what a holder kind may look like: a short lower-case identifier.
var kindPattern = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)

// KindLocal is the kind of the local-staking holder, a singleton with an empty key.
const KindLocal = "local"

// KindExternal is the kind of the external-staking holders, one per consumer pairing.
const KindExternal = "external"

// MaxKeyLength bounds the key part of a HolderID.
const MaxKeyLength = 128

// HolderID names one lien holder: the kind selects the keeper that serves it, the key selects one
// holder within that kind (empty for a kind with a single holder).
type HolderID struct {
	// Kind routes to the registered keeper, e.g. "local" or "external".
	Kind string
	// Key selects one holder of the kind, e.g. a pairing id; empty for singletons.
	Key string
}

// NewHolderID returns a validated HolderID.
func NewHolderID(kind, key string) (HolderID, error) {
	id := HolderID{Kind: kind, Key: key}
	return id, id.Validate()
}

// Validate checks the kind's shape and the key's length and characters.
func (h HolderID) Validate() error {
	if !kindPattern.MatchString(h.Kind) {
		return errorsmod.Wrapf(ErrInvalidHolderID, "kind %q must match %s", h.Kind, kindPattern)
	}
	if len(h.Key) > MaxKeyLength {
		return errorsmod.Wrapf(ErrInvalidHolderID, "key longer than %d bytes", MaxKeyLength)
	}
	for _, r := range h.Key {
		if r < 0x21 || r > 0x7e {
			return errorsmod.Wrapf(ErrInvalidHolderID, "key %q must be printable ASCII without spaces", h.Key)
		}
	}
	return nil
}

// String returns the canonical form "kind" or "kind/key", which is also the store key.
func (h HolderID) String() string {
	if h.Key == "" {
		return h.Kind
	}
	return h.Kind + Separator + h.Key
}

// ParseHolderID reads the canonical form written by String.
func ParseHolderID(s string) (HolderID, error) {
	kind, key, _ := strings.Cut(s, Separator)
	id := HolderID{Kind: kind, Key: key}
	if err := id.Validate(); err != nil {
		return HolderID{}, err
	}
	if id.String() != s {
		return HolderID{}, errorsmod.Wrapf(ErrInvalidHolderID, "%q is not canonical", s)
	}
	return id, nil
}
