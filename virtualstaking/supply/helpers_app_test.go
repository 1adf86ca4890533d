package supply_test

import (
	"context"
	"errors"
	"testing"

	"cosmossdk.io/math"
	cmttypes "github.com/cometbft/cometbft/types"
	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/supply"
)

// realVirtual reports real accounts' real delegations as virtual stake: their delegations at the
// validators' exchange rates plus their unbonding entries, as virtual staking values its own
// accounts. abstain selects the governance policy of all of them.
type realVirtual struct {
	staking    *stakingkeeper.Keeper
	delegators []sdk.AccAddress
	abstain    bool
	// fault makes every answer fail: "error" returns one, "panic" panics.
	fault string
}

var errUnavailable = errors.New("virtual stake unavailable")

// check fails as fault asks.
func (r *realVirtual) check() error {
	switch r.fault {
	case "error":
		return errUnavailable
	case "panic":
		panic("virtual staking fault")
	}
	return nil
}

func (r *realVirtual) OutstandingVirtualStake(ctx context.Context) (math.Int, error) {
	return r.sum(ctx, true)
}

func (r *realVirtual) VirtualTokensOnBonded(ctx context.Context) (math.Int, error) {
	return r.sum(ctx, false)
}

func (r *realVirtual) AbstainingStake(ctx context.Context, val sdk.ValAddress) (math.Int, math.LegacyDec, error) {
	tokens, shares := math.ZeroInt(), math.LegacyZeroDec()
	if err := r.check(); err != nil {
		return tokens, shares, err
	}
	if !r.abstain {
		return tokens, shares, nil
	}
	validator, err := r.staking.GetValidator(ctx, val)
	if err != nil {
		return tokens, shares, err
	}
	for _, del := range r.delegators {
		d, err := r.staking.GetDelegation(ctx, del, val)
		if err != nil {
			continue
		}
		shares = shares.Add(d.Shares)
	}
	return validator.TokensFromShares(shares).TruncateInt(), shares, nil
}

// sum is the value of the delegations (only to bonded validators unless all) plus, with all, the
// unbonding entries.
func (r *realVirtual) sum(ctx context.Context, all bool) (math.Int, error) {
	total := math.ZeroInt()
	if err := r.check(); err != nil {
		return total, err
	}
	for _, del := range r.delegators {
		delegations, err := r.staking.GetDelegatorDelegations(ctx, del, 100)
		if err != nil {
			return total, err
		}
		for _, d := range delegations {
			val, err := sdk.ValAddressFromBech32(d.GetValidatorAddr())
			if err != nil {
				return total, err
			}
			validator, err := r.staking.GetValidator(ctx, val)
			if err != nil {
				return total, err
			}
			if all || validator.IsBonded() {
				total = total.Add(validator.TokensFromShares(d.Shares).TruncateInt())
			}
		}
		if !all {
			continue
		}
		ubds, err := r.staking.GetUnbondingDelegations(ctx, del, 100)
		if err != nil {
			return total, err
		}
		for _, ubd := range ubds {
			for _, entry := range ubd.Entries {
				total = total.Add(entry.Balance)
			}
		}
	}
	return total, nil
}

// env holds two chains of one network driven in lockstep: virtual runs the supply decorators and
// holds virtual stake, plain holds the same real stake without any virtual stake.
type env struct {
	t       *testing.T
	net     *testutil.Network
	virtual *testutil.Chain
	plain   *testutil.Chain
	stake   *realVirtual
	mint    minttypes.StakingKeeper
	gov     govtypes.StakingKeeper
}

func newEnv(t *testing.T) *env {
	e := &env{t: t}
	late := &supply.LateVirtualStake{}
	ext := meshapp.StakingExtension{
		Build: func(deps meshapp.StakingExtensionDeps) (meshapp.StakingExtensionParts, error) {
			e.stake = &realVirtual{staking: deps.StakingKeeper, abstain: true}
			e.mint = supply.NewMintKeeper(deps.StakingKeeper, late)
			return meshapp.StakingExtensionParts{
				Mint: func(minttypes.StakingKeeper) minttypes.StakingKeeper { return e.mint },
				Gov: func(inner govtypes.StakingKeeper) govtypes.StakingKeeper {
					e.gov = supply.NewGovKeeper(inner, late)
					return e.gov
				},
				// Bound once every keeper exists, as virtual staking's keeper is built after
				// x/mint and x/gov.
				Bind: func(*meshapp.MeshApp) error {
					late.Bind(e.stake)
					return nil
				},
			}, nil
		},
	}
	e.net = testutil.NewNetwork(t)
	e.virtual = e.net.AddChain(testutil.ChainConfig{ChainID: "virtual-1", AppOptions: []meshapp.Option{meshapp.WithStakingExtension(ext)}})
	e.plain = e.net.AddChain(testutil.ChainConfig{ChainID: "plain-1"})
	return e
}

// both delivers the transaction tx builds for each chain on both chains.
func (e *env) both(tx func(c *testutil.Chain) (testutil.Account, sdk.Msg)) {
	e.t.Helper()
	for _, c := range []*testutil.Chain{e.virtual, e.plain} {
		signer, msg := tx(c)
		_, _, err := c.DeliverTx(signer, msg)
		require.NoError(e.t, err)
	}
}

// next produces one block on each chain.
func (e *env) next(n int) {
	for i := 0; i < n; i++ {
		e.virtual.NextBlock()
		e.plain.NextBlock()
	}
}

// mintVirtual mints amount to a fresh account on the virtual chain and delegates it to val
// through x/staking's Msg server, as virtual staking does, in one step between blocks.
func (e *env) mintVirtual(seed string, val sdk.ValAddress, amount int64) sdk.AccAddress {
	e.t.Helper()
	c := e.virtual
	ctx := c.Context()
	del := testutil.SeededAccount(seed).Address
	coins := sdk.NewCoins(sdk.NewInt64Coin(c.BondDenom(), amount))
	require.NoError(e.t, c.App.BankKeeper.MintCoins(ctx, minttypes.ModuleName, coins))
	require.NoError(e.t, c.App.BankKeeper.SendCoinsFromModuleToAccount(ctx, minttypes.ModuleName, del, coins))
	_, err := stakingkeeper.NewMsgServerImpl(c.App.StakingKeeper).Delegate(ctx,
		stakingtypes.NewMsgDelegate(del.String(), val.String(), coins[0]))
	require.NoError(e.t, err)
	e.stake.delegators = append(e.stake.delegators, del)
	return del
}

// createValidator has account create a validator with a fresh consensus key on chain c.
func createValidator(t *testing.T, c *testutil.Chain, operator testutil.Account, amount int64) sdk.ValAddress {
	pv := cmttypes.NewMockPV()
	require.NoError(t, c.AddConsensusSigner(pv))
	key, err := pv.GetPubKey()
	require.NoError(t, err)
	pub, err := cryptocodec.FromCmtPubKeyInterface(key)
	require.NoError(t, err)
	val := sdk.ValAddress(operator.Address)
	msg, err := stakingtypes.NewMsgCreateValidator(val.String(), pub, sdk.NewInt64Coin(c.BondDenom(), amount),
		stakingtypes.NewDescription("all virtual", "", "", "", ""),
		stakingtypes.NewCommissionRates(math.LegacyNewDecWithPrec(1, 1), math.LegacyOneDec(), math.LegacyZeroDec()),
		math.OneInt())
	require.NoError(t, err)
	_, _, err = c.DeliverTx(operator, msg)
	require.NoError(t, err)
	return val
}
