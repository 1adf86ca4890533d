package keeper_test

import (
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	vestingtypes "github.com/cosmos/cosmos-sdk/x/auth/vesting/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
)

// TestRestakeRefusesRedelegatedStake redelegates part of a native delegation and asks to restake
// it at the destination while x/staking can still slash the redelegation. In the derived account
// the shares would be out of reach of x/staking's redelegation slash, so the restake is refused
// with ErrRedelegatedStake and changes nothing; once the redelegation has completed, the same
// restake succeeds.
func TestRestakeRefusesRedelegatedStake(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	v0, v1 := e.chain.Validators[0].ValAddress(), e.chain.Validators[1].ValAddress()
	require.NoError(t, e.deliver(user, &stakingtypes.MsgDelegate{DelegatorAddress: user.String(),
		ValidatorAddress: v0.String(), Amount: coin(500_000)}))
	require.NoError(t, e.deliver(user, &stakingtypes.MsgBeginRedelegate{DelegatorAddress: user.String(),
		ValidatorSrcAddress: v0.String(), ValidatorDstAddress: v1.String(), Amount: coin(200_000)}))
	restake := &types.MsgRestake{Owner: user.String(), Validator: v1.String(), Amount: coin(200_000)}

	requireCode(t, e.deliver(user, restake), types.ErrRedelegatedStake.ABCICode())
	require.Equal(t, int64(200_000), e.delegationWorth(user.Address, v1).Int64(), "the shares stay with the owner")
	_, err := e.chain.App.LocalStakingKeeper.AccountOf(e.chain.Context(), user.Address)
	require.ErrorIs(t, err, types.ErrNoAccount)
	require.True(t, e.vaultAccount(user.Address).Collateral.IsZero())
	require.True(t, e.lent().IsZero())

	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod+time.Minute))
	require.NoError(t, e.deliver(user, restake))
	require.True(t, e.delegationWorth(user.Address, v1).IsZero())
	require.Equal(t, int64(200_000), e.delegationWorth(e.account(user.Address), v1).Int64())
	require.Equal(t, int64(200_000), e.lent().Int64())
	e.checkInvariants()
}

// TestRestakeRefusesVestingAccount gives a continuous vesting account a native delegation and
// asks to restake it: x/bank tracks a vesting account's delegated tokens, which a move without a
// bank transfer would leave wrong, so the restake is refused with ErrVestingRestake and the
// delegation stays where it is. meshapp leaves x/auth/vesting out, so the test registers its
// account types as a chain with vesting accounts (from genesis, say) does.
func TestRestakeRefusesVestingAccount(t *testing.T) {
	e := newEnv(t)
	vestingtypes.RegisterInterfaces(e.chain.App.InterfaceRegistry())
	funder, owner := e.chain.Accounts[0], testutil.NewAccount()
	val := e.chain.Validators[0].ValAddress()
	ctx := e.chain.Context()
	locked := sdk.NewCoins(coin(500_000))
	vesting, err := vestingtypes.NewContinuousVestingAccount(authtypes.NewBaseAccountWithAddress(owner.Address), locked,
		ctx.BlockTime().Unix(), ctx.BlockTime().Add(365*24*time.Hour).Unix())
	require.NoError(t, err)
	ak := e.chain.App.AccountKeeper
	ak.SetAccount(ctx, ak.NewAccount(ctx, vesting))
	require.NoError(t, e.deliver(funder, &banktypes.MsgSend{FromAddress: funder.String(), ToAddress: owner.String(),
		Amount: sdk.NewCoins(coin(600_000))}))
	require.NoError(t, e.deliver(owner, &stakingtypes.MsgDelegate{DelegatorAddress: owner.String(),
		ValidatorAddress: val.String(), Amount: coin(500_000)}))

	requireCode(t, e.deliver(owner, &types.MsgRestake{Owner: owner.String(), Validator: val.String(), Amount: coin(200_000)}),
		types.ErrVestingRestake.ABCICode())
	require.Equal(t, int64(500_000), e.delegationWorth(owner.Address, val).Int64())
	_, err = e.chain.App.LocalStakingKeeper.AccountOf(e.chain.Context(), owner.Address)
	require.ErrorIs(t, err, types.ErrNoAccount)
	require.True(t, e.lent().IsZero())
}

// TestRestakeOutOfRemovedValidator restakes a user's whole delegation with a validator x/staking
// has unbonded and whose only delegator the user is: taking the shares out removes the validator,
// so they cannot be delegated again. The restake is refused with ErrUnknownValidator and the
// delegation and the validator stay as they were.
func TestRestakeOutOfRemovedValidator(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	v := e.chain.Validators[3]
	val := v.ValAddress()
	require.NoError(t, e.deliver(user, &stakingtypes.MsgDelegate{DelegatorAddress: user.String(),
		ValidatorAddress: val.String(), Amount: coin(1_000)}))
	require.NoError(t, e.deliver(v.Operator, &stakingtypes.MsgUndelegate{DelegatorAddress: v.Operator.String(),
		ValidatorAddress: val.String(), Amount: sdk.NewCoin(denom, testutil.DefaultValidatorStake)}))
	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod+time.Minute))
	e.chain.NextBlock()
	validator, err := e.chain.App.StakingKeeper.GetValidator(e.chain.Context(), val)
	require.NoError(t, err)
	require.True(t, validator.IsUnbonded())
	require.Equal(t, int64(1_000), validator.Tokens.Int64(), "the user's delegation is all that is left")

	requireCode(t, e.deliver(user, &types.MsgRestake{Owner: user.String(), Validator: val.String(), Amount: coin(1_000)}),
		types.ErrUnknownValidator.ABCICode())
	_, err = e.chain.App.StakingKeeper.GetValidator(e.chain.Context(), val)
	require.NoError(t, err, "the validator is still there")
	require.Equal(t, int64(1_000), e.delegationWorth(user.Address, val).Int64())
	require.True(t, e.lent().IsZero())
}
