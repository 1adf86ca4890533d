package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/stretchr/testify/require"

	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/keeper"
	vstestutil "github.com/meshsecurity/mesh/virtualstaking/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// TestZeroCapUnwindsWithinBoundedEpochs: a pairing capped to zero takes all its virtual stake off
// at the next epoch (through unbonding entries, its validators being bonded), the converter
// unwinds its recorded requests one batch per epoch, and once the entries mature and are burned
// the pairing's outstanding virtual supply is zero.
func TestZeroCapUnwindsWithinBoundedEpochs(t *testing.T) {
	e := newEnv(t, 4, func(p *types.Params) { p.UnwindBatch = 2 })
	e.pairing("a", 100_000_000)
	for i := 0; i < 4; i++ {
		e.request("a", i, int64(5_000_000*(i+1)))
	}
	e.epoch()
	require.Equal(t, math.NewInt(50_000_000), e.supply("a").Minted)

	e.pairing("a", 0)
	e.epoch()
	s := e.supply("a")
	require.True(t, s.Targeted.IsZero())
	require.Equal(t, math.NewInt(50_000_000), s.Outstanding(), "unbonding entries are still slashable")
	require.Equal(t, []vstestutil.UnwindCall{{PairingID: "a", Limit: 2}}, e.conv.Unwinds)
	require.Len(t, e.conv.Local["a"], 2)
	e.epoch()
	require.Len(t, e.conv.Unwinds, 2)
	require.Empty(t, e.conv.Local["a"], "every request unwound within two epochs")

	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod+time.Minute))
	e.chain.NextBlocks(2)
	e.checkInvariants()
	s = e.supply("a")
	require.Equal(t, math.NewInt(50_000_000), s.Burned)
	require.True(t, s.Outstanding().IsZero(), "minted virtual supply is back to zero")
	for i := uint32(0); i < 4; i++ {
		require.True(t, e.balance(keeper.DelegatorAccount("a", i)).IsZero())
	}
	require.True(t, e.balance(e.k.ModuleAddress()).IsZero())
	iter, err := e.k.Targets.Iterate(e.chain.Context(), nil)
	require.NoError(t, err)
	keys, err := iter.Keys()
	require.NoError(t, err)
	require.Empty(t, keys)
}

// TestClosedPairingUnwinds: the converter hands over a pairing whose channel closed; its virtual
// stake leaves at the next epoch although its cap is unchanged.
func TestClosedPairingUnwinds(t *testing.T) {
	e := newEnv(t, 4, nil)
	e.pairing("a", 100_000_000)
	e.request("a", 0, 10_000_000)
	e.epoch()
	e.k.UnwindPairing(e.chain.Context(), "a")
	e.k.UnwindPairing(e.chain.Context(), "unknown")
	e.epoch()
	require.True(t, e.supply("a").Targeted.IsZero())
	require.True(t, e.supply("a").Unwinding)
	require.Len(t, e.conv.Unwinds, 1)
}

// maxEntries returns a genesis modifier that sets x/staking's MaxEntries.
func maxEntries(n uint32) testutil.GenesisModifier {
	return func(cdc codec.Codec, state meshapp.GenesisState) error {
		var gs stakingtypes.GenesisState
		if err := cdc.UnmarshalJSON(state[stakingtypes.ModuleName], &gs); err != nil {
			return err
		}
		gs.Params.MaxEntries = n
		raw, err := cdc.MarshalJSON(&gs)
		state[stakingtypes.ModuleName] = raw
		return err
	}
}

// TestUndelegationAtEntryLimitIsDeferred: with one account per pairing and x/staking's entry limit
// at one, a second undelegation within the unbonding period meets the limit; it is deferred (the
// epoch completes, the stake stays) and goes through at the first epoch after the entry matured.
func TestUndelegationAtEntryLimitIsDeferred(t *testing.T) {
	e := newEnv(t, 4, func(p *types.Params) { p.AccountsPerPairing = 1 }, maxEntries(1))
	e.pairing("a", 100_000_000)
	e.request("a", 0, 10_000_000)
	e.epoch()
	e.request("a", 0, 6_000_000)
	e.epoch()
	require.Equal(t, math.NewInt(6_000_000), e.target("a", 0))
	e.request("a", 0, 1_000_000)
	e.epoch()
	require.Equal(t, math.NewInt(1_000_000), e.target("a", 0))
	validator, err := e.chain.App.StakingKeeper.GetValidator(e.chain.Context(), e.chain.Validators[0].ValAddress())
	require.NoError(t, err)
	shares, err := e.k.Shares.Get(e.chain.Context(), collectionsJoin(e.val(0), "a"))
	require.NoError(t, err)
	require.Equal(t, math.NewInt(6_000_000), validator.TokensFromShares(shares).TruncateInt(), "deferred: still delegated")

	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod+time.Minute))
	e.chain.NextBlock()
	e.epoch()
	shares, err = e.k.Shares.Get(e.chain.Context(), collectionsJoin(e.val(0), "a"))
	require.NoError(t, err)
	validator, err = e.chain.App.StakingKeeper.GetValidator(e.chain.Context(), e.chain.Validators[0].ValAddress())
	require.NoError(t, err)
	require.Equal(t, math.NewInt(1_000_000), validator.TokensFromShares(shares).TruncateInt())
	require.Equal(t, math.NewInt(4_000_000), e.supply("a").Burned, "the first entry matured and was burned")
}

// TestStalePriceKeepsLastTargets: while the converter reports a stale price the pairing keeps its
// targets whatever its requests say; once fresh, the new requests apply.
func TestStalePriceKeepsLastTargets(t *testing.T) {
	e := newEnv(t, 4, nil)
	e.pairing("a", 100_000_000)
	e.request("a", 0, 10_000_000)
	e.epoch()
	e.conv.Stale["a"] = true
	e.request("a", 0, 2_000_000)
	e.request("a", 1, 5_000_000)
	e.epoch()
	require.Equal(t, math.NewInt(10_000_000), e.target("a", 0))
	require.True(t, e.target("a", 1).IsZero())
	e.conv.Stale["a"] = false
	e.epoch()
	require.Equal(t, math.NewInt(2_000_000), e.target("a", 0))
	require.Equal(t, math.NewInt(5_000_000), e.target("a", 1))
}
