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
	legacy.RegisterAminoMsg(cdc, &MsgCreatePairing{}, "mesh/ext/MsgCreatePairing")
	legacy.RegisterAminoMsg(cdc, &MsgUpdatePairing{}, "mesh/ext/MsgUpdatePairing")
	legacy.RegisterAminoMsg(cdc, &MsgPausePairing{}, "mesh/ext/MsgPausePairing")
	legacy.RegisterAminoMsg(cdc, &MsgClosePairing{}, "mesh/ext/MsgClosePairing")
	legacy.RegisterAminoMsg(cdc, &MsgReopenPairing{}, "mesh/ext/MsgReopenPairing")
	legacy.RegisterAminoMsg(cdc, &MsgAbandonPendingTxs{}, "mesh/ext/MsgAbandonPendingTxs")
	legacy.RegisterAminoMsg(cdc, &MsgUnstake{}, "mesh/ext/MsgUnstake")
	legacy.RegisterAminoMsg(cdc, &MsgWithdrawUnbonded{}, "mesh/ext/MsgWithdrawUnbonded")
	legacy.RegisterAminoMsg(cdc, &MsgWithdrawRewards{}, "mesh/ext/MsgWithdrawRewards")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "mesh/ext/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgSubmitConsumerDoubleSign{}, "mesh/ext/MsgSubmitConsumerDoubleSign")
	cdc.RegisterConcrete(&Params{}, "mesh/x/externalstaking/Params", nil)
}

// RegisterInterfaces registers the Msgs and the Msg service.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgCreatePairing{}, &MsgUpdatePairing{}, &MsgPausePairing{}, &MsgClosePairing{},
		&MsgReopenPairing{}, &MsgAbandonPendingTxs{}, &MsgUnstake{}, &MsgWithdrawUnbonded{}, &MsgWithdrawRewards{}, &MsgUpdateParams{},
		&MsgSubmitConsumerDoubleSign{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
