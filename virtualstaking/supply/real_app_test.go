package supply_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/supply"
	vstestutil "github.com/meshsecurity/mesh/virtualstaking/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// realEnv holds two meshapp chains of one network driven in lockstep: on virtual, meshapp's own
// converter records a provider's requests and its own virtual staking turns them into minted,
// delegated stake; plain holds the same real stake and no virtual stake.
type realEnv struct {
	t       *testing.T
	virtual *testutil.Chain
	plain   *testutil.Chain
}

// newRealEnv builds both chains, lets virtual stake hold up to half the bonded tokens on virtual
// and moves both past their first block.
func newRealEnv(t *testing.T) *realEnv {
	net := testutil.NewNetwork(t)
	half := func(cdc codec.Codec, state meshapp.GenesisState) error {
		gs := types.DefaultGenesis()
		gs.Params.MaxVirtualFraction = math.LegacyNewDecWithPrec(5, 1)
		gs.Params.EpochLength = 1000
		raw, err := cdc.MarshalJSON(gs)
		state[types.ModuleName] = raw
		return err
	}
	e := &realEnv{t: t,
		virtual: net.AddChain(testutil.ChainConfig{ChainID: "virtual-1", GenesisModifiers: []testutil.GenesisModifier{half}}),
		plain:   net.AddChain(testutil.ChainConfig{ChainID: "plain-1"}),
	}
	e.next(1)
	return e
}

// next produces n blocks on each chain.
func (e *realEnv) next(n int) {
	for i := 0; i < n; i++ {
		e.virtual.NextBlock()
		e.plain.NextBlock()
	}
}

// stakeRemotely has a provider delegator request amount on virtual's validator 0 through the
// converter's pairing "a" (created with policy), and starts an epoch at the next block, which
// mints and delegates it.
func (e *realEnv) stakeRemotely(policy convertertypes.GovPolicy, amount int64) {
	c := e.virtual
	ctx := c.Context()
	ck := c.App.ConverterKeeper
	require.NoError(e.t, ck.CreatePairing(ctx, vstestutil.ConverterPairing("a", math.NewInt(1_000_000_000_000), policy)))
	require.NoError(e.t, vstestutil.AddRequest(ctx, ck, "a", "provider-delegator", c.Validators[0].ValAddress().String(), math.NewInt(amount)))
	require.NoError(e.t, c.App.VirtualStakingKeeper.NextEpoch.Set(ctx, c.Height()+1))
}

// outstanding is virtual's outstanding virtual stake.
func (e *realEnv) outstanding() math.Int {
	out, err := e.virtual.App.VirtualStakingKeeper.OutstandingVirtualStake(e.virtual.Context())
	require.NoError(e.t, err)
	return out
}

// both delivers the transaction tx builds for each chain on both chains.
func (e *realEnv) both(tx func(c *testutil.Chain) (testutil.Account, sdk.Msg)) {
	e.t.Helper()
	for _, c := range []*testutil.Chain{e.virtual, e.plain} {
		signer, msg := tx(c)
		_, _, err := c.DeliverTx(signer, msg)
		require.NoError(e.t, err)
	}
}

// TestMintInflationWithRealVirtualStake: a provider's 200M request becomes 200M of virtual stake
// minted and delegated by virtual staking through meshapp's converter (pairing under abstain).
// Block after block, x/mint sets the same inflation and annual provisions as on a chain with the
// same real supply and no virtual stake, so both mint the same.
func TestMintInflationWithRealVirtualStake(t *testing.T) {
	e := newRealEnv(t)
	e.stakeRemotely(convertertypes.GOV_POLICY_ABSTAIN, 200_000_000)
	e.next(6)
	require.Equal(t, math.NewInt(200_000_000), e.outstanding())
	ctxV, ctxP := e.virtual.Context(), e.plain.Context()
	validator, err := e.virtual.App.StakingKeeper.GetValidator(ctxV, e.virtual.Validators[0].ValAddress())
	require.NoError(t, err)
	require.Equal(t, math.NewInt(300_000_000), validator.Tokens, "100M own and 200M virtual")

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
	require.Equal(t, supplyP.String(), supplyV.SubRaw(200_000_000).String(), "the same real supply: both minted the same")
	own, err := e.virtual.App.StakingKeeper.BondedRatio(ctxV)
	require.NoError(t, err)
	plainRatio, err := e.plain.App.StakingKeeper.BondedRatio(ctxP)
	require.NoError(t, err)
	require.False(t, own.Equal(plainRatio), "x/staking's own ratio counts the virtual stake")
}

// TestGovTallyWithRealVirtualStake: a provider's 300M request becomes virtual stake on validator 0
// through meshapp's converter and virtual staking. Validator 0 votes Yes, validator 1 and a
// delegator of 50M on validator 0 vote No. Under abstain the tally equals that of a chain with the
// same real stake and no virtual stake (Yes 100M, No 150M, rejected; the quorum's total 450M);
// under inherit validator 0's Yes carries the 300M (Yes 400M) and the proposal passes.
func TestGovTallyWithRealVirtualStake(t *testing.T) {
	e := newRealEnv(t)
	e.both(func(c *testutil.Chain) (testutil.Account, sdk.Msg) {
		a := c.Accounts[1]
		return a, stakingtypes.NewMsgDelegate(a.String(), c.Validators[0].ValAddress().String(), coin(c, 50_000_000))
	})
	e.stakeRemotely(convertertypes.GOV_POLICY_ABSTAIN, 300_000_000)
	e.next(3)
	require.Equal(t, math.NewInt(300_000_000), e.outstanding())

	e.both(func(c *testutil.Chain) (testutil.Account, sdk.Msg) {
		msg, err := govv1.NewMsgSubmitProposal(nil, sdk.NewCoins(coin(c, govv1.DefaultMinDepositTokens.Int64())),
			c.Accounts[0].String(), "text proposal", "text", "a text proposal", false)
		require.NoError(t, err)
		return c.Accounts[0], msg
	})
	for _, v := range []struct {
		voter  func(c *testutil.Chain) testutil.Account
		option govv1.VoteOption
	}{
		{func(c *testutil.Chain) testutil.Account { return c.Validators[0].Operator }, govv1.OptionYes},
		{func(c *testutil.Chain) testutil.Account { return c.Validators[1].Operator }, govv1.OptionNo},
		{func(c *testutil.Chain) testutil.Account { return c.Accounts[1] }, govv1.OptionNo},
	} {
		e.both(func(c *testutil.Chain) (testutil.Account, sdk.Msg) {
			return v.voter(c), govv1.NewMsgVote(v.voter(c).Address, 1, v.option, "")
		})
	}
	e.next(1)

	passes, burn, plain := tally(t, e.plain)
	require.Equal(t, govv1.TallyResult{YesCount: "100000000", AbstainCount: "0", NoCount: "150000000", NoWithVetoCount: "0"}, plain)
	require.False(t, passes)
	require.False(t, burn)
	passesV, burnV, virtual := tally(t, e.virtual)
	require.Equal(t, plain, virtual)
	require.Equal(t, passes, passesV)
	require.Equal(t, burn, burnV)
	gov := supply.NewGovKeeper(e.virtual.App.StakingKeeper, e.virtual.App.VirtualStakingKeeper)
	total, err := gov.TotalBondedTokens(e.virtual.Context())
	require.NoError(t, err)
	require.Equal(t, math.NewInt(450_000_000), total, "the quorum's total leaves the abstaining 300M out")
	plainTotal, err := e.plain.App.StakingKeeper.TotalBondedTokens(e.plain.Context())
	require.NoError(t, err)
	require.Equal(t, plainTotal, total)

	ck := e.virtual.App.ConverterKeeper
	ctx := e.virtual.Context()
	pairing, err := ck.GetPairing(ctx, "a")
	require.NoError(t, err)
	pairing.GovPolicy = convertertypes.GOV_POLICY_INHERIT
	require.NoError(t, ck.UpdatePairing(ctx, pairing))
	passes, _, inherit := tally(t, e.virtual)
	require.Equal(t, govv1.TallyResult{YesCount: "400000000", AbstainCount: "0", NoCount: "150000000", NoWithVetoCount: "0"}, inherit,
		"validator 0's Yes carries 100M own and 300M virtual")
	require.True(t, passes)
	total, err = gov.TotalBondedTokens(e.virtual.Context())
	require.NoError(t, err)
	require.Equal(t, math.NewInt(750_000_000), total, "inherit counts the virtual stake in the quorum's total")
}
