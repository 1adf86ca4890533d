package capture

import (
	"encoding/json"
	"fmt"

	collcodec "cosmossdk.io/collections/codec"
)

// jsonValue stores a value as its JSON encoding. The records here are Go structs of integers,
// strings, decimals and times, whose JSON encoding is deterministic.
type jsonValue[T any] struct{}

// Encode implements collcodec.ValueCodec.
func (jsonValue[T]) Encode(value T) ([]byte, error) { return json.Marshal(value) }

// Decode implements collcodec.ValueCodec.
func (jsonValue[T]) Decode(b []byte) (T, error) {
	var value T
	err := json.Unmarshal(b, &value)
	return value, err
}

// EncodeJSON implements collcodec.ValueCodec.
func (jsonValue[T]) EncodeJSON(value T) ([]byte, error) { return json.Marshal(value) }

// DecodeJSON implements collcodec.ValueCodec.
func (c jsonValue[T]) DecodeJSON(b []byte) (T, error) { return c.Decode(b) }

// Stringify implements collcodec.ValueCodec.
func (jsonValue[T]) Stringify(value T) string {
	b, err := json.Marshal(value)
	if err != nil {
		return fmt.Sprintf("%v", value)
	}
	return string(b)
}

// ValueType implements collcodec.ValueCodec.
func (jsonValue[T]) ValueType() string { return fmt.Sprintf("json(%T)", *new(T)) }

var (
	_ collcodec.ValueCodec[Event]          = jsonValue[Event]{}
	_ collcodec.ValueCodec[ValidatorState] = jsonValue[ValidatorState]{}
)
