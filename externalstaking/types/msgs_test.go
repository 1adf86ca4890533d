package types_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

func TestValidateBasic(t *testing.T) {
	owner := authtypes.NewModuleAddress("someone").String()
	cases := []struct {
		msg  sdk.HasValidateBasic
		want *errorsmod.Error
	}{
		{&types.MsgUnstake{Owner: owner, PairingId: "cons", Validator: "v", Amount: math.NewInt(1)}, nil},
		{&types.MsgUnstake{Owner: "nope", PairingId: "cons", Validator: "v", Amount: math.NewInt(1)}, types.ErrInvalidAddress},
		{&types.MsgUnstake{Owner: owner, PairingId: "Bad Id", Validator: "v", Amount: math.NewInt(1)}, types.ErrUnknownPairing},
		{&types.MsgUnstake{Owner: owner, PairingId: "cons", Validator: "", Amount: math.NewInt(1)}, types.ErrInvalidAddress},
		{&types.MsgUnstake{Owner: owner, PairingId: "cons", Validator: "v", Amount: math.ZeroInt()}, types.ErrInvalidAmount},
		{&types.MsgUnstake{Owner: owner, PairingId: "cons", Validator: "v"}, types.ErrInvalidAmount},
		{&types.MsgWithdrawUnbonded{Owner: owner, PairingId: "cons"}, nil},
		{&types.MsgWithdrawRewards{Owner: owner, PairingId: "cons", Validator: "v", Recipient: ""}, types.ErrInvalidAddress},
		{&types.MsgPausePairing{Authority: owner, PairingId: ""}, types.ErrUnknownPairing},
		{&types.MsgCreatePairing{Authority: owner}, types.ErrInvalidPairing},
		{&types.MsgUpdateParams{Authority: owner, Params: types.DefaultParams()}, nil},
		{&types.MsgUpdateParams{Authority: owner}, types.ErrInvalidParams},
	}
	for i, c := range cases {
		err := c.msg.ValidateBasic()
		if c.want == nil {
			require.NoError(t, err, "case %d", i)
		} else {
			require.ErrorIs(t, err, c.want, "case %d", i)
		}
	}
}
