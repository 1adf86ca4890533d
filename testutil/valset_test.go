package testutil_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/testutil"
)

func TestSigningSetFollowsValidatorUpdates(t *testing.T) {
	chain := newTestChain(t)
	delegator := chain.Accounts[0]
	target := chain.Validators[0]
	// 100 more consensus power for the first validator.
	extra := sdk.NewCoin("umesh", testutil.DefaultValidatorStake)
	_, _, err := chain.DeliverTx(delegator, stakingtypes.NewMsgDelegate(delegator.String(), target.ValAddress().String(), extra))
	require.NoError(t, err)
	delegatedAt := chain.Height()

	// CometBFT applies updates returned at height h from height h+2.
	before, err := chain.ValidatorSet(delegatedAt + 1)
	require.NoError(t, err)
	_, val := before.GetByAddress(target.ConsPubKey.Address())
	require.Equal(t, int64(100), val.VotingPower)
	after, err := chain.ValidatorSet(delegatedAt + 2)
	require.NoError(t, err)
	_, val = after.GetByAddress(target.ConsPubKey.Address())
	require.Equal(t, int64(200), val.VotingPower)

	// A validator created by a transaction joins the signing set once its signer is registered.
	joining, err := testutil.NewValidator()
	require.NoError(t, err)
	require.NoError(t, chain.AddConsensusSigner(joining.ConsSigner))
	operator := chain.Accounts[1]
	create, err := stakingtypes.NewMsgCreateValidator(sdk.ValAddress(operator.Address).String(), joining.ConsPubKey,
		sdk.NewCoin("umesh", sdkmath.NewInt(50_000_000)), stakingtypes.NewDescription("joining", "", "", "", ""),
		stakingtypes.NewCommissionRates(sdkmath.LegacyZeroDec(), sdkmath.LegacyOneDec(), sdkmath.LegacyZeroDec()),
		sdkmath.OneInt())
	require.NoError(t, err)
	_, _, err = chain.DeliverTx(operator, create)
	require.NoError(t, err)
	chain.NextBlocks(3)

	current, err := chain.ValidatorSet(chain.Height())
	require.NoError(t, err)
	_, val = current.GetByAddress(joining.ConsPubKey.Address())
	require.NotNil(t, val)
	require.Equal(t, int64(50), val.VotingPower)

	// It signed the last blocks, so it earned rewards.
	outstanding, err := chain.App.DistrKeeper.GetValidatorOutstandingRewards(chain.Context(), sdk.ValAddress(operator.Address))
	require.NoError(t, err)
	require.True(t, outstanding.Rewards.AmountOf("umesh").IsPositive())
}
