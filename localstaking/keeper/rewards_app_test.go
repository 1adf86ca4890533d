package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// withdrawInCache runs MsgWithdrawRewards in a cache context of the committed state and returns
// its response and what the owner's balance gained there.
func (e *env) withdrawInCache(owner sdk.AccAddress) (sdk.Coins, sdkmath.Int) {
	e.t.Helper()
	ctx, _ := e.chain.Context().CacheContext()
	before := e.chain.App.BankKeeper.GetBalance(ctx, owner, denom).Amount
	res, err := keeper.NewMsgServerImpl(e.chain.App.LocalStakingKeeper).WithdrawRewards(ctx,
		&types.MsgWithdrawRewards{Owner: owner.String()})
	require.NoError(e.t, err)
	return res.Amount, e.chain.App.BankKeeper.GetBalance(ctx, owner, denom).Amount.Sub(before)
}

// TestWithdrawAddressDisabled runs local staking on a chain with x/distribution's
// withdraw_addr_enabled=false. The first stake still creates the account (its withdraw address
// stays the account itself); rewards x/distribution pays into the account when its delegations
// change are neither a loss nor principal: a release returns exactly the principal to the vault,
// and MsgWithdrawRewards pays the owner those rewards together with the ones it withdraws.
func TestWithdrawAddressDisabled(t *testing.T) {
	e := newEnv(t, noWithdrawAddr)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	e.stakeLocal(user, 1_000_000, 600_000, val)
	account := e.account(user.Address)
	e.chain.NextBlocks(5)
	require.NoError(t, e.deliver(user, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(100_000), Validator: val.String()}))
	require.True(t, e.balance(account).IsPositive(), "the delegation change paid rewards into the account")
	e.checkInvariants()

	require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(200_000)}))
	for queuedBatchesOf(t, e) > 0 {
		e.chain.NextBlock()
	}
	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod+time.Minute))
	e.chain.NextBlock()
	vault := e.chain.App.AccountKeeper.GetModuleAddress("vault")
	vaultBefore, rewards := e.balance(vault), e.balance(account).SubRaw(200_000)
	require.True(t, rewards.IsPositive(), "rewards sit in the account next to the matured principal")
	require.NoError(t, e.deliver(user, &types.MsgReleaseUnbonded{Owner: user.String()}))
	require.Equal(t, vaultBefore.AddRaw(200_000), e.balance(vault), "only principal returns to the vault")
	require.Equal(t, rewards, e.balance(account), "the rewards stay the owner's")
	require.Equal(t, int64(500_000), e.vaultAccount(user.Address).MaxLien.High.Int64())
	e.checkInvariants()

	paid, gained := e.withdrawInCache(user.Address)
	require.Equal(t, gained, paid.AmountOf(denom))
	require.True(t, gained.GT(rewards), "the held rewards and the newly withdrawn ones")
	ownerBefore := e.balance(user.Address)
	require.NoError(t, e.deliver(user, &types.MsgWithdrawRewards{Owner: user.String()}))
	require.True(t, e.balance(account).IsZero(), "nothing but principal stays in the account")
	require.True(t, e.balance(user.Address).Sub(ownerBefore).GT(rewards))
	require.Equal(t, int64(500_000), e.delegationWorth(account, val).Int64())
	require.Equal(t, int64(500_000), e.vaultAccount(user.Address).MaxLien.High.Int64())
	e.checkInvariants()
}

// TestWithdrawRewardsAfterSlashEmptiedPosition redelegates a user's stake and then slashes the
// source validator at full strength for an infraction before the redelegation: x/staking's
// redelegation slash removes the whole delegation at the destination, whose position the vault
// has not settled yet. MsgWithdrawRewards settles the user first, so it withdraws the rewards of
// the user's other delegation instead of failing on the emptied one.
func TestWithdrawRewardsAfterSlashEmptiedPosition(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	v0, v1, v2 := e.chain.Validators[0], e.chain.Validators[1].ValAddress(), e.chain.Validators[2].ValAddress()
	e.stakeLocal(user, 1_000_000, 300_000, v0.ValAddress())
	require.NoError(t, e.deliver(user, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(300_000), Validator: v2.String()}))
	before := e.now()
	require.NoError(t, e.deliver(user, &types.MsgRedelegate{Owner: user.String(), SrcValidator: v0.ValAddress().String(),
		DstValidator: v1.String(), Amount: coin(200_000)}))
	e.chain.NextBlocks(5)
	account := e.account(user.Address)

	ctx, _ := e.chain.Context().CacheContext()
	sk := e.chain.App.StakingKeeper
	power := sk.TokensToConsensusPower(ctx, testutil.DefaultValidatorStake)
	// What x/evidence does for a double sign (through x/slashing), at full strength and without
	// the block's crank.
	require.NoError(t, e.chain.App.SlashingKeeper.SlashWithInfractionReason(ctx, v0.ConsAddress(), sdkmath.LegacyOneDec(),
		power, before.height, stakingtypes.Infraction_INFRACTION_DOUBLE_SIGN))
	_, err := sk.GetDelegation(ctx, account, v1)
	require.Error(t, err, "the redelegation slash removed the whole delegation")
	has, err := e.chain.App.LocalStakingKeeper.Positions.Has(ctx, collections.Join(user.Address, v1))
	require.NoError(t, err)
	require.True(t, has, "the vault has not settled the user yet")

	ownerBefore := e.chain.App.BankKeeper.GetBalance(ctx, user.Address, denom).Amount
	res, err := keeper.NewMsgServerImpl(e.chain.App.LocalStakingKeeper).WithdrawRewards(ctx,
		&types.MsgWithdrawRewards{Owner: user.String()})
	require.NoError(t, err)
	require.True(t, res.Amount.AmountOf(denom).IsPositive(), "the rewards of the other delegation")
	require.Equal(t, res.Amount.AmountOf(denom), e.chain.App.BankKeeper.GetBalance(ctx, user.Address, denom).Amount.Sub(ownerBefore))
	has, err = e.chain.App.LocalStakingKeeper.Positions.Has(ctx, collections.Join(user.Address, v1))
	require.NoError(t, err)
	require.False(t, has, "settlement removed the emptied position")
}
