package meshapp_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/testutil"
)

// benchChain starts the chain every gas benchmark runs on, so their figures compare.
func benchChain(b *testing.B) *testutil.Chain {
	b.Helper()
	return testutil.NewChain(b, testutil.ChainConfig{ChainID: "bench-1", BondDenom: "ubench"})
}

// reportTxGas delivers the transaction built by newMsgs b.N times and reports the gas the whole
// transaction used (ante handler, signature checks and message) as gas/op. Gas is deterministic,
// so the metric is the same on any machine; compare the figures of one run.
func reportTxGas(b *testing.B, chain *testutil.Chain, signer testutil.Account, newMsgs func(i int) []sdk.Msg) {
	b.Helper()
	var total uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		gas, _, err := chain.DeliverTx(signer, newMsgs(i)...)
		if err != nil {
			b.Fatal(err)
		}
		total += gas
	}
	b.ReportMetric(float64(total)/float64(b.N), "gas/op")
}

// BenchmarkNativeMsgSend is the native reference for cheap Mesh Security transactions (vault
// bond and unbond): a bank transfer between two existing accounts.
func BenchmarkNativeMsgSend(b *testing.B) {
	chain := benchChain(b)
	from, to := chain.Accounts[0], chain.Accounts[1]
	coins := sdk.NewCoins(sdk.NewCoin("ubench", sdkmath.NewInt(1)))
	reportTxGas(b, chain, from, func(int) []sdk.Msg {
		return []sdk.Msg{banktypes.NewMsgSend(from.Address, to.Address, coins)}
	})
}

// BenchmarkNativeMsgDelegate is the native reference for staking through Mesh Security: a
// delegation to a bonded validator by an account that already delegates to it.
func BenchmarkNativeMsgDelegate(b *testing.B) {
	chain := benchChain(b)
	delegator := chain.Accounts[0]
	validator := chain.Validators[0].ValAddress().String()
	coin := sdk.NewCoin("ubench", sdkmath.NewInt(1_000))
	reportTxGas(b, chain, delegator, func(int) []sdk.Msg {
		return []sdk.Msg{stakingtypes.NewMsgDelegate(delegator.String(), validator, coin)}
	})
}
