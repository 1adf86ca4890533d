package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/localstaking/types"
)

// TestInstantUnstakeWaitsForBothEvidenceLimits: x/evidence accepts evidence while it is within
// either the consensus max age in blocks or in time. An unstake from an Unbonded validator is
// instant only once both have passed since the last block the validator could sign (blocks from
// its unbonding height plus the validator update delay, time from its unbonding completion); at
// exactly either limit it still queues an ordinary unbonding.
func TestInstantUnstakeWaitsForBothEvidenceLimits(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	v := e.chain.Validators[1]
	val := v.ValAddress()
	e.stakeLocal(user, 1_000_000, 600_000, val)
	e.unbondValidator(v)
	ctx := e.blockContext()
	validator, err := e.chain.App.StakingKeeper.GetValidator(ctx, val)
	require.NoError(t, err)
	blocks := ctx.BlockHeight() - validator.UnbondingHeight - 1
	age := ctx.BlockTime().Sub(validator.UnbondingTime)
	require.Positive(t, blocks)
	require.Positive(t, age)

	instant := func(maxAge time.Duration, maxBlocks int64) bool {
		t.Helper()
		cp := ctx.ConsensusParams()
		evidence := *cp.Evidence
		evidence.MaxAgeDuration, evidence.MaxAgeNumBlocks = maxAge, maxBlocks
		cp.Evidence = &evidence
		cached, _ := ctx.WithConsensusParams(cp).CacheContext()
		res, err := keeper.NewMsgServerImpl(e.chain.App.LocalStakingKeeper).Unstake(cached,
			&types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(300_000)})
		require.NoError(t, err)
		return res.Instant
	}
	require.True(t, instant(age-time.Nanosecond, blocks-1), "both limits passed")
	require.False(t, instant(age-time.Nanosecond, blocks), "evidence within the block limit is accepted")
	require.False(t, instant(age, blocks-1), "evidence within the time limit is accepted")
	require.False(t, instant(age+time.Hour, blocks+1000), "neither passed")

	e.setEvidenceMaxAge(time.Second, blocks+1000)
	account := e.account(user.Address)
	worth := e.delegationWorth(account, val)
	e.unstakeAll(user, val.String(), 300_000)
	require.True(t, e.balance(account).IsZero(), "nothing became liquid")
	ubd, err := e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), account, val)
	require.NoError(t, err)
	require.Len(t, ubd.Entries, 1)
	require.Equal(t, int64(300_000), ubd.Entries[0].Balance.Int64())
	require.Equal(t, worth.SubRaw(300_000), e.delegationWorth(account, val))
	e.checkInvariants()
}
