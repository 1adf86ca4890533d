package ibcproto

import (
	"strconv"
	"unicode/utf8"
)

// upperHex is the digit set the reference encoder uses for \u00XX escapes.
const upperHex = "0123456789ABCDEF"

// appendString appends s as a JSON string exactly as the reference encoder (serde-json-wasm)
// writes it: only '"', '\\' and control characters are escaped, using the short forms \b \t \n
// \f \r where they exist and \u00XX with upper-case hex otherwise. '<', '>', '&', U+2028 and
// U+2029 are written as they are. A Go string may hold bytes that are not UTF-8, which a Rust
// string cannot: each such byte is written as U+FFFD, so the output always decodes.
func appendString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				buf = utf8.AppendRune(buf, utf8.RuneError)
				continue
			}
			buf = append(buf, s[i:i+size]...)
			i += size - 1
			continue
		}
		switch {
		case c == '"' || c == '\\':
			buf = append(buf, '\\', c)
		case c == '\b':
			buf = append(buf, '\\', 'b')
		case c == '\t':
			buf = append(buf, '\\', 't')
		case c == '\n':
			buf = append(buf, '\\', 'n')
		case c == '\f':
			buf = append(buf, '\\', 'f')
		case c == '\r':
			buf = append(buf, '\\', 'r')
		case c < 0x20:
			buf = append(buf, '\\', 'u', '0', '0', upperHex[c>>4], upperHex[c&0xF])
		default:
			buf = append(buf, c)
		}
	}
	return append(buf, '"')
}

// appendKey appends `"name":`, preceded by a comma unless it is the first field.
func appendKey(buf []byte, name string, first bool) []byte {
	if !first {
		buf = append(buf, ',')
	}
	buf = appendString(buf, name)
	return append(buf, ':')
}

// appendUint64 appends a u64 as a JSON number.
func appendUint64(buf []byte, v uint64) []byte {
	return strconv.AppendUint(buf, v, 10)
}

// appendStringList appends a JSON array of strings.
func appendStringList(buf []byte, list []string) []byte {
	buf = append(buf, '[')
	for i, s := range list {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendString(buf, s)
	}
	return append(buf, ']')
}

// appendVariant wraps an encoded body as the externally tagged enum `{"name":body}`.
func appendVariant(buf []byte, name string, body []byte) []byte {
	buf = append(buf, '{')
	buf = appendString(buf, name)
	buf = append(buf, ':')
	buf = append(buf, body...)
	return append(buf, '}')
}
