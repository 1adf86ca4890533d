package meshapp_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestVaultBondUnbondThroughTheApp bonds and unbonds collateral as real signed transactions on
// meshapp, checking balances, the vault's account figures and the vault's invariants.
func TestVaultBondUnbondThroughTheApp(t *testing.T) {
	chain := testutil.NewChain(t, testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov"})
	user := chain.Accounts[0]
	vaultAddr := chain.App.AccountKeeper.GetModuleAddress(vaulttypes.ModuleName)
	balance := func(addr sdk.AccAddress) sdkmath.Int {
		return chain.App.BankKeeper.GetBalance(chain.Context(), addr, "uprov").Amount
	}
	start := balance(user.Address)
	coin := func(v int64) sdk.Coin { return sdk.NewInt64Coin("uprov", v) }

	_, events, err := chain.DeliverTx(user, &vaulttypes.MsgBond{Owner: user.String(), Amount: coin(700)})
	require.NoError(t, err)
	require.True(t, hasEvent(events, "meshsecurity.vault.v1.EventBond"))
	require.Equal(t, start.SubRaw(700), balance(user.Address))
	require.Equal(t, int64(700), balance(vaultAddr).Int64())

	_, _, err = chain.DeliverTx(user, &vaulttypes.MsgUnbond{Owner: user.String(), Amount: coin(701)})
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr)
	require.Equal(t, vaulttypes.ModuleName, txErr.Codespace)
	require.Equal(t, vaulttypes.ErrInvalidAmount.ABCICode(), txErr.Code)
	require.Contains(t, txErr.Log, "you asked to unbond 701uprov but your collateral is 700uprov")
	require.Equal(t, int64(700), balance(vaultAddr).Int64(), "a failed unbond changes nothing")

	_, _, err = chain.DeliverTx(user, &vaulttypes.MsgBond{Owner: user.String(), Amount: sdk.NewInt64Coin("other", 5)})
	require.ErrorAs(t, err, &txErr)
	require.Equal(t, vaulttypes.ErrWrongDenom.ABCICode(), txErr.Code)

	_, _, err = chain.DeliverTx(user, &vaulttypes.MsgUnbond{Owner: user.String(), Amount: coin(300)})
	require.NoError(t, err)
	require.Equal(t, start.SubRaw(400), balance(user.Address))
	require.Equal(t, int64(400), balance(vaultAddr).Int64())

	q := vaultQuery(t, chain)
	acct, err := q.Account(chain.Context(), &vaulttypes.QueryAccountRequest{Address: user.String()})
	require.NoError(t, err)
	require.Equal(t, int64(400), acct.Collateral.Int64())
	require.Equal(t, int64(400), acct.Free.Low.Int64())
	require.Equal(t, "uprov", acct.Denom)
	require.NoError(t, chain.App.VaultKeeper.CheckInvariants(chain.Context()))
}

func hasEvent(events []abciEvent, kind string) bool {
	for _, ev := range events {
		if ev.Type == kind {
			return true
		}
	}
	return false
}

// BenchmarkVaultBond measures a vault bond as a whole signed transaction, next to
// BenchmarkNativeMsgSend on the same chain config (target: at most 1.5 times its gas).
func BenchmarkVaultBond(b *testing.B) {
	chain := benchChain(b)
	user := chain.Accounts[0]
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: user, Msgs: []sdk.Msg{&vaulttypes.MsgBond{Owner: user.String(), Amount: sdk.NewInt64Coin(benchDenom, 1)}}}
	})
}

// BenchmarkVaultUnbond measures a vault unbond as a whole signed transaction, next to
// BenchmarkNativeMsgSend (target: at most 1.5 times its gas).
func BenchmarkVaultUnbond(b *testing.B) {
	chain := benchChain(b)
	user := chain.Accounts[0]
	mustDeliver(b, chain, user, &vaulttypes.MsgBond{Owner: user.String(), Amount: sdk.NewInt64Coin(benchDenom, 1_000_000)})
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: user, Msgs: []sdk.Msg{&vaulttypes.MsgUnbond{Owner: user.String(), Amount: sdk.NewInt64Coin(benchDenom, 1)}}}
	})
}
