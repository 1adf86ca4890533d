// Package eventattr renders the components' typed events with plain attribute values, as x/bank
// and x/staking emit theirs: strings unquoted and amounts as coin strings such as 100stake.
package eventattr

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"

	storetypes "cosmossdk.io/store/types"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// amountKeys are the attributes that carry an amount of the module's denom.
var amountKeys = map[string]bool{
	"amount": true, "loss": true, "applied": true, "collateral": true, "burned": true, "debt": true,
}

var (
	wholeNumber   = regexp.MustCompile(`^\d+$`)
	leadingDigits = regexp.MustCompile(`^\d+`)
)

// Plain converts ev into an event of the same type (its protobuf name) whose attribute values
// are plain: JSON strings unquoted, a coin object as "100stake", and a bare whole number in an
// amount attribute (amount, loss, applied, collateral, burned, debt) suffixed with denom.
func Plain(ev proto.Message, denom string) (sdk.Event, error) {
	event, err := sdk.TypedEventToEvent(ev)
	if err != nil {
		return sdk.Event{}, err
	}
	for i, attr := range event.Attributes {
		event.Attributes[i].Value = plainValue(attr.Key, attr.Value, denom)
	}
	return event, nil
}

// plainValue is one attribute's plain form; a value it does not recognise stays as it is.
func plainValue(key, value, denom string) string {
	var coin struct {
		Denom  string `json:"denom"`
		Amount string `json:"amount"`
	}
	if err := json.Unmarshal([]byte(value), &coin); err == nil && coin.Denom != "" {
		return coin.Amount + coin.Denom
	}
	var text string
	if err := json.Unmarshal([]byte(value), &text); err != nil {
		return value
	}
	if amountKeys[key] && wholeNumber.MatchString(text) {
		return text + denom
	}
	return text
}

// Parse reverses Plain: it decodes an event Plain produced back into its typed message.
func Parse(ev abci.Event) (proto.Message, error) {
	found, err := proto.HybridResolver.FindDescriptorByName(protoreflect.FullName(ev.Type))
	if err != nil {
		return nil, err
	}
	desc, ok := found.(protoreflect.MessageDescriptor)
	if !ok {
		return nil, fmt.Errorf("%s is not a message", ev.Type)
	}
	typed := abci.Event{Type: ev.Type}
	for _, attr := range ev.Attributes {
		field := desc.Fields().ByName(protoreflect.Name(attr.Key))
		if field == nil {
			continue // added by baseapp, such as msg_index
		}
		value, err := jsonValue(field, attr.Key, attr.Value)
		if err != nil {
			return nil, err
		}
		typed.Attributes = append(typed.Attributes, abci.EventAttribute{Key: attr.Key, Value: value, Index: attr.Index})
	}
	return sdk.ParseTypedEvent(typed)
}

// jsonValue is the JSON form TypedEventToEvent gave the plain value of field.
func jsonValue(field protoreflect.FieldDescriptor, key, value string) (string, error) {
	if field.Message() != nil && field.Message().FullName() == "cosmos.base.v1beta1.Coin" {
		coin, err := sdk.ParseCoinNormalized(value)
		if err != nil {
			return "", err
		}
		bz, err := json.Marshal(map[string]string{"denom": coin.Denom, "amount": coin.Amount.String()})
		return string(bz), err
	}
	if field.Kind() == protoreflect.BoolKind || field.Kind() == protoreflect.EnumKind {
		return value, nil
	}
	if amountKeys[key] && field.Kind() == protoreflect.StringKind {
		value = leadingDigits.FindString(value)
	}
	bz, err := json.Marshal(value)
	return string(bz), err
}

// Emit emits ev on the context's event manager with plain attribute values, amounts suffixed with
// the denom that denomOf returns. Formatting an event costs no gas, so denomOf runs on an
// unmetered context.
func Emit(ctx context.Context, ev proto.Message, denomOf func(context.Context) (string, error)) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	denom, err := denomOf(sdkCtx.WithGasMeter(storetypes.NewInfiniteGasMeter()))
	if err != nil {
		return err
	}
	event, err := Plain(ev, denom)
	if err != nil {
		return err
	}
	sdkCtx.EventManager().EmitEvent(event)
	return nil
}

// EmitLenient is Emit for steps that must never fail (block steps, hooks, packet callbacks):
// without a denom the amounts stay bare, and an event that cannot be rendered is left out.
func EmitLenient(ctx context.Context, ev proto.Message, denomOf func(context.Context) (string, error)) {
	bare := func(ctx context.Context) (string, error) {
		denom, err := denomOf(ctx)
		if err != nil {
			denom = ""
		}
		return denom, nil
	}
	_ = Emit(ctx, ev, bare)
}
