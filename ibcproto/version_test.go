package ibcproto

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func version(v string) ProtocolVersion {
	return ProtocolVersion{Protocol: ProtocolName, Version: v}
}

func TestParseVersionAcceptsUnknownFields(t *testing.T) {
	v, err := ParseVersion(`{"version":"0.11.0","fee":{"x":[1,2.5e3,"y"]},"protocol":"mesh-security"}`)
	require.NoError(t, err)
	requireSameValue(t, version("0.11.0"), v)
	require.Equal(t, `{"protocol":"mesh-security","version":"0.11.0"}`, v.String())
}

func TestParseVersionRefusals(t *testing.T) {
	cases := []negativeVector{
		{"empty string", ``, ErrInvalidJSON},
		{"not json", `mesh-security-0.11.0`, ErrInvalidJSON},
		{"missing version", `{"protocol":"mesh-security"}`, ErrMissingField},
		{"missing protocol", `{"version":"0.11.0"}`, ErrMissingField},
		{"duplicate protocol", `{"protocol":"mesh-security","protocol":"x","version":"0.11.0"}`, ErrDuplicateField},
		{"version as number", `{"protocol":"mesh-security","version":11}`, ErrInvalidType},
		{"ext not a list", `{"protocol":"mesh-security","version":"0.11.0","ext":"a"}`, ErrInvalidType},
		{"ext of numbers", `{"protocol":"mesh-security","version":"0.11.0","ext":[1]}`, ErrInvalidType},
		{"array", `["mesh-security","0.11.0"]`, ErrInvalidType},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseVersion(c.input)
			require.ErrorIs(t, err, c.err)
		})
	}
}

func TestValidateVersion(t *testing.T) {
	require.NoError(t, version("0.11.0").Validate())
	require.ErrorIs(t, ProtocolVersion{Protocol: "ics20-1", Version: "0.11.0"}.Validate(), ErrInvalidProtocol)
	require.ErrorIs(t, ProtocolVersion{Protocol: "Mesh-Security", Version: "0.11.0"}.Validate(), ErrInvalidProtocol)
	for _, bad := range []string{"", "0.11", "0.11.0.0", "v0.11.0", "00.11.0", "0.011.0", "0.11.0-", "0.11.0+",
		"0.11.0-01", "0.11.0-a..b", "0.11.0 ", " 0.11.0", "0.11.0-a_b", "18446744073709551616.0.0", "-1.0.0"} {
		require.ErrorIs(t, version(bad).Validate(), ErrInvalidVersion, bad)
	}
	for _, good := range []string{"0.11.0-rc.1", "0.11.0+build.01", "0.11.0-alpha-1+x", "18446744073709551615.0.0"} {
		require.NoError(t, version(good).Validate(), good)
	}
}

func TestBuildResponse(t *testing.T) {
	answer := func(proposed string) (string, error) {
		v, err := version(proposed).BuildResponse(SupportedVersion, MinVersion, nil)
		return v.Version, err
	}
	got, err := answer("0.11.0")
	require.NoError(t, err)
	require.Equal(t, "0.11.0", got)

	// A newer proposal with the same major is answered with the supported version.
	for _, newer := range []string{"0.11.1", "0.12.0", "0.99.0-rc.1"} {
		got, err = answer(newer)
		require.NoError(t, err, newer)
		require.Equal(t, "0.11.0", got, newer)
	}
	for _, old := range []string{"0.10.9", "0.11.0-rc.1", "0.0.1"} {
		_, err = answer(old)
		require.ErrorIs(t, err, ErrVersionTooOld, old)
	}
	for _, tooNew := range []string{"1.0.0", "2.3.4"} {
		_, err = answer(tooNew)
		require.ErrorIs(t, err, ErrVersionTooNew, tooNew)
	}
	_, err = ProtocolVersion{Protocol: "other", Version: "0.11.0"}.BuildResponse(SupportedVersion, MinVersion, nil)
	require.ErrorIs(t, err, ErrInvalidProtocol)
	_, err = version("0.11.0").BuildResponse("bad", MinVersion, nil)
	require.ErrorIs(t, err, ErrInvalidVersion)

	// With a wider window the answer is the lower of the proposal and the supported version.
	v, err := version("1.2.0").BuildResponse("1.4.0", "1.0.0", nil)
	require.NoError(t, err)
	require.Equal(t, "1.2.0", v.Version)
	v, err = version("1.9.0").BuildResponse("1.4.0", "1.0.0", nil)
	require.NoError(t, err)
	require.Equal(t, "1.4.0", v.Version)
}

func TestBuildResponseKeepsOnlyCommonExtensions(t *testing.T) {
	proposed := ProtocolVersion{Protocol: ProtocolName, Version: "0.11.0", Ext: []string{"b", "x", "a", "b"}}
	v, err := proposed.BuildResponse(SupportedVersion, MinVersion, []string{"a", "b", "c"})
	require.NoError(t, err)
	require.Equal(t, []string{"b", "a"}, v.Ext)
	require.True(t, v.HasExt("a"))
	require.False(t, v.HasExt("x"))

	v, err = version("0.11.0").BuildResponse(SupportedVersion, MinVersion, []string{"a"})
	require.NoError(t, err)
	require.Empty(t, v.Ext)
	require.Equal(t, `{"protocol":"mesh-security","version":"0.11.0"}`, v.String())
}

func TestVerifyCompatibility(t *testing.T) {
	require.NoError(t, version("0.11.0").VerifyCompatibility(SupportedVersion, MinVersion, nil))
	require.ErrorIs(t, version("0.10.0").VerifyCompatibility(SupportedVersion, MinVersion, nil), ErrVersionTooOld)
	require.ErrorIs(t, version("0.11.0-rc.1").VerifyCompatibility(SupportedVersion, MinVersion, nil), ErrVersionTooOld)
	// Unlike BuildResponse, any version above the supported one is refused, even with the same major.
	require.ErrorIs(t, version("0.11.1").VerifyCompatibility(SupportedVersion, MinVersion, nil), ErrVersionTooNew)
	require.ErrorIs(t, version("0.11.0+build").VerifyCompatibility(SupportedVersion, MinVersion, nil), ErrVersionTooNew)
	require.ErrorIs(t, version("1.0.0").VerifyCompatibility(SupportedVersion, MinVersion, nil), ErrVersionTooNew)
	require.ErrorIs(t, ProtocolVersion{Protocol: "x", Version: "0.11.0"}.VerifyCompatibility(SupportedVersion, MinVersion, nil), ErrInvalidProtocol)

	withExt := ProtocolVersion{Protocol: ProtocolName, Version: "0.11.0", Ext: []string{"a"}}
	require.NoError(t, withExt.VerifyCompatibility(SupportedVersion, MinVersion, []string{"a", "b"}))
	require.ErrorIs(t, withExt.VerifyCompatibility(SupportedVersion, MinVersion, []string{"b"}), ErrUnsupportedExtension)
}

func TestNegotiationSteps(t *testing.T) {
	local := []string{"a"}

	v, err := NegotiateInitVersion("", local)
	require.NoError(t, err)
	require.Equal(t, `{"protocol":"mesh-security","version":"0.11.0","ext":["a"]}`, v.String())

	v, err = NegotiateInitVersion(`{"protocol":"mesh-security","version":"0.11.0"}`, local)
	require.NoError(t, err)
	require.Equal(t, `{"protocol":"mesh-security","version":"0.11.0"}`, v.String())

	_, err = NegotiateInitVersion(`{"protocol":"mesh-security","version":"0.10.0"}`, local)
	require.ErrorIs(t, err, ErrVersionTooOld)

	// A reference consumer proposes plain 0.11.0; the answer has no extensions.
	v, err = NegotiateTryVersion(`{"protocol":"mesh-security","version":"0.11.0"}`, local)
	require.NoError(t, err)
	require.Equal(t, `{"protocol":"mesh-security","version":"0.11.0"}`, v.String())

	v, err = NegotiateTryVersion(`{"protocol":"mesh-security","version":"0.11.0","ext":["a","z"]}`, local)
	require.NoError(t, err)
	require.Equal(t, []string{"a"}, v.Ext)

	_, err = NegotiateTryVersion("", local)
	require.ErrorIs(t, err, ErrInvalidVersion)
	_, err = NegotiateTryVersion(`{"protocol":"ics20","version":"0.11.0"}`, local)
	require.ErrorIs(t, err, ErrInvalidProtocol)
	_, err = NegotiateTryVersion(`{"protocol":"mesh-security","version":"1.0.0"}`, local)
	require.ErrorIs(t, err, ErrVersionTooNew)

	v, err = VerifyAckVersion(`{"protocol":"mesh-security","version":"0.11.0","ext":["a"]}`, local)
	require.NoError(t, err)
	require.True(t, v.HasExt("a"))
	v, err = VerifyAckVersion(`{"protocol":"mesh-security","version":"0.11.0"}`, local)
	require.NoError(t, err)
	require.False(t, v.HasExt("a"))
	_, err = VerifyAckVersion(`{"protocol":"mesh-security","version":"0.11.0","ext":["z"]}`, local)
	require.ErrorIs(t, err, ErrUnsupportedExtension)
	_, err = VerifyAckVersion(`{"protocol":"mesh-security","version":"0.11.1"}`, local)
	require.ErrorIs(t, err, ErrVersionTooNew)
	_, err = VerifyAckVersion(`not json`, local)
	require.ErrorIs(t, err, ErrInvalidVersion)
}

func TestSemverOrdering(t *testing.T) {
	// Each version is strictly below the next (semver 2.0 precedence, then build metadata).
	ordered := []string{
		"0.9.0", "0.11.0-1", "0.11.0-2", "0.11.0-10", "0.11.0-alpha", "0.11.0-alpha.1", "0.11.0-alpha.beta",
		"0.11.0-beta", "0.11.0-rc.1", "0.11.0", "0.11.0+1", "0.11.0+01", "0.11.0+2", "0.11.0+a", "0.11.0+a.1",
		"0.11.1", "0.12.0", "1.0.0", "10.0.0",
	}
	for i := 0; i+1 < len(ordered); i++ {
		a, err := parseSemver(ordered[i])
		require.NoError(t, err)
		b, err := parseSemver(ordered[i+1])
		require.NoError(t, err)
		require.Equal(t, -1, a.compare(b), "%s < %s", a, b)
		require.Equal(t, 1, b.compare(a), "%s > %s", b, a)
		require.Equal(t, 0, a.compare(a))
	}
}
