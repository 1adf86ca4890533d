package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// TestVoteCountsStakedWeight votes on a proposal from a user's derived account: x/gov's tally
// counts the locally staked tokens, as it would a native delegator's.
func TestVoteCountsStakedWeight(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	e.stakeLocal(user, 1_000_000, 600_000, val)
	deposit := sdk.NewCoins(coin(govv1.DefaultMinDepositTokens.Int64()))
	proposal, err := govv1.NewMsgSubmitProposal(nil, deposit, user.String(), "ipfs://proposal", "text", "a text proposal", false)
	require.NoError(t, err)
	require.NoError(t, e.deliver(user, proposal))

	require.NoError(t, e.deliver(user, &types.MsgVote{Owner: user.String(), ProposalId: 1, Option: govv1.OptionYes}))
	ctx := e.chain.Context()
	p, err := e.chain.App.GovKeeper.Proposals.Get(ctx, 1)
	require.NoError(t, err)
	_, _, tally, err := e.chain.App.GovKeeper.Tally(ctx, p)
	require.NoError(t, err)
	require.Equal(t, "600000", tally.YesCount)

	weighted := []*govv1.WeightedVoteOption{{Option: govv1.OptionNo, Weight: "0.25"}, {Option: govv1.OptionYes, Weight: "0.75"}}
	require.NoError(t, e.deliver(user, &types.MsgVoteWeighted{Owner: user.String(), ProposalId: 1, Options: weighted}))
	ctx = e.chain.Context()
	_, _, tally, err = e.chain.App.GovKeeper.Tally(ctx, p)
	require.NoError(t, err)
	require.Equal(t, "450000", tally.YesCount)
	require.Equal(t, "150000", tally.NoCount)

	requireCode(t, e.deliver(user, &types.MsgVote{Owner: user.String(), ProposalId: 99, Option: govv1.OptionYes}),
		types.ErrGovFailed.ABCICode())
}
