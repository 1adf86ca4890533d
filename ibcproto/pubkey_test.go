package ibcproto

import (
	"crypto/ed25519"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestConsensusPubKeyRoundTrip(t *testing.T) {
	raw := make([]byte, ed25519.PublicKeySize)
	for i := range raw {
		raw[i] = byte(i)
	}
	key := NewEd25519PubKey(raw)
	require.Equal(t, ConsensusPubKey(testPubKey), key)

	parsed, err := key.Ed25519()
	require.NoError(t, err)
	require.Equal(t, ed25519.PublicKey(raw), parsed)

	// Unpadded base64, as cosmwasm's Binary would also accept it.
	parsed, err = ConsensusPubKey(testPubKey[:len(testPubKey)-1]).Ed25519()
	require.NoError(t, err)
	require.Equal(t, ed25519.PublicKey(raw), parsed)
}

func TestConsensusPubKeyRefusals(t *testing.T) {
	for name, key := range map[string]ConsensusPubKey{
		"empty":          "",
		"not base64":     "mock-pubkey",
		"31 bytes":       "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==",
		"33 bytes":       "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g",
		"line break":     ConsensusPubKey(testPubKey[:20] + "\n" + testPubKey[20:]),
		"url alphabet":   "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh-_",
		"amino json key": `{"type":"tendermint/PubKeyEd25519","value":"` + testPubKey + `"}`,
	} {
		_, err := key.Ed25519()
		require.ErrorIs(t, err, ErrInvalidPubKey, name)
	}
}
