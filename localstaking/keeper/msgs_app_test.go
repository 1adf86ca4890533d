package keeper_test

import (
	"encoding/binary"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/address"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestMsgErrorsChangeNothing checks each Msg error returns a registered error, that a non-owner
// cannot act on another user's account (the ante handler refuses a signature that is not the
// owner's), and that state is unchanged after every failure.
func TestMsgErrorsChangeNothing(t *testing.T) {
	e := newEnv(t)
	owner, stranger := e.chain.Accounts[0], e.chain.Accounts[1]
	val, other := e.chain.Validators[0].ValAddress(), e.chain.Validators[1].ValAddress()
	e.stakeLocal(owner, 1_000_000, 500_000, val)
	account := e.account(owner.Address)
	snapshot := func() []any {
		return []any{e.delegationWorth(account, val), e.vaultAccount(owner.Address), e.balance(account), e.lent()}
	}
	before := snapshot()

	requireCode(t, e.deliver(stranger, &types.MsgUnstake{Owner: stranger.String(), Validator: val.String(), Amount: coin(1)}),
		types.ErrNoAccount.ABCICode())
	requireCode(t, e.deliver(owner, &types.MsgUnstake{Owner: owner.String(), Validator: val.String(), Amount: coin(500_001)}),
		types.ErrInsufficientStake.ABCICode())
	requireCode(t, e.deliver(owner, &types.MsgUnstake{Owner: owner.String(), Validator: val.String(), Amount: sdk.NewInt64Coin("other", 1)}),
		types.ErrWrongDenom.ABCICode())
	requireCode(t, e.deliver(owner, &types.MsgUnstake{Owner: owner.String(), Validator: other.String(), Amount: coin(1)}),
		types.ErrNoPosition.ABCICode())
	requireCode(t, e.deliver(owner, &types.MsgRedelegate{Owner: owner.String(), SrcValidator: val.String(),
		DstValidator: val.String(), Amount: coin(1)}), types.ErrSameValidator.ABCICode())
	requireCode(t, e.deliver(owner, &types.MsgReleaseUnbonded{Owner: owner.String()}), types.ErrNothingToRelease.ABCICode())
	requireCode(t, e.deliver(stranger, &types.MsgWithdrawRewards{Owner: stranger.String()}), types.ErrNoAccount.ABCICode())
	requireCode(t, e.deliver(owner, &types.MsgRestake{Owner: owner.String(), Validator: val.String(), Amount: coin(1)}),
		types.ErrInsufficientStake.ABCICode())
	requireCode(t, e.deliver(owner, &types.MsgUpdateParams{Authority: owner.String(), Params: types.DefaultParams()}),
		types.ErrUnauthorized.ABCICode())

	err := e.deliver(stranger, &types.MsgUnstake{Owner: owner.String(), Validator: val.String(), Amount: coin(1)})
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr, "a non-owner cannot sign for the owner's account")
	require.Equal(t, sdkerrors.RootCodespace, txErr.Codespace, txErr.Error())
	require.Equal(t, sdkerrors.ErrInvalidPubKey.ABCICode(), txErr.Code, "the signature is not the owner's: %s", txErr.Error())
	require.Equal(t, before, snapshot())
	e.checkInvariants()
}

// TestPrecreatedAccountWithKeyIsNotUsed plants an account with a public key at the address a
// user's derived account would get; local staking must skip it.
func TestPrecreatedAccountWithKeyIsNotUsed(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	ctx, _ := e.chain.Context().CacheContext()
	height := make([]byte, 8)
	binary.BigEndian.PutUint64(height, uint64(ctx.BlockHeight()))
	planted := sdk.AccAddress(address.Module(types.ModuleName, user.Address, height, []byte{0}))
	ak := e.chain.App.AccountKeeper
	ak.SetAccount(ctx, authtypes.NewBaseAccount(planted, secp256k1.GenPrivKey().PubKey(), ak.NextAccountNumber(ctx), 0))

	vaultMsgs := vaultkeeper.NewMsgServerImpl(e.chain.App.VaultKeeper)
	_, err := vaultMsgs.Bond(ctx, &vaulttypes.MsgBond{Owner: user.String(), Amount: coin(1_000)})
	require.NoError(t, err)
	_, err = vaultMsgs.StakeLocal(ctx, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(1_000), Validator: val.String()})
	require.NoError(t, err)
	account, err := e.chain.App.LocalStakingKeeper.AccountOf(ctx, user.Address)
	require.NoError(t, err)
	require.NotEqual(t, planted, account)
	_, err = e.chain.App.StakingKeeper.GetDelegation(ctx, planted, val)
	require.ErrorIs(t, err, stakingtypes.ErrNoDelegation)
	del, err := e.chain.App.StakingKeeper.GetDelegation(ctx, account, val)
	require.NoError(t, err)
	require.Equal(t, int64(1_000), del.Shares.TruncateInt64())
}

// TestFiftyUnstakesStayWithinEntryLimit sends 50 unstake requests within one unbonding period:
// all succeed, the account never holds more unbonding entries than x/staking allows, and every
// token eventually returns to the vault.
func TestFiftyUnstakesStayWithinEntryLimit(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	e.stakeLocal(user, 1_000_000, 1_000_000, val)
	account := e.account(user.Address)
	maxEntries, err := e.chain.App.StakingKeeper.MaxEntries(e.chain.Context())
	require.NoError(t, err)
	entries := func() int {
		ubd, err := e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), account, val)
		if err != nil {
			return 0
		}
		return len(ubd.Entries)
	}
	for i := 0; i < 50; i++ {
		require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(1_000)}))
		require.LessOrEqual(t, entries(), int(maxEntries))
	}
	for i := 0; i < 40; i++ {
		require.NoError(t, e.net.AdvanceTime(30*time.Second))
		require.LessOrEqual(t, entries(), int(maxEntries))
	}
	require.Equal(t, int64(950_000), e.delegationWorth(account, val).Int64())
	require.Zero(t, entries(), "every batch has matured")
	require.NoError(t, e.deliver(user, &types.MsgReleaseUnbonded{Owner: user.String()}))
	acct := e.vaultAccount(user.Address)
	require.Equal(t, int64(950_000), acct.MaxLien.High.Int64())
	require.Equal(t, int64(950_000), e.lent().Int64())
	e.checkInvariants()
}

// TestRestakeMovesANativeDelegation moves part of a native delegation into the vault without the
// tokens leaving the bonded pool.
func TestRestakeMovesANativeDelegation(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	require.NoError(t, e.deliver(user, &stakingtypes.MsgDelegate{DelegatorAddress: user.String(),
		ValidatorAddress: val.String(), Amount: coin(500_000)}))
	bonded := e.balance(e.chain.App.AccountKeeper.GetModuleAddress(stakingtypes.BondedPoolName))

	require.NoError(t, e.deliver(user, &types.MsgRestake{Owner: user.String(), Validator: val.String(), Amount: coin(200_000)}))
	account := e.account(user.Address)
	require.Equal(t, int64(300_000), e.delegationWorth(user.Address, val).Int64())
	require.Equal(t, int64(200_000), e.delegationWorth(account, val).Int64())
	require.Equal(t, bonded, e.balance(e.chain.App.AccountKeeper.GetModuleAddress(stakingtypes.BondedPoolName)))
	acct := e.vaultAccount(user.Address)
	require.Equal(t, int64(200_000), acct.Collateral.Int64())
	require.Equal(t, int64(200_000), acct.MaxLien.High.Int64())
	require.Equal(t, int64(200_000), e.lent().Int64())
	e.checkInvariants()
}

// TestMsgHandlersFailWithoutWrites calls the message handlers directly, with no transaction cache
// around them, so a write made before a failure would stay: every failing message must leave local
// staking's and the vault's whole state, and the balances involved, exactly as they were.
func TestMsgHandlersFailWithoutWrites(t *testing.T) {
	e := newEnv(t)
	owner, stranger := e.chain.Accounts[0], e.chain.Accounts[1]
	val, other := e.chain.Validators[0].ValAddress(), e.chain.Validators[1].ValAddress()
	e.stakeLocal(owner, 1_000_000, 500_000, val)
	account := e.account(owner.Address)
	ctx, _ := e.chain.Context().CacheContext()
	app := e.chain.App
	state := func() []any {
		local, err := app.LocalStakingKeeper.ExportGenesis(ctx)
		require.NoError(t, err)
		vault, err := app.VaultKeeper.ExportGenesis(ctx)
		require.NoError(t, err)
		return []any{local, vault, app.BankKeeper.GetAllBalances(ctx, account), app.BankKeeper.GetAllBalances(ctx, owner.Address),
			app.BankKeeper.GetSupply(ctx, denom)}
	}
	before := state()
	for _, c := range []struct {
		msg  sdk.Msg
		want error
	}{
		{&types.MsgUnstake{Owner: stranger.String(), Validator: val.String(), Amount: coin(1)}, types.ErrNoAccount},
		{&types.MsgUnstake{Owner: owner.String(), Validator: val.String(), Amount: coin(500_001)}, types.ErrInsufficientStake},
		{&types.MsgUnstake{Owner: owner.String(), Validator: val.String(), Amount: sdk.NewInt64Coin("other", 1)}, types.ErrWrongDenom},
		{&types.MsgUnstake{Owner: owner.String(), Validator: other.String(), Amount: coin(1)}, types.ErrNoPosition},
		{&types.MsgRedelegate{Owner: owner.String(), SrcValidator: val.String(), DstValidator: val.String(), Amount: coin(1)}, types.ErrSameValidator},
		{&types.MsgRedelegate{Owner: owner.String(), SrcValidator: val.String(), DstValidator: other.String(), Amount: coin(500_001)}, types.ErrInsufficientStake},
		{&types.MsgReleaseUnbonded{Owner: owner.String()}, types.ErrNothingToRelease},
		{&types.MsgWithdrawRewards{Owner: stranger.String()}, types.ErrNoAccount},
		{&types.MsgRestake{Owner: owner.String(), Validator: val.String(), Amount: coin(1)}, types.ErrInsufficientStake},
		{&types.MsgUpdateParams{Authority: owner.String(), Params: types.DefaultParams()}, types.ErrUnauthorized},
	} {
		_, err := app.MsgServiceRouter().Handler(c.msg)(ctx, c.msg)
		require.ErrorIs(t, err, c.want, "%T", c.msg)
		require.Equal(t, before, state(), "%T left state behind", c.msg)
	}
}
