package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestBurnOfLiquidPrincipalIsRecorded: a 400,000 entry has matured but is not released when the
// vault propagates a 500,000 loss. The burn takes the 400,000 liquid tokens and 100,000 of the
// delegation, and records the liquid principal as gone, so the next settlement sees no new loss
// and the user is charged once: collateral, local lien and lent all stay at 500,000.
func TestBurnOfLiquidPrincipalIsRecorded(t *testing.T) {
	e, holder := debtEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	e.stakeLocal(user, 1_000_000, 1_000_000, val)
	account := e.account(user.Address)
	e.unstakeAll(user, val.String(), 400_000)
	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod))
	e.chain.NextBlock()
	require.Equal(t, int64(400_000), e.balance(account).Int64(), "the entry matured and is not released")
	require.NoError(t, e.deliver(user, &vaulttypes.MsgStakeRemote{Owner: user.String(), Holder: testVirtualKind,
		Amount: coin(1_000_000), Validator: "n/a"}))
	supply := e.supply()

	holder.loss[user.String()] = sdkmath.NewInt(500_000)
	e.chain.NextBlock()
	require.Equal(t, supply.SubRaw(500_000), e.supply(), "500,000 burned")
	require.True(t, e.balance(account).IsZero(), "the liquid 400,000 burned")
	require.Equal(t, int64(500_000), e.delegationWorth(account, val).Int64(), "and 100,000 of the delegation")
	_, err := e.chain.App.LocalStakingKeeper.Holdings.Get(e.chain.Context(), user.Address)
	require.ErrorIs(t, err, collections.ErrNotFound, "no liquid principal is recorded any more")
	e.checkInvariants()

	e.chain.NextBlocks(2)
	require.Equal(t, supply.SubRaw(500_000), e.supply(), "nothing more burned")
	require.Equal(t, int64(500_000), e.vaultAccount(user.Address).Collateral.Int64())
	require.Equal(t, int64(500_000), e.lienOf(user.Address, "local").Int64())
	require.Equal(t, int64(500_000), e.lent().Int64())
	e.checkInvariants()
}
