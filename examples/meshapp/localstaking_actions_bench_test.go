package meshapp_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	localstakingtypes "github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// What a local staker does with a staked position, each measured as a whole signed transaction
// next to the native transaction that does the same for an ordinary delegator, in one run.

// BenchmarkNativeMsgBeginRedelegate is the reference for BenchmarkLocalRedelegate: a fresh
// delegator moves its delegation to another validator (fresh, so x/staking's entry limit never
// applies).
func BenchmarkNativeMsgBeginRedelegate(b *testing.B) {
	chain := benchChain(b)
	src, dst := chain.Validators[0].ValAddress().String(), chain.Validators[1].ValAddress().String()
	coin := sdk.NewCoin(benchDenom, sdkmath.NewInt(1_000))
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		delegator := newFundedAccount(b, chain, 1_000_000)
		mustDeliver(b, chain, delegator, stakingtypes.NewMsgDelegate(delegator.String(), src, coin))
		return testutil.TxCase{Signer: delegator, Msgs: []sdk.Msg{
			stakingtypes.NewMsgBeginRedelegate(delegator.String(), src, dst, coin),
		}}
	})
}

// BenchmarkLocalRedelegate measures a local staker moving its stake to another validator.
func BenchmarkLocalRedelegate(b *testing.B) {
	chain := benchChain(b)
	src, dst := chain.Validators[0].ValAddress().String(), chain.Validators[1].ValAddress().String()
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		user := newLocalStaker(b, chain, src, 1_000)
		return testutil.TxCase{Signer: user, Msgs: []sdk.Msg{&localstakingtypes.MsgRedelegate{
			Owner: user.String(), SrcValidator: src, DstValidator: dst, Amount: sdk.NewInt64Coin(benchDenom, 1_000),
		}}}
	})
}

// BenchmarkNativeMsgWithdrawDelegatorReward is the reference for BenchmarkLocalWithdrawRewards:
// a delegator withdraws the rewards of the last block.
func BenchmarkNativeMsgWithdrawDelegatorReward(b *testing.B) {
	chain := benchChain(b)
	validator := chain.Validators[0].ValAddress().String()
	delegator := newFundedAccount(b, chain, 1_000_000)
	mustDeliver(b, chain, delegator, stakingtypes.NewMsgDelegate(delegator.String(), validator, sdk.NewInt64Coin(benchDenom, 500_000)))
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: delegator, Msgs: []sdk.Msg{
			distrtypes.NewMsgWithdrawDelegatorReward(delegator.String(), validator),
		}}
	})
}

// BenchmarkLocalWithdrawRewards measures a local staker withdrawing its rewards to itself.
func BenchmarkLocalWithdrawRewards(b *testing.B) {
	chain := benchChain(b)
	user := newLocalStaker(b, chain, chain.Validators[0].ValAddress().String(), 500_000)
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: user, Msgs: []sdk.Msg{&localstakingtypes.MsgWithdrawRewards{Owner: user.String()}}}
	})
}

// BenchmarkNativeMsgVote is the reference for BenchmarkLocalVote: a delegator votes on a
// proposal in its voting period (each iteration replaces the previous vote).
func BenchmarkNativeMsgVote(b *testing.B) {
	chain := benchChain(b)
	voter := newFundedAccount(b, chain, 1_000_000)
	mustDeliver(b, chain, voter, stakingtypes.NewMsgDelegate(voter.String(), chain.Validators[0].ValAddress().String(),
		sdk.NewInt64Coin(benchDenom, 500_000)))
	proposal := submitTextProposal(b, chain)
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: voter, Msgs: []sdk.Msg{govv1.NewMsgVote(voter.Address, proposal, govv1.OptionYes, "")}}
	})
}

// BenchmarkLocalVote measures a local staker voting with its staked weight.
func BenchmarkLocalVote(b *testing.B) {
	chain := benchChain(b)
	user := newLocalStaker(b, chain, chain.Validators[0].ValAddress().String(), 500_000)
	proposal := submitTextProposal(b, chain)
	testutil.ReportTxGas(b, chain, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: user, Msgs: []sdk.Msg{&localstakingtypes.MsgVote{
			Owner: user.String(), ProposalId: proposal, Option: govv1.OptionYes,
		}}}
	})
}

// newFundedAccount creates an account holding amount of the bond denom.
func newFundedAccount(b *testing.B, chain *testutil.Chain, amount int64) testutil.Account {
	b.Helper()
	account := testutil.NewAccount()
	funder := chain.Accounts[0]
	funds := sdk.NewCoins(sdk.NewInt64Coin(benchDenom, amount))
	mustDeliver(b, chain, funder, banktypes.NewMsgSend(funder.Address, account.Address, funds))
	return account
}

// newLocalStaker creates a user who bonded twice amount in the vault and staked amount locally
// with validator.
func newLocalStaker(b *testing.B, chain *testutil.Chain, validator string, amount int64) testutil.Account {
	b.Helper()
	user := newBondedUser(b, chain, chain.Accounts[0], 2*amount)
	mustDeliver(b, chain, user, &vaulttypes.MsgStakeLocal{
		Owner: user.String(), Amount: sdk.NewInt64Coin(benchDenom, amount), Validator: validator,
	})
	return user
}

// submitTextProposal puts a text proposal with the minimum deposit into its voting period and
// returns its id.
func submitTextProposal(b *testing.B, chain *testutil.Chain) uint64 {
	b.Helper()
	proposer := chain.Accounts[1]
	deposit := sdk.NewCoins(sdk.NewCoin(benchDenom, govv1.DefaultMinDepositTokens))
	msg, err := govv1.NewMsgSubmitProposal(nil, deposit, proposer.String(), "ipfs://bench", "bench", "a text proposal", false)
	if err != nil {
		b.Fatal(err)
	}
	mustDeliver(b, chain, proposer, msg)
	id, err := chain.App.GovKeeper.ProposalID.Peek(chain.Context())
	if err != nil {
		b.Fatal(err)
	}
	return id - 1
}
