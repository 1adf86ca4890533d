package meshapp_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/testutil"
)

// The native references the mesh transactions are compared with, measured as whole signed transactions on meshapp.
// A Mesh Security benchmark reports its own transactions with testutil.ReportTxGas on a chain
// built by benchChain's config, and is compared with these in the same run.

// benchDenom is the bond denom of the benchmark chain.
const benchDenom = "ubench"

// benchChain starts the chain every gas benchmark runs on, so their figures compare.
func benchChain(b *testing.B) *testutil.Chain {
	b.Helper()
	return testutil.NewChain(b, testutil.ChainConfig{ChainID: "bench-1", BondDenom: benchDenom})
}

// BenchmarkNativeMsgSend is the reference for vault bond and unbond: a bank transfer between
// two existing accounts.
func BenchmarkNativeMsgSend(b *testing.B) {
	chain := benchChain(b)
	from, to := chain.Accounts[0], chain.Accounts[1]
	coins := sdk.NewCoins(sdk.NewCoin(benchDenom, sdkmath.NewInt(1)))
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: from, Msgs: []sdk.Msg{banktypes.NewMsgSend(from.Address, to.Address, coins)}}
	})
}

// BenchmarkNativeMsgDelegate is the reference for staking through Mesh Security: a delegation
// to a bonded validator by an account that already delegates to it.
func BenchmarkNativeMsgDelegate(b *testing.B) {
	chain := benchChain(b)
	delegator := chain.Accounts[0]
	validator := chain.Validators[0].ValAddress().String()
	coin := sdk.NewCoin(benchDenom, sdkmath.NewInt(1_000))
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: delegator, Msgs: []sdk.Msg{stakingtypes.NewMsgDelegate(delegator.String(), validator, coin)}}
	})
}

// BenchmarkNativeMsgUndelegate is the reference for unstaking through Mesh Security: a fresh
// delegator undelegates its whole single delegation, so every measured transaction starts from
// the same state (x/staking caps unbonding entries per delegator and validator).
func BenchmarkNativeMsgUndelegate(b *testing.B) {
	chain := benchChain(b)
	funder := chain.Accounts[0]
	validator := chain.Validators[0].ValAddress().String()
	coin := sdk.NewCoin(benchDenom, sdkmath.NewInt(1_000))
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		delegator := testutil.NewAccount()
		funds := sdk.NewCoins(sdk.NewCoin(benchDenom, sdkmath.NewInt(1_000_000)))
		mustDeliver(b, chain, funder, banktypes.NewMsgSend(funder.Address, delegator.Address, funds))
		mustDeliver(b, chain, delegator, stakingtypes.NewMsgDelegate(delegator.String(), validator, coin))
		return testutil.TxCase{Signer: delegator, Msgs: []sdk.Msg{stakingtypes.NewMsgUndelegate(delegator.String(), validator, coin)}}
	})
}

// mustDeliver delivers a setup transaction and stops the benchmark if it fails.
func mustDeliver(b *testing.B, chain *testutil.Chain, signer testutil.Account, msgs ...sdk.Msg) {
	b.Helper()
	if _, _, err := chain.DeliverTx(signer, msgs...); err != nil {
		b.Fatal(err)
	}
}
