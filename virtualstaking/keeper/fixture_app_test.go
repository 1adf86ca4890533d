package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/keeper"
	vstestutil "github.com/meshsecurity/mesh/virtualstaking/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// env is one meshapp chain with virtual staking bound to a scripted converter.
type env struct {
	t     testing.TB
	net   *testutil.Network
	chain *testutil.Chain
	k     *keeper.Keeper
	conv  *vstestutil.Converter
}

// withParams returns a genesis modifier that sets virtual staking's parameters.
func withParams(edit func(*types.Params)) testutil.GenesisModifier {
	return func(cdc codec.Codec, state meshapp.GenesisState) error {
		gs := types.DefaultGenesis()
		edit(&gs.Params)
		raw, err := cdc.MarshalJSON(gs)
		state[types.ModuleName] = raw
		return err
	}
}

// newEnv builds a chain with validators genesis validators, epochs of 5 blocks, virtual stake up to
// half of the bonded tokens, and extra params edits.
func newEnv(t testing.TB, validators int, edit func(*types.Params), mods ...testutil.GenesisModifier) *env {
	t.Helper()
	net := testutil.NewNetwork(t)
	mods = append([]testutil.GenesisModifier{withParams(func(p *types.Params) {
		p.EpochLength = 5
		p.MaxVirtualFraction = math.LegacyNewDecWithPrec(5, 1)
		if edit != nil {
			edit(p)
		}
	})}, mods...)
	chain := net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", Validators: validators, GenesisModifiers: mods})
	app := chain.App
	conv := vstestutil.NewConverter(app.BankKeeper, chain.BondDenom(), sdk.AccAddress([]byte("converter-reserve___")))
	app.SetVirtualStakingConverter(conv)
	return &env{t: t, net: net, chain: chain, k: app.VirtualStakingKeeper, conv: conv}
}

// newConverterEnv builds a chain as newEnv does, with virtual staking left bound to meshapp's own
// converter.
func newConverterEnv(t testing.TB, validators int, edit func(*types.Params)) *env {
	t.Helper()
	net := testutil.NewNetwork(t)
	chain := net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", Validators: validators,
		GenesisModifiers: []testutil.GenesisModifier{withParams(func(p *types.Params) {
			p.EpochLength = 5
			p.MaxVirtualFraction = math.LegacyNewDecWithPrec(5, 1)
			if edit != nil {
				edit(p)
			}
		})}})
	// genesis schedules an epoch at block 1 that may still be running after it and would overwrite
	// a next epoch written now when it completes: let it finish first
	chain.NextBlock()
	return &env{t: t, net: net, chain: chain, k: chain.App.VirtualStakingKeeper}
}

// val returns the operator address of the i-th genesis validator.
func (e *env) val(i int) string { return e.chain.Validators[i].ValAddress().String() }

// pairing adds a pairing with a cap.
func (e *env) pairing(id string, maxCap int64) {
	e.conv.SetPairing(types.PairingView{ID: id, MaxCap: math.NewInt(maxCap)})
}

// request sets a converted request.
func (e *env) request(id string, val int, local int64) {
	e.conv.SetRequest(id, e.val(val), math.NewInt(local))
}

// epoch produces blocks until the next epoch has started and completed, checking the invariants
// after every block, and returns the height it completed at.
func (e *env) epoch() int64 {
	e.t.Helper()
	ctx := e.chain.Context()
	next, err := e.k.NextEpoch.Get(ctx)
	require.NoError(e.t, err)
	for i := 0; i < 1000; i++ {
		e.chain.NextBlock()
		e.checkInvariants()
		ctx = e.chain.Context()
		run, err := e.k.Run.Get(ctx)
		require.NoError(e.t, err)
		now, err := e.k.NextEpoch.Get(ctx)
		require.NoError(e.t, err)
		if run.Phase == types.EPOCH_PHASE_IDLE && now != next {
			return e.chain.Height()
		}
	}
	e.t.Fatal("epoch did not complete")
	return 0
}

// epochNow schedules the next epoch at the next block and runs it to completion; it returns the
// height it completed at. The epoch genesis starts at block 1 may still be running after it and
// would overwrite the schedule when it completes, so the chain is past block 1 first.
func (e *env) epochNow() int64 {
	e.t.Helper()
	if e.chain.Height() < 2 {
		e.chain.NextBlock()
	}
	require.NoError(e.t, e.k.NextEpoch.Set(e.chain.Context(), e.chain.Height()+1))
	return e.epoch()
}

// checkInvariants runs the module's invariants.
func (e *env) checkInvariants() {
	e.t.Helper()
	ctx := e.chain.Context()
	require.NoError(e.t, e.k.CheckAllowance(ctx))
	require.NoError(e.t, e.k.CheckSupply(ctx))
}

// target returns a pairing's target on a validator.
func (e *env) target(id string, val int) math.Int {
	t, err := e.k.Targets.Get(e.chain.Context(), collectionsJoin(id, e.val(val)))
	if err != nil {
		return math.ZeroInt()
	}
	return t
}

// supply returns a pairing's supply.
func (e *env) supply(id string) types.PairingSupply {
	s, err := e.k.Supplies.Get(e.chain.Context(), id)
	require.NoError(e.t, err)
	return s
}

// value returns the live value of a pairing's virtual stake on a validator.
func (e *env) value(id string, val int) math.Int {
	values, err := e.k.PairingValues(e.chain.Context(), e.chain.Validators[val].ValAddress())
	require.NoError(e.t, err)
	for _, v := range values {
		if v.PairingID == id {
			return v.Value
		}
	}
	return math.ZeroInt()
}

// untilEpochNext produces blocks until the next block starts an epoch.
func (e *env) untilEpochNext() {
	e.t.Helper()
	for i := 0; i < 1000; i++ {
		next, err := e.k.NextEpoch.Get(e.chain.Context())
		require.NoError(e.t, err)
		if next == e.chain.Height()+1 {
			return
		}
		e.chain.NextBlock()
		e.checkInvariants()
	}
	e.t.Fatal("no epoch ahead")
}

// balance is an address's balance in the bond denom.
func (e *env) balance(addr sdk.AccAddress) math.Int {
	return e.chain.App.BankKeeper.GetBalance(e.chain.Context(), addr, e.chain.BondDenom()).Amount
}

// coin is an amount of the bond denom.
func (e *env) coin(amount int64) sdk.Coin { return sdk.NewInt64Coin(e.chain.BondDenom(), amount) }
