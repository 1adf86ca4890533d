package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
)

// TestUnstakeUnbondsWhenEvidenceOutlivesUnbonding: with the consensus evidence max age longer
// than x/staking's unbonding time, evidence against an Unbonded validator can still arrive, so
// an unstake from it is not instant: it is queued and becomes an ordinary unbonding entry.
func TestUnstakeUnbondsWhenEvidenceOutlivesUnbonding(t *testing.T) {
	e := newEnv(t)
	e.setEvidenceMaxAge(testutil.DefaultUnbondingPeriod + time.Second)
	user := e.chain.Accounts[0]
	v := e.chain.Validators[1]
	val := v.ValAddress()
	e.stakeLocal(user, 1_000_000, 600_000, val)
	account := e.account(user.Address)
	e.unbondValidator(v)
	worth := e.delegationWorth(account, val)

	res, err := keeper.NewMsgServerImpl(e.chain.App.LocalStakingKeeper).Unstake(e.blockContext(),
		&types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(300_000)})
	require.NoError(t, err)
	require.False(t, res.Instant, "evidence may be older than the unbonding time")
	e.unstakeAll(user, val.String(), 300_000)
	require.True(t, e.balance(account).IsZero(), "nothing became liquid")
	ubd, err := e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), account, val)
	require.NoError(t, err)
	require.Len(t, ubd.Entries, 1)
	require.Equal(t, int64(300_000), ubd.Entries[0].Balance.Int64())
	require.Equal(t, worth.SubRaw(300_000), e.delegationWorth(account, val))
	e.checkInvariants()
}
