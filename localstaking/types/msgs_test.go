package types_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/meshsecurity/mesh/localstaking/types"
)

func TestMsgValidateBasic(t *testing.T) {
	owner := sdk.AccAddress(bytes.Repeat([]byte{1}, 20)).String()
	valA := sdk.ValAddress(bytes.Repeat([]byte{2}, 20)).String()
	valB := sdk.ValAddress(bytes.Repeat([]byte{3}, 20)).String()
	good := sdk.NewCoin("stake", math.NewInt(5))
	zero := sdk.NewCoin("stake", math.ZeroInt())
	weighted := func(opts ...*govv1.WeightedVoteOption) *types.MsgVoteWeighted {
		return &types.MsgVoteWeighted{Owner: owner, ProposalId: 1, Options: opts}
	}
	for _, tc := range []struct {
		name string
		msg  sdk.HasValidateBasic
		err  error
		text string
	}{
		{"unstake", &types.MsgUnstake{Owner: owner, Validator: valA, Amount: good}, nil, ""},
		{"unstake zero", &types.MsgUnstake{Owner: owner, Validator: valA, Amount: zero}, types.ErrInvalidAmount, `got "0stake"`},
		{"unstake bad validator", &types.MsgUnstake{Owner: owner, Validator: "x", Amount: good},
			types.ErrInvalidAddress, `validator "x" is not a validator operator address`},
		{"unstake bad owner", &types.MsgUnstake{Owner: valA, Validator: valA, Amount: good}, types.ErrInvalidAddress, "owner"},
		{"redelegate", &types.MsgRedelegate{Owner: owner, SrcValidator: valA, DstValidator: valB, Amount: good}, nil, ""},
		{"redelegate same", &types.MsgRedelegate{Owner: owner, SrcValidator: valA, DstValidator: valA, Amount: good},
			types.ErrSameValidator, "name another destination"},
		{"redelegate bad destination", &types.MsgRedelegate{Owner: owner, SrcValidator: valA, DstValidator: "", Amount: good},
			types.ErrInvalidAddress, "destination validator"},
		{"redelegate bad denom", &types.MsgRedelegate{Owner: owner, SrcValidator: valA, DstValidator: valB,
			Amount: sdk.Coin{Denom: "s", Amount: math.OneInt()}}, types.ErrInvalidAmount, "invalid denom"},
		{"withdraw", &types.MsgWithdrawRewards{Owner: owner}, nil, ""},
		{"withdraw bad owner", &types.MsgWithdrawRewards{Owner: ""}, types.ErrInvalidAddress, "owner"},
		{"vote", &types.MsgVote{Owner: owner, ProposalId: 1, Option: govv1.OptionYes}, nil, ""},
		{"vote unspecified", &types.MsgVote{Owner: owner, ProposalId: 1}, types.ErrGovFailed, "vote yes, no, abstain or no-with-veto"},
		{"weighted", weighted(&govv1.WeightedVoteOption{Option: govv1.OptionYes, Weight: "0.7"},
			&govv1.WeightedVoteOption{Option: govv1.OptionNo, Weight: "0.3"}), nil, ""},
		{"weighted empty", weighted(), types.ErrGovFailed, "at least one option"},
		{"weighted short", weighted(&govv1.WeightedVoteOption{Option: govv1.OptionYes, Weight: "0.7"}),
			types.ErrGovFailed, "the weights add up to 0.700000000000000000; they must add up to 1"},
		{"weighted twice", weighted(&govv1.WeightedVoteOption{Option: govv1.OptionYes, Weight: "0.5"},
			&govv1.WeightedVoteOption{Option: govv1.OptionYes, Weight: "0.5"}), types.ErrGovFailed, "appears twice"},
		{"weighted bad weight", weighted(&govv1.WeightedVoteOption{Option: govv1.OptionYes, Weight: "2"}),
			types.ErrGovFailed, "option 1"},
		{"release", &types.MsgReleaseUnbonded{Owner: owner}, nil, ""},
		{"release bad owner", &types.MsgReleaseUnbonded{Owner: "x"}, types.ErrInvalidAddress, "owner"},
		{"restake", &types.MsgRestake{Owner: owner, Validator: valB, Amount: good}, nil, ""},
		{"restake unset amount", &types.MsgRestake{Owner: owner, Validator: valB}, types.ErrInvalidAmount, "must be positive"},
		{"update params", &types.MsgUpdateParams{Authority: owner, Params: types.DefaultParams()}, nil, ""},
		{"update params bad authority", &types.MsgUpdateParams{Authority: "", Params: types.DefaultParams()},
			types.ErrInvalidAddress, "authority"},
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
