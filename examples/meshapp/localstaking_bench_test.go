package meshapp_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	localstakingtypes "github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// BenchmarkVaultStakeLocalFirst measures a user's first local stake (the derived account is
// created, the lien opened and the delegation made) as a whole signed transaction, next to
// BenchmarkNativeMsgDelegate (target: at most 1.15 times its gas).
func BenchmarkVaultStakeLocalFirst(b *testing.B) {
	chain := benchChain(b)
	funder := chain.Accounts[0]
	validator := chain.Validators[0].ValAddress().String()
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		user := newBondedUser(b, chain, funder, 10_000)
		return testutil.TxCase{Signer: user, Msgs: []sdk.Msg{&vaulttypes.MsgStakeLocal{
			Owner: user.String(), Amount: sdk.NewInt64Coin(benchDenom, 1_000), Validator: validator,
		}}}
	})
}

// BenchmarkVaultStakeLocalAgain measures a further local stake by a user who already stakes
// locally, next to BenchmarkNativeMsgDelegate (an existing delegator delegating again).
func BenchmarkVaultStakeLocalAgain(b *testing.B) {
	chain := benchChain(b)
	validator := chain.Validators[0].ValAddress().String()
	user := newBondedUser(b, chain, chain.Accounts[0], 10_000_000)
	stake := &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: sdk.NewInt64Coin(benchDenom, 1_000), Validator: validator}
	mustDeliver(b, chain, user, stake)
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: user, Msgs: []sdk.Msg{stake}}
	})
}

// BenchmarkLocalUnstake measures a local unstake request, next to BenchmarkNativeMsgUndelegate
// (target: at most its gas). The undelegation itself happens in local staking's EndBlock batch.
func BenchmarkLocalUnstake(b *testing.B) {
	chain := benchChain(b)
	validator := chain.Validators[0].ValAddress().String()
	user := newBondedUser(b, chain, chain.Accounts[0], 10_000_000)
	mustDeliver(b, chain, user, &vaulttypes.MsgStakeLocal{
		Owner: user.String(), Amount: sdk.NewInt64Coin(benchDenom, 5_000_000), Validator: validator,
	})
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: user, Msgs: []sdk.Msg{&localstakingtypes.MsgUnstake{
			Owner: user.String(), Validator: validator, Amount: sdk.NewInt64Coin(benchDenom, 1),
		}}}
	})
}

// newBondedUser funds a fresh account from funder and bonds amount of it in the vault.
func newBondedUser(b *testing.B, chain *testutil.Chain, funder testutil.Account, amount int64) testutil.Account {
	b.Helper()
	user := testutil.NewAccount()
	funds := sdk.NewCoins(sdk.NewCoin(benchDenom, sdkmath.NewInt(amount+1_000_000)))
	mustDeliver(b, chain, funder, banktypes.NewMsgSend(funder.Address, user.Address, funds))
	mustDeliver(b, chain, user, &vaulttypes.MsgBond{Owner: user.String(), Amount: sdk.NewInt64Coin(benchDenom, amount)})
	return user
}
