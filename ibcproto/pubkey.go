package ibcproto

import (
	"crypto/ed25519"
	"encoding/base64"

	errorsmod "cosmossdk.io/errors"
)

// ConsensusPubKey is a validator's consensus key as the consumer sends it: base64 (standard
// alphabet, padded) of the raw 32-byte ed25519 key. It travels as an opaque string and is parsed
// only when a caller needs the key, so an entry with a key in an unknown format still decodes.
type ConsensusPubKey string

// NewEd25519PubKey encodes a raw ed25519 public key for the wire.
func NewEd25519PubKey(key ed25519.PublicKey) ConsensusPubKey {
	return ConsensusPubKey(base64.StdEncoding.EncodeToString(key))
}

// Ed25519 parses the key. It returns ErrInvalidPubKey for bad base64 or a length other than 32.
func (k ConsensusPubKey) Ed25519() (ed25519.PublicKey, error) {
	raw, err := decodeStdBase64(string(k))
	if err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidPubKey, "%s: %s", excerpt(string(k)), err)
	}
	if len(raw) != ed25519.PublicKeySize {
		return nil, errorsmod.Wrapf(ErrInvalidPubKey, "%s: %d bytes, want %d", excerpt(string(k)), len(raw), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(raw), nil
}
