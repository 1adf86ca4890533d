package ibcproto

import (
	"strconv"
	"strings"

	errorsmod "cosmossdk.io/errors"
)

// semver is a version parsed as strictly as the Rust semver crate the reference uses:
// MAJOR.MINOR.PATCH without leading zeros, optional -pre-release and +build identifiers made of
// [0-9A-Za-z-], no empty identifier, no leading zero in a numeric pre-release identifier, no
// whitespace. The text is kept so String() gives back exactly what was parsed.
type semver struct {
	core  [3]uint64
	pre   []string
	build []string
	text  string
}

func parseSemver(s string) (semver, error) {
	bad := errorsmod.Wrapf(ErrInvalidVersion, "%s is not a semantic version", excerpt(s))
	rest, build, hasBuild := strings.Cut(s, "+")
	core, pre, hasPre := strings.Cut(rest, "-")
	v := semver{text: s}
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return semver{}, bad
	}
	for i, part := range parts {
		n, ok := parseVersionNumber(part)
		if !ok {
			return semver{}, bad
		}
		v.core[i] = n
	}
	if hasPre {
		v.pre = strings.Split(pre, ".")
		if !validIdentifiers(v.pre, true) {
			return semver{}, bad
		}
	}
	if hasBuild {
		v.build = strings.Split(build, ".")
		if !validIdentifiers(v.build, false) {
			return semver{}, bad
		}
	}
	return v, nil
}

// parseVersionNumber reads a core number: "0" or digits without a leading zero, below 2^64.
func parseVersionNumber(s string) (uint64, bool) {
	if !isDigits(s) || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}

func validIdentifiers(ids []string, noLeadingZero bool) bool {
	for _, id := range ids {
		if id == "" {
			return false
		}
		for i := 0; i < len(id); i++ {
			c := id[i]
			if !(c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
				return false
			}
		}
		if noLeadingZero && isDigits(id) && len(id) > 1 && id[0] == '0' {
			return false
		}
	}
	return true
}

// String returns the version exactly as parsed.
func (v semver) String() string {
	return v.text
}

// compare orders versions as the Rust semver crate does: core numbers, then a pre-release below
// the release, then pre-release identifiers, then build metadata.
func (v semver) compare(o semver) int {
	for i := range v.core {
		if c := compareUint(v.core[i], o.core[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(v.pre) == 0 && len(o.pre) > 0:
		return 1
	case len(v.pre) > 0 && len(o.pre) == 0:
		return -1
	}
	if c := compareIdentifiers(v.pre, o.pre); c != 0 {
		return c
	}
	return compareIdentifiers(v.build, o.build)
}

// compareIdentifiers compares dot-separated identifiers: numeric ones numerically (then the one
// with more leading zeros is greater), numeric below alphanumeric, alphanumeric in ASCII order,
// and a list that is a prefix of the other is smaller.
func compareIdentifiers(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := compareIdentifier(a[i], b[i]); c != 0 {
			return c
		}
	}
	return compareUint(uint64(len(a)), uint64(len(b)))
}

func compareIdentifier(a, b string) int {
	aNum, bNum := isDigits(a), isDigits(b)
	switch {
	case aNum && bNum:
		ta, tb := strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if c := compareUint(uint64(len(ta)), uint64(len(tb))); c != 0 {
			return c
		}
		if c := strings.Compare(ta, tb); c != 0 {
			return c
		}
		return compareUint(uint64(len(a)), uint64(len(b)))
	case aNum:
		return -1
	case bNum:
		return 1
	default:
		return strings.Compare(a, b)
	}
}

func compareUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	default:
		return 0
	}
}
