package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestPositionsPerUserAreBounded: with max_positions_per_user at 2, a user holding stake with two
// validators (one of them only through an unbonding entry) can add to either, but a stake or a
// redelegation that would open a third is refused with ErrTooManyPositions and changes nothing.
func TestPositionsPerUserAreBounded(t *testing.T) {
	e := newEnv(t)
	k := e.chain.App.LocalStakingKeeper
	require.NoError(t, k.Params.Set(e.chain.Context(), types.Params{MaxBatchesPerBlock: 10, MaxPositionsPerUser: 2}))
	user := e.chain.Accounts[0]
	v0, v1, v2 := e.chain.Validators[0].ValAddress(), e.chain.Validators[1].ValAddress(), e.chain.Validators[2].ValAddress()
	e.stakeLocal(user, 1_000_000, 300_000, v0)
	require.NoError(t, e.deliver(user, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(100_000), Validator: v1.String()}))
	e.unstakeAll(user, v1.String(), 100_000)
	require.True(t, e.delegationWorth(e.account(user.Address), v1).IsZero(), "v1 is held only by an unbonding entry")

	err := e.deliver(user, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(100_000), Validator: v2.String()})
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr)
	require.Equal(t, lienholder.Codespace, txErr.Codespace)
	require.Equal(t, lienholder.ErrLienRefused.ABCICode(), txErr.Code)
	require.Contains(t, txErr.Log, types.ErrTooManyPositions.Error())
	requireCode(t, e.deliver(user, &types.MsgRedelegate{Owner: user.String(), SrcValidator: v0.String(),
		DstValidator: v2.String(), Amount: coin(1_000)}), types.ErrTooManyPositions.ABCICode())
	require.True(t, e.delegationWorth(e.account(user.Address), v2).IsZero())
	require.Equal(t, int64(400_000), e.vaultAccount(user.Address).MaxLien.High.Int64(), "300,000 staked and 100,000 unbonding")

	require.NoError(t, e.deliver(user, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(100_000), Validator: v1.String()}),
		"a validator held through an unbonding entry is already counted")
	require.NoError(t, e.deliver(user, &types.MsgRedelegate{Owner: user.String(), SrcValidator: v0.String(),
		DstValidator: v1.String(), Amount: coin(1_000)}))
	e.chain.NextBlock()
	e.checkInvariants()
}
