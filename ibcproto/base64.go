package ibcproto

import (
	"encoding/base64"

	errorsmod "cosmossdk.io/errors"
)

// decodeStdBase64 decodes standard-alphabet base64 the way cosmwasm's Binary does: padding may be
// present (then it must be canonical) or left out, unused trailing bits must be zero, and no other
// character (not even a line break, which Go's decoder would skip) is allowed.
func decodeStdBase64(s string) ([]byte, error) {
	padded := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '=':
			padded = true
		case c == '+' || c == '/' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
		default:
			return nil, errorsmod.Wrapf(ErrInvalidBase64, "character %q at offset %d", c, i)
		}
	}
	enc := base64.RawStdEncoding.Strict()
	if padded || len(s)%4 == 0 {
		enc = base64.StdEncoding.Strict()
	}
	out, err := enc.DecodeString(s)
	if err != nil {
		return nil, errorsmod.Wrap(ErrInvalidBase64, err.Error())
	}
	return out, nil
}
