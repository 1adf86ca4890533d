package testutil_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdkmath "cosmossdk.io/math"

	cmttypes "github.com/cometbft/cometbft/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/storeops"
)

// newTestChain starts a single chain with its own denom.
func newTestChain(t *testing.T) *testutil.Chain {
	t.Helper()
	return testutil.NewChain(t, testutil.ChainConfig{ChainID: "mesh-1", BondDenom: "umesh"})
}

func TestValidatorsEarnDistributionRewards(t *testing.T) {
	chain := newTestChain(t)
	chain.NextBlocks(5)

	ctx := chain.Context()
	for _, v := range chain.Validators {
		outstanding, err := chain.App.DistrKeeper.GetValidatorOutstandingRewards(ctx, v.ValAddress())
		require.NoError(t, err)
		amount := outstanding.Rewards.AmountOf("umesh")
		require.True(t, amount.IsPositive(), "validator %s earned nothing", v.ValAddress())

		commission, err := chain.App.DistrKeeper.GetValidatorAccumulatedCommission(ctx, v.ValAddress())
		require.NoError(t, err)
		require.True(t, commission.Commission.AmountOf("umesh").IsPositive())
	}

	// Validators, not the community pool, received the block rewards: the pool only gets the
	// community tax (2%), which it would exceed if the last commits carried no votes.
	feePool, err := chain.App.DistrKeeper.FeePool.Get(ctx)
	require.NoError(t, err)
	community := feePool.CommunityPool.AmountOf("umesh")
	require.True(t, community.IsPositive())
	total := sdkmath.LegacyZeroDec()
	for _, v := range chain.Validators {
		outstanding, err := chain.App.DistrKeeper.GetValidatorOutstandingRewards(ctx, v.ValAddress())
		require.NoError(t, err)
		total = total.Add(outstanding.Rewards.AmountOf("umesh"))
	}
	require.True(t, total.GT(community.MulInt64(10)), "validators %s, community pool %s", total, community)

	// Every validator signed every block.
	for _, v := range chain.Validators {
		info, err := chain.App.SlashingKeeper.GetValidatorSigningInfo(ctx, v.ConsAddress())
		require.NoError(t, err)
		require.Zero(t, info.MissedBlocksCounter)
		require.Positive(t, info.IndexOffset)
	}

	// Every validator signed every block with equal power, so they earned the same amount.
	first, err := chain.App.DistrKeeper.GetValidatorOutstandingRewards(ctx, chain.Validators[0].ValAddress())
	require.NoError(t, err)
	for _, v := range chain.Validators[1:] {
		other, err := chain.App.DistrKeeper.GetValidatorOutstandingRewards(ctx, v.ValAddress())
		require.NoError(t, err)
		require.Equal(t, first.Rewards, other.Rewards)
	}
}

func TestAbsentValidatorIsJailedForDowntime(t *testing.T) {
	chain := newTestChain(t)
	absent, present := chain.Validators[0], chain.Validators[1]
	chain.SetAbsent(absent)
	chain.NextBlocks(2 * testutil.DefaultSignedBlocksWindow)

	ctx := chain.Context()
	jailed, err := chain.App.StakingKeeper.GetValidator(ctx, absent.ValAddress())
	require.NoError(t, err)
	require.True(t, jailed.IsJailed())
	require.False(t, jailed.IsBonded())
	// Downtime slashes 1% of the stake.
	require.True(t, jailed.Tokens.LT(testutil.DefaultValidatorStake))

	other, err := chain.App.StakingKeeper.GetValidator(ctx, present.ValAddress())
	require.NoError(t, err)
	require.False(t, other.IsJailed())

	// The jailed validator left the set that signs the next blocks.
	next, err := chain.ValidatorSet(chain.Height() + 1)
	require.NoError(t, err)
	require.False(t, next.HasAddress(absent.ConsPubKey.Address()))
	require.True(t, next.HasAddress(present.ConsPubKey.Address()))
	require.Equal(t, len(chain.Validators)-1, next.Size())
}

func TestInjectedDoubleSignTombstonesValidator(t *testing.T) {
	chain := newTestChain(t)
	chain.NextBlocks(2)
	cheater := chain.Validators[2]
	require.NoError(t, chain.InjectDoubleSign(cheater))
	chain.NextBlock()

	ctx := chain.Context()
	require.True(t, chain.App.SlashingKeeper.IsTombstoned(ctx, cheater.ConsAddress()))
	validator, err := chain.App.StakingKeeper.GetValidator(ctx, cheater.ValAddress())
	require.NoError(t, err)
	require.True(t, validator.IsJailed())
	// The default double-sign fraction is 5%.
	expected := testutil.DefaultValidatorStake.Sub(testutil.DefaultValidatorStake.QuoRaw(20))
	require.Equal(t, expected, validator.Tokens)

	honest := chain.Validators[0]
	require.False(t, chain.App.SlashingKeeper.IsTombstoned(ctx, honest.ConsAddress()))
	honestValidator, err := chain.App.StakingKeeper.GetValidator(ctx, honest.ValAddress())
	require.NoError(t, err)
	require.Equal(t, testutil.DefaultValidatorStake, honestValidator.Tokens)
}

func TestConflictingVotesAreValidDuplicateVoteEvidence(t *testing.T) {
	chain := newTestChain(t)
	chain.NextBlocks(2)
	cheater := chain.Validators[1]
	height := chain.Height()
	voteA, voteB, err := chain.SignConflictingVotes(cheater, height)
	require.NoError(t, err)
	require.NotEqual(t, voteA.BlockID.Hash, voteB.BlockID.Hash)

	set, err := chain.ValidatorSet(height)
	require.NoError(t, err)
	evidence, err := cmttypes.NewDuplicateVoteEvidence(voteA, voteB, chain.LastBlockTime(), set)
	require.NoError(t, err)
	require.NoError(t, evidence.ValidateBasic())
	require.Equal(t, cheater.ConsPubKey.Address().Bytes(), evidence.VoteA.ValidatorAddress.Bytes())
	pubKey, err := cheater.ConsSigner.GetPubKey()
	require.NoError(t, err)
	require.NoError(t, voteA.Verify(chain.ChainID, pubKey))
	require.NoError(t, voteB.Verify(chain.ChainID, pubKey))
	require.Error(t, voteA.Verify("other-1", pubKey))
}

// TestTransactionStoreOpsAreCounted checks that the driver reports the store operations of the
// transaction it last ran: a bank transfer reads accounts and balances and writes both balances
// and the sender's sequence.
func TestTransactionStoreOpsAreCounted(t *testing.T) {
	chain := testutil.NewChain(t, testutil.ChainConfig{ChainID: "ops-1", BondDenom: "uops"})
	from, to := chain.Accounts[0], chain.Accounts[1]
	send := banktypes.NewMsgSend(from.Address, to.Address, sdk.NewCoins(sdk.NewInt64Coin("uops", 5)))
	// The first transaction may also record the sender's public key; the next two are alike.
	var ops []storeops.Counts
	for i := 0; i < 3; i++ {
		_, _, err := chain.DeliverTx(from, send)
		require.NoError(t, err)
		ops = append(ops, chain.LastTxStoreOps())
	}
	require.Positive(t, ops[1].Reads)
	require.GreaterOrEqual(t, ops[1].Writes, uint64(3))
	require.Equal(t, ops[1], ops[2])
}
