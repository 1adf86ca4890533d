package ibcproto

import (
	errorsmod "cosmossdk.io/errors"
)

// Protocol constants of Mesh Security IBC protocol 0.11.0, as both reference contracts use them.
const (
	// ProtocolName is the protocol field of every channel version.
	ProtocolName = "mesh-security"
	// SupportedVersion is the newest protocol version this codec speaks.
	SupportedVersion = "0.11.0"
	// MinVersion is the oldest protocol version this codec accepts; with SupportedVersion it
	// makes the negotiated version exactly 0.11.0, as in the reference.
	MinVersion = "0.11.0"
)

// versionFields are the fields of a channel version in wire order; ext is our addition.
var versionFields = []string{"protocol", "version", "ext"}

// ProtocolVersion is the channel version object {"protocol":"mesh-security","version":"0.11.0"}.
// Ext lists protocol extensions beyond 0.11.0; it is written only when non-empty, so a version
// without extensions is byte-for-byte the reference's, and a reference chain ignores it.
type ProtocolVersion struct {
	Protocol string
	Version  string
	Ext      []string
}

// DefaultVersion returns the version this codec proposes: the supported version with ext.
func DefaultVersion(ext []string) ProtocolVersion {
	return ProtocolVersion{Protocol: ProtocolName, Version: SupportedVersion, Ext: ext}
}

// ParseVersion decodes a channel version string. Unknown fields are ignored, as the reference
// does (its version struct does not deny them); protocol and version must be strings, ext an
// array of strings if present. It does not check the values: see Validate. A version longer than
// MaxVersionSize is refused with ErrPacketTooLarge before it is parsed.
func ParseVersion(s string) (ProtocolVersion, error) {
	if err := checkSize(len(s), MaxVersionSize, "channel version"); err != nil {
		return ProtocolVersion{}, err
	}
	root, err := parseJSON([]byte(s))
	if err != nil {
		return ProtocolVersion{}, err
	}
	fs, err := readObject(root, "version", versionFields, ignoreUnknown)
	if err != nil {
		return ProtocolVersion{}, err
	}
	var v ProtocolVersion
	if v.Protocol, err = fs.str("protocol"); err != nil {
		return ProtocolVersion{}, err
	}
	if v.Version, err = fs.str("version"); err != nil {
		return ProtocolVersion{}, err
	}
	if raw := fs.optional("ext"); raw != nil {
		if raw.kind != kindArray {
			return ProtocolVersion{}, errorsmod.Wrapf(ErrInvalidType, "version.ext: expected array, got %s", raw.kind)
		}
		if v.Ext, err = stringList(raw.elems, "version.ext"); err != nil {
			return ProtocolVersion{}, err
		}
	}
	return v, nil
}

// String returns the channel version string: exactly the reference's
// {"protocol":"…","version":"…"}, followed by "ext" only when there are extensions.
func (v ProtocolVersion) String() string {
	buf := []byte{'{'}
	buf = appendKey(buf, "protocol", true)
	buf = appendString(buf, v.Protocol)
	buf = appendKey(buf, "version", false)
	buf = appendString(buf, v.Version)
	if len(v.Ext) > 0 {
		buf = appendKey(buf, "ext", false)
		buf = appendStringList(buf, v.Ext)
	}
	return string(append(buf, '}'))
}

// Validate checks the protocol name (ErrInvalidProtocol) and that the version is semver
// (ErrInvalidVersion).
func (v ProtocolVersion) Validate() error {
	_, err := v.semver()
	return err
}

func (v ProtocolVersion) semver() (semver, error) {
	if v.Protocol != ProtocolName {
		return semver{}, errorsmod.Wrapf(ErrInvalidProtocol, "%s", excerpt(v.Protocol))
	}
	return parseSemver(v.Version)
}

// HasExt reports whether the version carries the extension name.
func (v ProtocolVersion) HasExt(name string) bool {
	return containsName(v.Ext, name)
}
