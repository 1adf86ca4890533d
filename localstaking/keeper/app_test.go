package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
)

// TestStakeRewardsUnstakeRelease runs the whole local staking life cycle on meshapp through the
// block driver: stake, earn and withdraw rewards, unstake, wait out the batch and unbonding,
// release, with balances, vault figures and x/staking state asserted at each step.
func TestStakeRewardsUnstakeRelease(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	start := e.balance(user.Address)

	e.stakeLocal(user, 1_000_000, 600_000, val)
	account := e.account(user.Address)
	require.NotEqual(t, user.Address, account)
	require.Equal(t, int64(600_000), e.delegationWorth(account, val).Int64(), "x/staking holds the stake")
	acct := e.vaultAccount(user.Address)
	require.Equal(t, int64(1_000_000), acct.Collateral.Int64())
	require.Equal(t, int64(600_000), acct.MaxLien.High.Int64())
	require.Equal(t, int64(400_000), acct.Free.Low.Int64())
	require.Equal(t, int64(600_000), e.lent().Int64())
	require.True(t, e.balance(e.chain.App.AccountKeeper.GetModuleAddress(types.ModuleName)).IsZero())
	require.Equal(t, start.SubRaw(1_000_000), e.balance(user.Address))
	e.checkInvariants()

	e.chain.NextBlocks(5)
	before := e.balance(user.Address)
	require.NoError(t, e.deliver(user, &types.MsgWithdrawRewards{Owner: user.String()}))
	require.True(t, e.balance(user.Address).GT(before), "rewards reach the owner")
	require.True(t, e.balance(account).IsZero(), "nothing stays in the derived account")

	require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(250_000)}))
	require.Equal(t, int64(600_000), e.delegationWorth(account, val).Int64(), "the batch waits for its due time")
	batches, err := e.chain.App.LocalStakingKeeper.BatchQueue.Iterate(e.chain.Context(), nil)
	require.NoError(t, err)
	keys, err := batches.Keys()
	require.NoError(t, err)
	require.Len(t, keys, 1)

	require.NoError(t, e.net.AdvanceTime(2*time.Minute))
	require.Equal(t, int64(350_000), e.delegationWorth(account, val).Int64())
	ubd, err := e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), account, val)
	require.NoError(t, err)
	require.Len(t, ubd.Entries, 1)
	require.Equal(t, int64(250_000), ubd.Entries[0].Balance.Int64())
	e.checkInvariants()

	err = e.deliver(user, &types.MsgReleaseUnbonded{Owner: user.String()})
	requireCode(t, err, types.ErrNothingToRelease.ABCICode())

	require.NoError(t, e.net.AdvanceTime(11*time.Minute))
	e.chain.NextBlock()
	require.Equal(t, int64(250_000), e.balance(account).Int64(), "x/staking paid the matured entry")
	require.NoError(t, e.deliver(user, &types.MsgReleaseUnbonded{Owner: user.String()}))
	require.True(t, e.balance(account).IsZero())
	acct = e.vaultAccount(user.Address)
	require.Equal(t, int64(1_000_000), acct.Collateral.Int64())
	require.Equal(t, int64(350_000), acct.MaxLien.High.Int64())
	require.Equal(t, int64(650_000), acct.Free.Low.Int64())
	require.Equal(t, int64(350_000), e.lent().Int64())
	require.Equal(t, int64(650_000),
		e.balance(e.chain.App.AccountKeeper.GetModuleAddress("vault")).Int64(), "the released tokens are back in the vault")
	e.checkInvariants()
}

// TestLocalSlashingSettlesToTheUnit double-signs one validator and jails another for downtime
// through the driver; each affected user's collateral, max lien, slashable and free collateral
// follow the vault's rules exactly, and a user of a third validator is untouched.
func TestLocalSlashingSettlesToTheUnit(t *testing.T) {
	e := newEnv(t)
	signer, downer, bystander := e.chain.Accounts[0], e.chain.Accounts[1], e.chain.Accounts[2]
	v0, v1, v2 := e.chain.Validators[0], e.chain.Validators[1], e.chain.Validators[2]
	e.stakeLocal(signer, 1_000_000, 900_000, v0.ValAddress())
	e.stakeLocal(downer, 1_000_000, 900_000, v1.ValAddress())
	e.stakeLocal(bystander, 1_000_000, 900_000, v2.ValAddress())
	ratio, err := e.chain.App.SlashingKeeper.SlashFractionDoubleSign(e.chain.Context())
	require.NoError(t, err)
	slashable := ratio.MulInt64(900_000).TruncateInt()
	untouched := e.vaultAccount(bystander.Address)

	require.NoError(t, e.chain.InjectDoubleSign(v0))
	e.chain.NextBlock()
	e.chain.SetAbsent(v1)
	e.chain.NextBlocks(int(testutil.DefaultSignedBlocksWindow) + 2)
	ctx := e.chain.Context()
	tomb := e.chain.App.SlashingKeeper.IsTombstoned(ctx, v0.ConsAddress())
	require.True(t, tomb, "double sign tombstones")
	jailed, err := e.chain.App.StakingKeeper.GetValidator(ctx, v1.ValAddress())
	require.NoError(t, err)
	require.True(t, jailed.Jailed, "downtime jails")

	for _, c := range []struct {
		user testutil.Account
		val  sdk.ValAddress
	}{{signer, v0.ValAddress()}, {downer, v1.ValAddress()}} {
		worth := e.delegationWorth(e.account(c.user.Address), c.val)
		require.True(t, worth.LT(sdkmath.NewInt(900_000)), "x/staking slashed the delegation")
		loss := sdkmath.NewInt(900_000).Sub(worth)
		acct := e.vaultAccount(c.user.Address)
		require.Equal(t, sdkmath.NewInt(1_000_000).Sub(loss), acct.Collateral, "collateral drops by the loss")
		require.Equal(t, worth, acct.MaxLien.High, "the lien is what x/staking still holds")
		wantSlashable := slashable.Sub(ratio.MulInt(loss).TruncateInt())
		require.Equal(t, wantSlashable, acct.TotalSlashable.High)
		require.Equal(t, acct.Collateral.Sub(sdkmath.MaxInt(worth, wantSlashable)), acct.Free.Low)
	}
	require.Equal(t, untouched, e.vaultAccount(bystander.Address), "a user of another validator is untouched")
	e.checkInvariants()
}
