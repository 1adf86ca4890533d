package keeper_test

import (
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// benchStake is what each benchmark user bonds and stakes locally.
const benchStake = 100_000

// benchCrankBound is the vault's settlement crank bound in the slashing benchmark.
const benchCrankBound = 10

// maxBenchBlocks stops a benchmark whose batches never drain.
const maxBenchBlocks = 500

// BenchmarkUnstakeBlockGas measures the blocks that carry out N users' unstakes requested in one
// block (N = 50, 100, 200), all with the same validator.
//
// The N MsgUnstake are run through local staking's Msg server on the committed state of one
// block, so they share its time, as transactions of one block would. The chain then produces
// blocks until local staking's EndBlock has handed every batch to x/staking. The measure is the
// block-level gas of each of those blocks: what the block context's meter charged, at the default
// KV gas config, for every begin and end blocker (x/staking's undelegations, which local staking's
// EndBlock sends, included), read by probe modules placed in the module order (see
// gasprobe_test.go). Reported per N:
//
//   - gas/max-block: the most expensive block; it must grow at most linearly with N;
//   - local-gas/max-block: local staking's EndBlock alone in its most expensive block;
//   - gas/user: the gas of all those blocks above an idle block of the same chain, divided by N;
//     it must stay flat (total work linear in N);
//   - blocks: how many blocks it took (batches are spread over one segment per user).
//
// Users and stakes are set up through the vault's Msg server on committed state; ns/op includes
// that setup and the chain's construction and is not the measure.
func BenchmarkUnstakeBlockGas(b *testing.B) {
	for _, n := range []int{50, 100, 200} {
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) {
			var sum unstakeBlocks
			for i := 0; i < b.N; i++ {
				run := runUnstakeBlocks(b, n)
				sum.maxBlock += run.maxBlock
				sum.maxLocal += run.maxLocal
				sum.extra += run.extra
				sum.blocks += run.blocks
			}
			runs := float64(b.N)
			b.ReportMetric(float64(sum.maxBlock)/runs, "gas/max-block")
			b.ReportMetric(float64(sum.maxLocal)/runs, "local-gas/max-block")
			b.ReportMetric(float64(sum.extra)/runs/float64(n), "gas/user")
			b.ReportMetric(float64(sum.blocks)/runs, "blocks")
		})
	}
}

// unstakeBlocks is what one run of BenchmarkUnstakeBlockGas measured.
type unstakeBlocks struct {
	maxBlock, maxLocal uint64
	extra              int64
	blocks             int
}

// runUnstakeBlocks sets up n users, unstakes part of each one's stake in one block and produces
// blocks until every batch is sent, recording each block's gas.
func runUnstakeBlocks(b *testing.B, n int) unstakeBlocks {
	b.Helper()
	chain := testutil.NewChain(b, testutil.ChainConfig{ChainID: "provider-1", BondDenom: denom})
	val := chain.Validators[0].ValAddress()
	users := seedLocalStakers(b, chain, n, val)
	probes := installGasProbes(chain.App)
	// The crank values each user once and stamps it; the idle block comes after every user was
	// visited, so it shows the crank's steady cost.
	chain.NextBlocks(n/vaulttypes.DefaultMaxSettlementsPerBlock + 1)
	chain.NextBlock()
	idle := int64(probes.at(chain.Height()).total())

	ctx := chain.Context()
	server := keeper.NewMsgServerImpl(chain.App.LocalStakingKeeper)
	for _, u := range users {
		msg := &types.MsgUnstake{Owner: u.String(), Validator: val.String(), Amount: coin(benchStake / 2)}
		if _, err := server.Unstake(ctx, msg); err != nil {
			b.Fatalf("unstake: %v", err)
		}
	}
	var out unstakeBlocks
	for queuedBatches(b, chain) > 0 {
		if out.blocks++; out.blocks > maxBenchBlocks {
			b.Fatalf("batches still queued after %d blocks", maxBenchBlocks)
		}
		chain.NextBlock()
		cost := probes.at(chain.Height())
		out.maxBlock = max(out.maxBlock, cost.total())
		out.maxLocal = max(out.maxLocal, cost.local)
		out.extra += int64(cost.total()) - idle
	}
	if got := recordedUnbondings(b, chain); got != n {
		b.Fatalf("%d unbonding entries recorded, want %d", got, n)
	}
	return out
}

// BenchmarkSlashBlockGas measures the block in which x/evidence slashes, jails and tombstones a
// validator that N users delegate to through local staking (N = 10 and N = 1,000). The gas must
// not depend on N: x/staking slashes a validator in O(1) for its delegations, and local staking
// settles each user lazily (recorded principal against x/staking's exchange rate) when the user
// next acts or the vault's crank reaches the user.
//
// The measure is the block-level gas of that block, read as in BenchmarkUnstakeBlockGas:
// gas/block for all begin and end blockers, begin-gas/block for the begin blockers (x/evidence's
// handling and x/staking's slash), end-gas/block for the end blockers (the vault's settlement
// crank, local staking, x/staking's validator updates). The crank settles up to its parameter's
// bound of users per block whoever the slashed validator is; the bound is set to 10 here so both
// sizes settle the same number of users in the measured block (with 10 users and the default of
// 50 the crank would simply have fewer users to visit). The 1,000-user setup runs only under
// -bench; ns/op includes it and is not the measure.
func BenchmarkSlashBlockGas(b *testing.B) {
	for _, n := range []int{10, 1_000} {
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) {
			var sum blockCost
			for i := 0; i < b.N; i++ {
				cost := runSlashBlock(b, n)
				sum.begin += cost.begin
				sum.end += cost.end
			}
			runs := float64(b.N)
			b.ReportMetric(float64(sum.total())/runs, "gas/block")
			b.ReportMetric(float64(sum.begin)/runs, "begin-gas/block")
			b.ReportMetric(float64(sum.end)/runs, "end-gas/block")
		})
	}
}

// runSlashBlock sets up n local stakers of one validator, double-signs it and returns the gas of
// the block that handles the evidence.
func runSlashBlock(b *testing.B, n int) blockCost {
	b.Helper()
	chain := testutil.NewChain(b, testutil.ChainConfig{ChainID: "provider-1", BondDenom: denom,
		GenesisModifiers: []testutil.GenesisModifier{crankBound(benchCrankBound)}})
	v := chain.Validators[0]
	seedLocalStakers(b, chain, n, v.ValAddress())
	probes := installGasProbes(chain.App)
	if err := chain.InjectDoubleSign(v); err != nil {
		b.Fatalf("double sign: %v", err)
	}
	chain.NextBlock()
	if !chain.App.SlashingKeeper.IsTombstoned(chain.Context(), v.ConsAddress()) {
		b.Fatal("the validator was not tombstoned: the measured block did not slash")
	}
	return probes.at(chain.Height())
}

// crankBound sets the vault's settlement crank bound in genesis.
func crankBound(bound uint32) testutil.GenesisModifier {
	return func(cdc codec.Codec, state meshapp.GenesisState) error {
		var gs vaulttypes.GenesisState
		if err := cdc.UnmarshalJSON(state[vaulttypes.ModuleName], &gs); err != nil {
			return err
		}
		gs.Params.MaxSettlementsPerBlock = bound
		raw, err := cdc.MarshalJSON(&gs)
		state[vaulttypes.ModuleName] = raw
		return err
	}
}

// benchUser is the deterministic address of the i-th benchmark user.
func benchUser(i int) sdk.AccAddress {
	h := sha256.Sum256([]byte(fmt.Sprintf("localstaking-bench-user-%d", i)))
	return sdk.AccAddress(h[:20])
}

// seedLocalStakers funds n users from the chain's first account, bonds benchStake for each and
// stakes all of it locally with val, through x/bank and the vault's Msg server on the committed
// state, then commits a block.
func seedLocalStakers(b *testing.B, chain *testutil.Chain, n int, val sdk.ValAddress) []sdk.AccAddress {
	b.Helper()
	ctx := chain.Context()
	msgs := vaultkeeper.NewMsgServerImpl(chain.App.VaultKeeper)
	users := make([]sdk.AccAddress, n)
	for i := range users {
		u := benchUser(i)
		users[i] = u
		if err := chain.App.BankKeeper.SendCoins(ctx, chain.Accounts[0].Address, u, sdk.NewCoins(coin(benchStake))); err != nil {
			b.Fatalf("fund: %v", err)
		}
		if _, err := msgs.Bond(ctx, &vaulttypes.MsgBond{Owner: u.String(), Amount: coin(benchStake)}); err != nil {
			b.Fatalf("bond: %v", err)
		}
		stake := &vaulttypes.MsgStakeLocal{Owner: u.String(), Amount: coin(benchStake), Validator: val.String()}
		if _, err := msgs.StakeLocal(ctx, stake); err != nil {
			b.Fatalf("stake: %v", err)
		}
	}
	chain.NextBlock()
	return users
}

// iterator is what counting needs of a collections iterator.
type iterator interface {
	Valid() bool
	Next()
	Close() error
}

// countKeys counts the entries of an iterator and closes it.
func countKeys(b *testing.B, it iterator, err error) int {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
	defer it.Close()
	n := 0
	for ; it.Valid(); it.Next() {
		n++
	}
	return n
}

// queuedBatches is the number of batches local staking has not sent yet.
func queuedBatches(b *testing.B, chain *testutil.Chain) int {
	it, err := chain.App.LocalStakingKeeper.BatchQueue.Iterate(chain.Context(), nil)
	return countKeys(b, it, err)
}

// recordedUnbondings is the number of unbonding entries local staking has recorded.
func recordedUnbondings(b *testing.B, chain *testutil.Chain) int {
	it, err := chain.App.LocalStakingKeeper.Unbondings.Iterate(chain.Context(), nil)
	return countKeys(b, it, err)
}
