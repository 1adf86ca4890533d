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

// TestTombstonedProposerLeavesTheSetAndTheClientStillUpdates double-signs with the proposer: once
// x/evidence removes it, the signing set picks another proposer, and the counterparty's light
// client accepts the headers signed after it.
func TestTombstonedProposerLeavesTheSetAndTheClientStillUpdates(t *testing.T) {
	net := testutil.NewNetwork(t)
	a := net.AddChain(testutil.ChainConfig{ChainID: "chain-a"})
	b := net.AddChain(testutil.ChainConfig{ChainID: "chain-b"})
	link, err := net.Connect(a, b)
	require.NoError(t, err)
	set, err := a.ValidatorSet(a.Height())
	require.NoError(t, err)
	proposer := set.GetProposer().Address
	var faulty testutil.Validator
	for _, v := range a.Validators {
		if v.ConsPubKey.Address().String() == proposer.String() {
			faulty = v
		}
	}
	require.NoError(t, a.InjectDoubleSign(faulty))
	a.NextBlock()
	require.True(t, a.App.SlashingKeeper.IsTombstoned(a.Context(), faulty.ConsAddress()))
	a.NextBlocks(3)
	after, err := a.ValidatorSet(a.Height())
	require.NoError(t, err)
	require.False(t, after.HasAddress(proposer))
	require.Equal(t, len(a.Validators)-1, after.Size())
	require.NotEqual(t, proposer.String(), after.GetProposer().Address.String())
	require.NoError(t, link.UpdateClients())
}
