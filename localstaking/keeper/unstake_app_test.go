package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/localstaking/types"
)

// TestRedelegatedStakeLeavesUnbondedValidatorSlashable redelegates local stake to a validator
// x/staking has unbonded and unstakes it at once. The source validator can still be slashed for
// an infraction before the redelegation, so the unstake is not instant: it is queued, and its
// batch becomes an ordinary unbonding entry rather than liquid tokens. When the source validator
// is then proven to have double-signed before the redelegation, x/staking's redelegation slash
// reaches that entry and the vault settles the user's whole loss.
func TestRedelegatedStakeLeavesUnbondedValidatorSlashable(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	v0, v1 := e.chain.Validators[0], e.chain.Validators[1]
	e.unbondValidator(v1)
	e.stakeLocal(user, 1_000_000, 500_000, v0.ValAddress())
	before := e.now()
	require.NoError(t, e.deliver(user, &types.MsgRedelegate{Owner: user.String(), SrcValidator: v0.ValAddress().String(),
		DstValidator: v1.ValAddress().String(), Amount: coin(200_000)}))
	account := e.account(user.Address)
	unstake := &types.MsgUnstake{Owner: user.String(), Validator: v1.ValAddress().String(), Amount: coin(200_000)}

	ctx, _ := e.chain.Context().CacheContext()
	res, err := keeper.NewMsgServerImpl(e.chain.App.LocalStakingKeeper).Unstake(ctx, unstake)
	require.NoError(t, err)
	require.False(t, res.Instant, "a redelegation into the validator can still be slashed")
	require.NoError(t, e.deliver(user, unstake))
	for queuedBatchesOf(t, e) > 0 {
		e.chain.NextBlock()
	}
	require.True(t, e.balance(account).IsZero(), "nothing became liquid")
	ubd, err := e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), account, v1.ValAddress())
	require.NoError(t, err)
	require.Len(t, ubd.Entries, 1)
	require.Equal(t, int64(200_000), ubd.Entries[0].Balance.Int64())

	e.doubleSign(v0, before)
	ratio, err := e.chain.App.SlashingKeeper.SlashFractionDoubleSign(e.chain.Context())
	require.NoError(t, err)
	ubd, err = e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), account, v1.ValAddress())
	require.NoError(t, err)
	redelegated := sdkmath.NewInt(200_000).Sub(ratio.MulInt64(200_000).TruncateInt())
	require.Equal(t, redelegated, ubd.Entries[0].Balance, "the redelegation slash reached the unbonding entry")
	worth := e.delegationWorth(account, v0.ValAddress()).Add(redelegated)
	acct := e.vaultAccount(user.Address)
	require.Equal(t, sdkmath.NewInt(1_000_000).Sub(sdkmath.NewInt(500_000).Sub(worth)), acct.Collateral)
	require.Equal(t, worth, acct.MaxLien.High)
	e.checkInvariants()
}
