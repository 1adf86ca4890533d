package ibcproto

import (
	"strconv"

	errorsmod "cosmossdk.io/errors"
)

// unknownFields says what an object does with a field it does not define.
type unknownFields uint8

const (
	// refuseUnknown mirrors serde's deny_unknown_fields, which the reference puts on every packet struct.
	refuseUnknown unknownFields = iota
	// ignoreUnknown mirrors a plain serde struct (the channel version, cosmwasm's Coin).
	ignoreUnknown
)

// fieldSet is an object whose member names were checked against a schema, the way serde's
// derived Deserialize checks them: a known field at most once, unknown fields refused or ignored.
type fieldSet struct {
	where  string
	values map[string]*jsonValue
}

// readObject checks that v is an object with no duplicate known field and, under refuseUnknown,
// no field outside names.
func readObject(v *jsonValue, where string, names []string, unknown unknownFields) (fieldSet, error) {
	if v.kind != kindObject {
		return fieldSet{}, errorsmod.Wrapf(ErrInvalidType, "%s: expected object, got %s", where, v.kind)
	}
	fs := fieldSet{where: where, values: make(map[string]*jsonValue, len(names))}
	for _, m := range v.members {
		if !containsName(names, m.key) {
			if unknown == refuseUnknown {
				return fieldSet{}, errorsmod.Wrapf(ErrUnknownField, "%s: field %s", where, excerpt(m.key))
			}
			continue
		}
		if _, dup := fs.values[m.key]; dup {
			return fieldSet{}, errorsmod.Wrapf(ErrDuplicateField, "%s: field %s", where, excerpt(m.key))
		}
		fs.values[m.key] = m.value
	}
	return fs, nil
}

func containsName(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// path names a field in error messages.
func (fs fieldSet) path(name string) string {
	return fs.where + "." + name
}

// required returns a field that must be present.
func (fs fieldSet) required(name string) (*jsonValue, error) {
	v, ok := fs.values[name]
	if !ok {
		return nil, errorsmod.Wrapf(ErrMissingField, "%s", fs.path(name))
	}
	return v, nil
}

// optional returns a field that may be absent (nil then).
func (fs fieldSet) optional(name string) *jsonValue {
	return fs.values[name]
}

// str returns a required string field.
func (fs fieldSet) str(name string) (string, error) {
	v, err := fs.required(name)
	if err != nil {
		return "", err
	}
	return stringValue(v, fs.path(name))
}

// u64 returns a required field holding a JSON integer in [0, 2^64).
func (fs fieldSet) u64(name string) (uint64, error) {
	v, err := fs.required(name)
	if err != nil {
		return 0, err
	}
	return uint64Value(v, fs.path(name))
}

// array returns the elements of a required array field.
func (fs fieldSet) array(name string) ([]*jsonValue, error) {
	v, err := fs.required(name)
	if err != nil {
		return nil, err
	}
	if v.kind != kindArray {
		return nil, errorsmod.Wrapf(ErrInvalidType, "%s: expected array, got %s", fs.path(name), v.kind)
	}
	return v.elems, nil
}

// strList returns a required array-of-strings field.
func (fs fieldSet) strList(name string) ([]string, error) {
	elems, err := fs.array(name)
	if err != nil {
		return nil, err
	}
	return stringList(elems, fs.path(name))
}

// coin returns a required coin field.
func (fs fieldSet) coin(name string) (Coin, error) {
	v, err := fs.required(name)
	if err != nil {
		return Coin{}, err
	}
	return decodeCoin(v, fs.path(name))
}

func stringValue(v *jsonValue, where string) (string, error) {
	if v.kind != kindString {
		return "", errorsmod.Wrapf(ErrInvalidType, "%s: expected string, got %s", where, v.kind)
	}
	return v.text, nil
}

func stringList(elems []*jsonValue, where string) ([]string, error) {
	out := make([]string, 0, len(elems))
	for i, e := range elems {
		if e.kind != kindString {
			return nil, errorsmod.Wrapf(ErrInvalidType, "%s[%d]: expected string, got %s", where, i, e.kind)
		}
		out = append(out, e.text)
	}
	return out, nil
}

// uint64Value accepts only the digits of a non-negative integer without fraction or exponent,
// as the reference's decoder does for u64.
func uint64Value(v *jsonValue, where string) (uint64, error) {
	if v.kind != kindNumber {
		return 0, errorsmod.Wrapf(ErrInvalidType, "%s: expected number, got %s", where, v.kind)
	}
	if !isDigits(v.text) {
		return 0, errorsmod.Wrapf(ErrInvalidNumber, "%s: %s is not a non-negative integer", where, excerpt(v.text))
	}
	n, err := strconv.ParseUint(v.text, 10, 64)
	if err != nil {
		return 0, errorsmod.Wrapf(ErrInvalidNumber, "%s: %s does not fit in 64 bits", where, excerpt(v.text))
	}
	return n, nil
}

// isDigits reports whether s is non-empty and made of ASCII digits only.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// readVariant splits an externally tagged enum `{"name":body}` into its name and body.
func readVariant(v *jsonValue, enum string) (string, *jsonValue, error) {
	if v.kind == kindString {
		return "", nil, errorsmod.Wrapf(ErrMalformedVariant, "%s: variant %s has no body", enum, excerpt(v.text))
	}
	if v.kind != kindObject || len(v.members) != 1 {
		return "", nil, errorsmod.Wrapf(ErrMalformedVariant, "%s: expected an object with exactly one key", enum)
	}
	return v.members[0].key, v.members[0].value, nil
}
