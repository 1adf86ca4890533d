package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers the Msgs' amino names, for hardware wallets.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgCreatePairing{}, "mesh/conv/MsgCreatePairing")
	legacy.RegisterAminoMsg(cdc, &MsgUpdatePairing{}, "mesh/conv/MsgUpdatePairing")
	legacy.RegisterAminoMsg(cdc, &MsgPausePairing{}, "mesh/conv/MsgPausePairing")
	legacy.RegisterAminoMsg(cdc, &MsgClosePairing{}, "mesh/conv/MsgClosePairing")
	legacy.RegisterAminoMsg(cdc, &MsgReopenPairing{}, "mesh/conv/MsgReopenPairing")
	legacy.RegisterAminoMsg(cdc, &MsgUpdatePrice{}, "mesh/conv/MsgUpdatePrice")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "mesh/conv/MsgUpdateParams")
	cdc.RegisterConcrete(&Params{}, "mesh/x/converter/Params", nil)
}

// RegisterInterfaces registers the Msgs and the Msg service.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgCreatePairing{}, &MsgUpdatePairing{}, &MsgPausePairing{}, &MsgClosePairing{},
		&MsgReopenPairing{}, &MsgUpdatePrice{}, &MsgUpdateParams{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
