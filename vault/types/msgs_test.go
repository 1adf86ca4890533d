package types_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/vault/types"
)

func TestMsgValidateBasic(t *testing.T) {
	owner := sdk.AccAddress(bytes.Repeat([]byte{1}, 20)).String()
	val := sdk.ValAddress(bytes.Repeat([]byte{2}, 20)).String()
	good := sdk.NewCoin("stake", math.NewInt(5))
	zero := sdk.NewCoin("stake", math.ZeroInt())
	negative := sdk.Coin{Denom: "stake", Amount: math.NewInt(-5)}
	badDenom := sdk.Coin{Denom: "5x", Amount: math.NewInt(5)}
	for _, tc := range []struct {
		name string
		msg  sdk.HasValidateBasic
		err  error
		text string
	}{
		{"bond", &types.MsgBond{Owner: owner, Amount: good}, nil, ""},
		{"bond zero", &types.MsgBond{Owner: owner, Amount: zero}, types.ErrInvalidAmount, `the amount must be positive, got "0stake"`},
		{"bond negative", &types.MsgBond{Owner: owner, Amount: negative}, types.ErrInvalidAmount, `got "-5stake"`},
		{"bond unset", &types.MsgBond{Owner: owner}, types.ErrInvalidAmount, "must be positive"},
		{"bond bad denom", &types.MsgBond{Owner: owner, Amount: badDenom}, types.ErrInvalidAmount, "invalid denom: 5x"},
		{"bond bad owner", &types.MsgBond{Owner: "cosmos1xyz", Amount: good}, types.ErrInvalidAddress, `owner "cosmos1xyz"`},
		{"unbond", &types.MsgUnbond{Owner: owner, Amount: good}, nil, ""},
		{"unbond zero", &types.MsgUnbond{Owner: owner, Amount: zero}, types.ErrInvalidAmount, "must be positive"},
		{"stake local", &types.MsgStakeLocal{Owner: owner, Validator: val, Amount: good}, nil, ""},
		{"stake local account as validator", &types.MsgStakeLocal{Owner: owner, Validator: owner, Amount: good},
			types.ErrInvalidAddress, "is not a validator operator address"},
		{"stake local zero", &types.MsgStakeLocal{Owner: owner, Validator: val, Amount: zero}, types.ErrInvalidAmount, "must be positive"},
		{"stake remote", &types.MsgStakeRemote{Owner: owner, Holder: "external/p1", Validator: "v", Amount: good}, nil, ""},
		{"stake remote bad holder", &types.MsgStakeRemote{Owner: owner, Holder: "", Validator: "v", Amount: good},
			types.ErrUnknownHolder, `holder ""`},
		{"stake remote no validator", &types.MsgStakeRemote{Owner: owner, Holder: "local", Amount: good},
			types.ErrInvalidAddress, "name the validator"},
		{"update params", &types.MsgUpdateParams{Authority: owner, Params: types.DefaultParams()}, nil, ""},
		{"update params bad authority", &types.MsgUpdateParams{Authority: "gov", Params: types.DefaultParams()},
			types.ErrInvalidAddress, `authority "gov"`},
		{"update params bad params", &types.MsgUpdateParams{Authority: owner}, types.ErrInvalidParams, ""},
	} {
		err := tc.msg.ValidateBasic()
		if tc.err == nil {
			require.NoError(t, err, tc.name)
			continue
		}
		require.ErrorIs(t, err, tc.err, tc.name)
		require.Contains(t, err.Error(), tc.text, tc.name)
	}
}
