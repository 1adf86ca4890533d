package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/localstaking/types"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestSlashThroughRedelegationIsSeen: a user redelegates all of a stake from v0 to v1, so the
// user holds nothing with v0 any more. v0 is then proven to have double-signed before the
// redelegation: x/staking slashes the redelegation, which takes shares of the user's delegation
// with v1. The slash of v0 stamps v1 too, so the vault settles the user's loss in the next block.
func TestSlashThroughRedelegationIsSeen(t *testing.T) {
	e := newEnv(t, doubleSignFraction(fivePercent))
	user := e.chain.Accounts[0]
	v0, v1 := e.chain.Validators[0], e.chain.Validators[1]
	e.stakeLocal(user, 1_000_000, 400_000, v0.ValAddress())
	before := e.now()
	require.NoError(t, e.deliver(user, &types.MsgRedelegate{Owner: user.String(), SrcValidator: v0.ValAddress().String(),
		DstValidator: v1.ValAddress().String(), Amount: coin(400_000)}))
	e.chain.NextBlock()
	e.checkInvariants()

	e.doubleSign(v0, before)
	e.chain.NextBlock()
	require.Equal(t, int64(380_000), e.delegationWorth(e.account(user.Address), v1.ValAddress()).Int64(),
		"x/staking slashed the redelegation by 5%")
	acct := e.vaultAccount(user.Address)
	require.Equal(t, int64(980_000), acct.Collateral.Int64(), "the vault settled the 20,000 loss")
	require.Equal(t, int64(380_000), acct.MaxLien.High.Int64())
	e.checkInvariants()
}

// TestPendingSlashReadsTwoRecordsWhenNothingHappened: once a user with positions on three
// validators has been settled, PendingSlash answers zero at the same cost as for a user with one
// position (the user's stamp and the slash epoch). After a slash of a validator the user does not
// hold, one pass over the user's validators moves the stamp and the cost is back to the same; a
// slash of a validator the user holds brings a full valuation.
func TestPendingSlashReadsTwoRecordsWhenNothingHappened(t *testing.T) {
	e := newEnv(t)
	many, one := e.chain.Accounts[0], e.chain.Accounts[1]
	vals := e.chain.Validators
	e.stakeLocal(many, 1_000_000, 100_000, vals[0].ValAddress())
	for _, v := range vals[1:3] {
		require.NoError(t, e.deliver(many, &vaulttypes.MsgStakeLocal{Owner: many.String(), Amount: coin(100_000),
			Validator: v.ValAddress().String()}))
	}
	e.stakeLocal(one, 1_000_000, 100_000, vals[0].ValAddress())
	e.chain.NextBlock()
	k := e.chain.App.LocalStakingKeeper
	ctx, _ := e.chain.Context().CacheContext()
	pending := func(owner sdk.AccAddress) uint64 {
		t.Helper()
		metered := ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
		loss, err := k.PendingSlash(metered, lienholder.HolderID{Kind: lienholder.KindLocal}, owner)
		require.NoError(t, err)
		require.True(t, loss.IsZero())
		return metered.GasMeter().GasConsumed()
	}
	fast := pending(one.Address)
	require.Equal(t, fast, pending(many.Address), "the cost does not grow with the positions")
	require.Less(t, fast, uint64(2_200), "two small reads")

	require.NoError(t, k.Hooks().BeforeValidatorSlashed(ctx, vals[3].ValAddress(), sdkmath.LegacyNewDecWithPrec(1, 2)))
	require.Greater(t, pending(many.Address), fast, "one pass over the user's validators")
	pending(one.Address)
	fast = pending(one.Address)
	require.Equal(t, fast, pending(many.Address), "the stamp moved")
	require.Less(t, fast, uint64(2_200))

	require.NoError(t, k.Hooks().BeforeValidatorSlashed(ctx, vals[1].ValAddress(), sdkmath.LegacyNewDecWithPrec(1, 2)))
	full := pending(many.Address)
	require.Greater(t, full, 3*fast, "a slash of a validator the user holds values the user in full")
	require.Equal(t, fast, pending(many.Address), "nothing was lost, so the user is stamped again")
	pending(one.Address)
	require.Equal(t, fast, pending(one.Address))
}
