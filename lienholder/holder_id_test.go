package lienholder_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
)

func TestHolderIDRoundTrip(t *testing.T) {
	for _, s := range []string{"local", "external/pairing-1", "dao/treasury", "external/a/b"} {
		id, err := lienholder.ParseHolderID(s)
		require.NoError(t, err, s)
		require.Equal(t, s, id.String())
	}
	id, err := lienholder.ParseHolderID("external/pairing-1")
	require.NoError(t, err)
	require.Equal(t, lienholder.HolderID{Kind: "external", Key: "pairing-1"}, id)
}

func TestHolderIDRejectsMalformed(t *testing.T) {
	for _, s := range []string{"", "Local", "local/", "1kind", "kind with space", "external/has space",
		"external/" + strings.Repeat("k", lienholder.MaxKeyLength+1), "ex\u00e9ternal"} {
		_, err := lienholder.ParseHolderID(s)
		require.ErrorIs(t, err, lienholder.ErrInvalidHolderID, s)
	}
	require.True(t, lienholder.Custodial.Valid())
	require.False(t, lienholder.Custody(0).Valid())
	require.Equal(t, "virtual", lienholder.Virtual.String())
}
