package types

import sdk "github.com/cosmos/cosmos-sdk/types"

var (
	_ sdk.Msg = &MsgCreatePairing{}
	_ sdk.Msg = &MsgUpdatePairing{}
	_ sdk.Msg = &MsgPausePairing{}
	_ sdk.Msg = &MsgClosePairing{}
	_ sdk.Msg = &MsgReopenPairing{}
	_ sdk.Msg = &MsgUpdatePrice{}
	_ sdk.Msg = &MsgUpdateParams{}
)
