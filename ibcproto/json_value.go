package ibcproto

import (
	"unicode/utf16"
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"
)

// maxJSONDepth bounds nesting so hostile input cannot exhaust the stack.
const maxJSONDepth = 128

// jsonKind is the type of a parsed JSON value.
type jsonKind uint8

const (
	kindNull jsonKind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

// String names the kind in error messages.
func (k jsonKind) String() string {
	switch k {
	case kindNull:
		return "null"
	case kindBool:
		return "boolean"
	case kindNumber:
		return "number"
	case kindString:
		return "string"
	case kindArray:
		return "array"
	default:
		return "object"
	}
}

// jsonMember is one key of an object, in document order.
type jsonMember struct {
	key   string
	value *jsonValue
}

// jsonValue is a parsed JSON value. Numbers keep their literal text so integer fields can be
// checked exactly; strings hold their unescaped text.
type jsonValue struct {
	kind    jsonKind
	text    string
	elems   []*jsonValue
	members []jsonMember
}

// jsonParser is a strict RFC 8259 parser: valid UTF-8 only, no lone surrogate escapes, no
// trailing data, bounded depth.
type jsonParser struct {
	data []byte
	pos  int
}

// parseJSON parses exactly one JSON value surrounded by optional whitespace.
func parseJSON(data []byte) (*jsonValue, error) {
	if !utf8.Valid(data) {
		return nil, errorsmod.Wrap(ErrInvalidJSON, "input is not valid UTF-8")
	}
	p := &jsonParser{data: data}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(p.data) {
		return nil, p.fail("trailing characters")
	}
	return v, nil
}

func (p *jsonParser) fail(msg string) error {
	return errorsmod.Wrapf(ErrInvalidJSON, "%s at offset %d", msg, p.pos)
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (*jsonValue, error) {
	if depth > maxJSONDepth {
		return nil, p.fail("nesting too deep")
	}
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil, p.fail("unexpected end of input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &jsonValue{kind: kindString, text: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		return p.literal()
	}
}

func (p *jsonParser) literal() (*jsonValue, error) {
	for _, lit := range []struct {
		word string
		kind jsonKind
	}{{"null", kindNull}, {"true", kindBool}, {"false", kindBool}} {
		end := p.pos + len(lit.word)
		if end <= len(p.data) && string(p.data[p.pos:end]) == lit.word {
			p.pos = end
			return &jsonValue{kind: lit.kind, text: lit.word}, nil
		}
	}
	return nil, p.fail("expected a value")
}

func (p *jsonParser) object(depth int) (*jsonValue, error) {
	p.pos++
	v := &jsonValue{kind: kindObject}
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.fail("expected an object key")
		}
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.fail("expected ':'")
		}
		p.pos++
		member, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.members = append(v.members, jsonMember{key: key, value: member})
		done, err := p.separator('}')
		if err != nil || done {
			return v, err
		}
	}
}

func (p *jsonParser) array(depth int) (*jsonValue, error) {
	p.pos++
	v := &jsonValue{kind: kindArray}
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return v, nil
	}
	for {
		elem, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.elems = append(v.elems, elem)
		done, err := p.separator(']')
		if err != nil || done {
			return v, err
		}
	}
}

// separator consumes ',' (more to come) or the closing byte (done).
func (p *jsonParser) separator(closing byte) (bool, error) {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return false, p.fail("unexpected end of input")
	}
	switch p.data[p.pos] {
	case ',':
		p.pos++
		return false, nil
	case closing:
		p.pos++
		return true, nil
	default:
		return false, p.fail("expected ',' or '" + string(closing) + "'")
	}
}

func (p *jsonParser) number() (*jsonValue, error) {
	start := p.pos
	if p.data[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(p.data) && p.data[p.pos] == '0':
		p.pos++
	case p.digits() == 0:
		return nil, p.fail("invalid number")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if p.digits() == 0 {
			return nil, p.fail("invalid number")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if p.digits() == 0 {
			return nil, p.fail("invalid number")
		}
	}
	return &jsonValue{kind: kindNumber, text: string(p.data[start:p.pos])}, nil
}

func (p *jsonParser) digits() int {
	n := 0
	for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
		p.pos++
		n++
	}
	return n
}

// str parses a string starting at the opening quote and returns its unescaped text.
func (p *jsonParser) str() (string, error) {
	p.pos++
	out := make([]byte, 0, 16)
	for {
		if p.pos >= len(p.data) {
			return "", p.fail("unterminated string")
		}
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(out), nil
		case c < 0x20:
			return "", p.fail("control character in string")
		case c == '\\':
			var err error
			if out, err = p.escape(out); err != nil {
				return "", err
			}
		default:
			out = append(out, c)
			p.pos++
		}
	}
}

// escape decodes one backslash escape and appends its UTF-8 bytes.
func (p *jsonParser) escape(out []byte) ([]byte, error) {
	p.pos++
	if p.pos >= len(p.data) {
		return nil, p.fail("unterminated escape")
	}
	c := p.data[p.pos]
	p.pos++
	if r, ok := simpleEscapes[c]; ok {
		return append(out, r), nil
	}
	if c != 'u' {
		return nil, p.fail("invalid escape")
	}
	r, err := p.hex4()
	if err != nil {
		return nil, err
	}
	switch {
	case utf16.IsSurrogate(r) && r < 0xDC00:
		r, err = p.lowSurrogate(r)
		if err != nil {
			return nil, err
		}
	case utf16.IsSurrogate(r):
		return nil, p.fail("lone trailing surrogate")
	}
	return utf8.AppendRune(out, r), nil
}

// simpleEscapes maps the one-letter escapes to the byte they stand for.
var simpleEscapes = map[byte]byte{
	'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t',
}

// lowSurrogate reads the \u escape (four hex digits) that must follow a high surrogate and combines the pair.
func (p *jsonParser) lowSurrogate(high rune) (rune, error) {
	if p.pos+1 >= len(p.data) || p.data[p.pos] != '\\' || p.data[p.pos+1] != 'u' {
		return 0, p.fail("lone leading surrogate")
	}
	p.pos += 2
	low, err := p.hex4()
	if err != nil {
		return 0, err
	}
	if low < 0xDC00 || low > 0xDFFF {
		return 0, p.fail("lone leading surrogate")
	}
	return utf16.DecodeRune(high, low), nil
}

func (p *jsonParser) hex4() (rune, error) {
	if p.pos+4 > len(p.data) {
		return 0, p.fail("short unicode escape")
	}
	var r rune
	for _, c := range p.data[p.pos : p.pos+4] {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, p.fail("invalid unicode escape")
		}
		r = r<<4 | rune(d)
	}
	p.pos += 4
	return r, nil
}
