package supply_test

import (
	"context"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/supply"
)

// TestMintInflationIgnoresVirtualStake: with 200M of minted virtual stake delegated on one chain,
// its x/mint sets the same inflation and annual provisions, block after block, as a chain with the
// same real supply and no virtual stake, so both mint the same; x/staking's own ratio would not.
func TestMintInflationIgnoresVirtualStake(t *testing.T) {
	e := newEnv(t)
	e.mintVirtual("virtual/0", e.virtual.Validators[0].ValAddress(), 200_000_000)
	e.next(6)

	ctxV, ctxP := e.virtual.Context(), e.plain.Context()
	minterV, err := e.virtual.App.MintKeeper.Minter.Get(ctxV)
	require.NoError(t, err)
	minterP, err := e.plain.App.MintKeeper.Minter.Get(ctxP)
	require.NoError(t, err)
	require.True(t, minterP.Inflation.GT(math.LegacyNewDecWithPrec(13, 2)), "inflation moved from its start")
	require.Equal(t, minterP.Inflation.String(), minterV.Inflation.String())
	require.Equal(t, minterP.AnnualProvisions.String(), minterV.AnnualProvisions.String())

	denom := e.virtual.BondDenom()
	supplyV := e.virtual.App.BankKeeper.GetSupply(ctxV, denom).Amount
	supplyP := e.plain.App.BankKeeper.GetSupply(ctxP, denom).Amount
	require.Equal(t, supplyP.String(), supplyV.SubRaw(200_000_000).String(), "both minted the same")

	ratioV, err := e.mint.BondedRatio(ctxV)
	require.NoError(t, err)
	ratioP, err := e.plain.App.StakingKeeper.BondedRatio(ctxP)
	require.NoError(t, err)
	require.Equal(t, ratioP.String(), ratioV.String())
	undecorated, err := e.virtual.App.StakingKeeper.BondedRatio(ctxV)
	require.NoError(t, err)
	require.False(t, undecorated.Equal(ratioV), "x/staking's own ratio counts the virtual stake")
	params, err := e.virtual.App.MintKeeper.Params.Get(ctxV)
	require.NoError(t, err)
	require.False(t, minterV.NextInflationRate(params, undecorated).Equal(minterV.NextInflationRate(params, ratioV)))
}

// TestGovTallyAbstainAndInherit: 300M of virtual stake on validator 0 and a validator whose
// shares are all virtual, which votes Yes. Under abstain the tally (results, quorum, outcome)
// equals that of a chain without any of it; under inherit validator 0's Yes carries the 300M, the
// all-virtual validator's Yes its 20M, and the proposal passes.
func TestGovTallyAbstainAndInherit(t *testing.T) {
	e := newEnv(t)
	e.both(func(c *testutil.Chain) (testutil.Account, sdk.Msg) {
		a := c.Accounts[1]
		return a, stakingtypes.NewMsgDelegate(a.String(), c.Validators[0].ValAddress().String(), coin(c, 50_000_000))
	})
	e.mintVirtual("virtual/0", e.virtual.Validators[0].ValAddress(), 300_000_000)
	allVirtual := e.virtual.Accounts[3]
	allVirtualVal := createValidator(t, e.virtual, allVirtual, 20_000_000)
	e.stake.delegators = append(e.stake.delegators, allVirtual.Address)
	e.plain.NextBlock()
	e.next(2)
	validator, err := e.virtual.App.StakingKeeper.GetValidator(e.virtual.Context(), allVirtualVal)
	require.NoError(t, err)
	require.True(t, validator.IsBonded())

	e.both(func(c *testutil.Chain) (testutil.Account, sdk.Msg) {
		msg, err := govv1.NewMsgSubmitProposal(nil, sdk.NewCoins(coin(c, govv1.DefaultMinDepositTokens.Int64())),
			c.Accounts[0].String(), "text proposal", "text", "a text proposal", false)
		require.NoError(t, err)
		return c.Accounts[0], msg
	})
	vote := func(voter func(c *testutil.Chain) testutil.Account, option govv1.VoteOption) {
		e.both(func(c *testutil.Chain) (testutil.Account, sdk.Msg) {
			return voter(c), govv1.NewMsgVote(voter(c).Address, 1, option, "")
		})
	}
	vote(func(c *testutil.Chain) testutil.Account { return c.Validators[0].Operator }, govv1.OptionYes)
	vote(func(c *testutil.Chain) testutil.Account { return c.Validators[1].Operator }, govv1.OptionNo)
	vote(func(c *testutil.Chain) testutil.Account { return c.Accounts[1] }, govv1.OptionNo)
	_, _, err = e.virtual.DeliverTx(allVirtual, govv1.NewMsgVote(allVirtual.Address, 1, govv1.OptionYes, ""))
	require.NoError(t, err)
	e.plain.NextBlock()

	passes, burn, plain := tally(t, e.plain)
	require.Equal(t, "100000000", plain.YesCount)
	require.Equal(t, "150000000", plain.NoCount)
	require.False(t, passes, "100M Yes against 150M No")
	require.False(t, burn)

	passes, burn, virtual := tally(t, e.virtual)
	require.Equal(t, plain, virtual)
	require.False(t, passes)
	require.False(t, burn)
	totalV, err := e.gov.TotalBondedTokens(e.virtual.Context())
	require.NoError(t, err)
	totalP, err := e.plain.App.StakingKeeper.TotalBondedTokens(e.plain.Context())
	require.NoError(t, err)
	require.Equal(t, totalP.String(), totalV.String(), "the quorum's total leaves the abstaining stake out")
	reduced := bondedValidators(t, e.virtual.Context(), e.gov, 4)
	for _, v := range reduced {
		require.NotEqual(t, allVirtualVal.String(), v.GetOperator(), "the all-virtual validator is skipped")
		if v.GetOperator() == e.virtual.Validators[0].ValAddress().String() {
			require.Equal(t, "150000000", v.GetBondedTokens().String())
			require.Equal(t, "150000000.000000000000000000", v.GetDelegatorShares().String())
		}
	}

	e.stake.abstain = false
	passes, _, inherit := tally(t, e.virtual)
	require.Equal(t, "420000000", inherit.YesCount, "100M own, 300M virtual, 20M all-virtual validator")
	require.Equal(t, "150000000", inherit.NoCount)
	require.True(t, passes)
	ctx := e.virtual.Context()
	total, err := e.gov.TotalBondedTokens(ctx)
	require.NoError(t, err)
	own, err := e.virtual.App.StakingKeeper.TotalBondedTokens(ctx)
	require.NoError(t, err)
	require.Equal(t, own.String(), total.String(), "inherit leaves the total unchanged")
	require.Equal(t, bondedValidators(t, ctx, e.virtual.App.StakingKeeper, 5), bondedValidators(t, ctx, e.gov, 5),
		"inherit leaves every validator unchanged")
}

// bondedValidators lists what keeper's IterateBondedValidatorsByPower yields.
func bondedValidators(t *testing.T, ctx context.Context, keeper govtypes.StakingKeeper, want int) []stakingtypes.ValidatorI {
	var validators []stakingtypes.ValidatorI
	require.NoError(t, keeper.IterateBondedValidatorsByPower(ctx, func(_ int64, v stakingtypes.ValidatorI) bool {
		validators = append(validators, v)
		return false
	}))
	require.Len(t, validators, want)
	return validators
}

// tally runs x/gov's tally of proposal 1 in a cache context.
func tally(t *testing.T, c *testutil.Chain) (bool, bool, govv1.TallyResult) {
	t.Helper()
	ctx, _ := c.Context().CacheContext()
	proposal, err := c.App.GovKeeper.Proposals.Get(ctx, 1)
	require.NoError(t, err)
	passes, burn, result, err := c.App.GovKeeper.Tally(ctx, proposal)
	require.NoError(t, err)
	return passes, burn, result
}

func coin(c *testutil.Chain, amount int64) sdk.Coin {
	return sdk.NewInt64Coin(c.BondDenom(), amount)
}

// TestUnreadableVirtualStakeCountsNone: when virtual staking fails to answer (an error or a
// panic), x/mint and x/gov keep running on x/staking's own figures instead of halting the chain.
func TestUnreadableVirtualStakeCountsNone(t *testing.T) {
	e := newEnv(t)
	e.mintVirtual("virtual/0", e.virtual.Validators[0].ValAddress(), 200_000_000)
	e.next(1)
	for _, fault := range []string{"error", "panic"} {
		e.stake.fault = fault
		e.virtual.NextBlock()
		ctx := e.virtual.Context()
		got, err := e.mint.StakingTokenSupply(ctx)
		require.NoError(t, err)
		require.Equal(t, e.virtual.App.BankKeeper.GetSupply(ctx, e.virtual.BondDenom()).Amount.String(), got.String(), fault)
		ratio, err := e.mint.BondedRatio(ctx)
		require.NoError(t, err)
		own, err := e.virtual.App.StakingKeeper.BondedRatio(ctx)
		require.NoError(t, err)
		require.Equal(t, own.String(), ratio.String(), fault)
		total, err := e.gov.TotalBondedTokens(ctx)
		require.NoError(t, err)
		bonded, err := e.virtual.App.StakingKeeper.TotalBondedTokens(ctx)
		require.NoError(t, err)
		require.Equal(t, bonded.String(), total.String(), fault)
	}
	e.stake.fault = ""
	ctx := e.virtual.Context()
	got, err := e.mint.StakingTokenSupply(ctx)
	require.NoError(t, err)
	require.Equal(t, e.virtual.App.BankKeeper.GetSupply(ctx, e.virtual.BondDenom()).Amount.SubRaw(200_000_000).String(), got.String())
}

// TestUnboundVirtualStakeCountsNone: before virtual staking is bound, the decorated keepers give
// x/staking's own figures.
func TestUnboundVirtualStakeCountsNone(t *testing.T) {
	c := testutil.NewChain(t, testutil.ChainConfig{ChainID: "unbound-1"})
	ctx := c.Context()
	late := &supply.LateVirtualStake{}
	mint := supply.NewMintKeeper(c.App.StakingKeeper, late)
	gov := supply.NewGovKeeper(c.App.StakingKeeper, late)
	got, err := mint.StakingTokenSupply(ctx)
	require.NoError(t, err)
	own, err := c.App.StakingKeeper.StakingTokenSupply(ctx)
	require.NoError(t, err)
	require.Equal(t, own.String(), got.String())
	ratio, err := mint.BondedRatio(ctx)
	require.NoError(t, err)
	ownRatio, err := c.App.StakingKeeper.BondedRatio(ctx)
	require.NoError(t, err)
	require.Equal(t, ownRatio.String(), ratio.String())
	total, err := gov.TotalBondedTokens(ctx)
	require.NoError(t, err)
	ownTotal, err := c.App.StakingKeeper.TotalBondedTokens(ctx)
	require.NoError(t, err)
	require.Equal(t, ownTotal.String(), total.String())
	require.Equal(t, bondedValidators(t, ctx, c.App.StakingKeeper, 4), bondedValidators(t, ctx, gov, 4))
}
