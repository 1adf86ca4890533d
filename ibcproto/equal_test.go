package ibcproto

import (
	"reflect"
	"testing"

	sdkmath "cosmossdk.io/math"
)

var intType = reflect.TypeOf(sdkmath.Int{})

// requireSameValue fails unless a and b hold the same wire value: amounts compare by number
// (big.Int internals may differ) and a nil slice equals an empty one (both encode as []).
func requireSameValue(t testing.TB, want, got any) {
	t.Helper()
	if !sameValue(reflect.ValueOf(want), reflect.ValueOf(got)) {
		t.Fatalf("values differ:\nwant %#v\n got %#v", want, got)
	}
}

func sameValue(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() {
		return false
	}
	if !a.IsValid() {
		return true
	}
	if a.Type() != b.Type() {
		return false
	}
	if a.Type() == intType {
		x, y := a.Interface().(sdkmath.Int), b.Interface().(sdkmath.Int)
		if x.IsNil() || y.IsNil() {
			return x.IsNil() == y.IsNil()
		}
		return x.Equal(y)
	}
	switch a.Kind() {
	case reflect.Interface, reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameValue(a.Elem(), b.Elem())
	case reflect.Struct:
		return sameFields(a, b)
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	default:
		return reflect.DeepEqual(valueOf(a), valueOf(b))
	}
}

func sameFields(a, b reflect.Value) bool {
	for i := 0; i < a.NumField(); i++ {
		if !sameValue(a.Field(i), b.Field(i)) {
			return false
		}
	}
	return true
}

// valueOf reads a value even from an unexported struct field.
func valueOf(v reflect.Value) any {
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint()
	default:
		return v.Interface()
	}
}

func TestSameValueDetectsDifferences(t *testing.T) {
	a := StakePacket{Delegator: "d", Validator: "v", Stake: NewCoin("u", sdkmath.NewInt(5)), TxID: 1}
	b := a
	b.Stake = NewCoin("u", sdkmath.NewInt(6))
	if sameValue(reflect.ValueOf(a), reflect.ValueOf(b)) {
		t.Fatal("different amounts compared equal")
	}
	c := a
	c.TxID = 2
	if sameValue(reflect.ValueOf(a), reflect.ValueOf(c)) {
		t.Fatal("different tx ids compared equal")
	}
	if !sameValue(reflect.ValueOf(BurnPacket{Validators: nil}), reflect.ValueOf(BurnPacket{Validators: []string{}})) {
		t.Fatal("nil and empty lists should compare equal")
	}
	if sameValue(reflect.ValueOf(NewResultAck([]byte("{}"))), reflect.ValueOf(NewResultAck([]byte("[]")))) {
		t.Fatal("different ack results compared equal")
	}
}
