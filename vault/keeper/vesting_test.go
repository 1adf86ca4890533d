package keeper_test

import (
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	vestingtypes "github.com/cosmos/cosmos-sdk/x/auth/vesting/types"
	"github.com/stretchr/testify/require"

	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// Locked vesting tokens can be collateral: bonding goes through x/bank's delegation path, which
// tracks them as delegated vesting, and unbonding gives them back as still locked.
func TestBondVestingTokens(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	now := time.Unix(1_700_000_000, 0)
	f.Ctx = f.Ctx.WithBlockTime(now)
	u := user(7)
	locked := sdk.NewCoins(vtu.Coin(1000))
	base := authtypes.NewBaseAccountWithAddress(u)
	acc, err := vestingtypes.NewContinuousVestingAccount(base, locked, now.Unix(), now.Add(365*24*time.Hour).Unix())
	require.NoError(t, err)
	f.Accounts.SetAccount(f.Ctx, f.Accounts.NewAccount(f.Ctx, acc))
	f.Fund(t, u, 1000)

	// the tokens are locked: a plain send fails
	err = f.Bank.SendCoins(f.Ctx, u, user(8), sdk.NewCoins(vtu.Coin(1)))
	require.Error(t, err)

	_, err = f.Msg.Bond(f.Ctx, &types.MsgBond{Owner: u.String(), Amount: vtu.Coin(1000)})
	require.NoError(t, err)
	require.True(t, f.Balance(u).IsZero())
	vacc := f.Accounts.GetAccount(f.Ctx, u).(*vestingtypes.ContinuousVestingAccount)
	require.Equal(t, locked, vacc.DelegatedVesting)
	requireFigures(t, f, u, figures{1000, 0, 0, 0, 0, 1000, 1000})

	_, err = f.Msg.Unbond(f.Ctx, &types.MsgUnbond{Owner: u.String(), Amount: vtu.Coin(400)})
	require.NoError(t, err)
	vacc = f.Accounts.GetAccount(f.Ctx, u).(*vestingtypes.ContinuousVestingAccount)
	require.Equal(t, sdk.NewCoins(vtu.Coin(600)), vacc.DelegatedVesting)
	require.Equal(t, int64(400), f.Balance(u).Int64())
	require.Error(t, f.Bank.SendCoins(f.Ctx, u, user(8), sdk.NewCoins(vtu.Coin(1))), "still locked")
	requireInvariants(t, f)
}
