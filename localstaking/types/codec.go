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
	legacy.RegisterAminoMsg(cdc, &MsgUnstake{}, "mesh/localstaking/MsgUnstake")
	legacy.RegisterAminoMsg(cdc, &MsgRedelegate{}, "mesh/localstaking/MsgRedelegate")
	legacy.RegisterAminoMsg(cdc, &MsgWithdrawRewards{}, "mesh/localstaking/MsgWithdrawRewards")
	legacy.RegisterAminoMsg(cdc, &MsgVote{}, "mesh/localstaking/MsgVote")
	legacy.RegisterAminoMsg(cdc, &MsgVoteWeighted{}, "mesh/localstaking/MsgVoteWeighted")
	legacy.RegisterAminoMsg(cdc, &MsgReleaseUnbonded{}, "mesh/localstaking/MsgReleaseUnbonded")
	legacy.RegisterAminoMsg(cdc, &MsgRestake{}, "mesh/localstaking/MsgRestake")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "mesh/localstaking/MsgUpdateParams")
	cdc.RegisterConcrete(&Params{}, "mesh/x/localstaking/Params", nil)
}

// RegisterInterfaces registers the Msgs and the Msg service.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgUnstake{}, &MsgRedelegate{}, &MsgWithdrawRewards{}, &MsgVote{}, &MsgVoteWeighted{},
		&MsgReleaseUnbonded{}, &MsgRestake{}, &MsgUpdateParams{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
