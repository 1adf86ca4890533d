package keeper_test

import (
	"fmt"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// crankUsers is how many users the crank benchmark's measured block visits.
const crankUsers = 10

// BenchmarkCrankGasPerUser measures the vault's EndBlock settlement crank visiting users who hold
// local stake with 1 validator and with max_positions_per_user validators (the default, 32),
// when nothing was slashed since their last settlement. Settling such a user asks local staking
// for its pending loss, which it answers from the user's valuation stamp and the slash epoch, so
// the crank's gas per visited user must not depend on the positions (ratio at most 1.2).
//
// Each user stakes through the vault's Msg server on committed state; two blocks let the crank
// value and stamp every user; the next block's vault EndBlock gas, read by probe modules around
// the vault in the end-block order (see gasprobe_test.go), divided by the users it visited, is
// reported as crank-gas/user. ns/op includes the chain's construction and is not the measure.
func BenchmarkCrankGasPerUser(b *testing.B) {
	for _, positions := range []int{1, types.DefaultMaxPositionsPerUser} {
		b.Run(fmt.Sprintf("positions=%d", positions), func(b *testing.B) {
			var gas uint64
			for i := 0; i < b.N; i++ {
				gas += runCrankBlock(b, positions)
			}
			b.ReportMetric(float64(gas)/float64(b.N)/crankUsers, "crank-gas/user")
		})
	}
}

// runCrankBlock sets up crankUsers users with stake on positions validators each and returns the
// vault EndBlock gas of a block in which the crank visits all of them.
func runCrankBlock(b *testing.B, positions int) uint64 {
	b.Helper()
	chain := testutil.NewChain(b, testutil.ChainConfig{ChainID: "provider-1", BondDenom: denom,
		Validators: types.DefaultMaxPositionsPerUser + 1})
	ctx := chain.Context()
	msgs := vaultkeeper.NewMsgServerImpl(chain.App.VaultKeeper)
	per := int64(benchStake / positions)
	for i := 0; i < crankUsers; i++ {
		u := benchUser(i)
		if err := chain.App.BankKeeper.SendCoins(ctx, chain.Accounts[0].Address, u, sdk.NewCoins(coin(benchStake))); err != nil {
			b.Fatalf("fund: %v", err)
		}
		if _, err := msgs.Bond(ctx, &vaulttypes.MsgBond{Owner: u.String(), Amount: coin(benchStake)}); err != nil {
			b.Fatalf("bond: %v", err)
		}
		for p := 0; p < positions; p++ {
			stake := &vaulttypes.MsgStakeLocal{Owner: u.String(), Amount: coin(per),
				Validator: chain.Validators[p].ValAddress().String()}
			if _, err := msgs.StakeLocal(ctx, stake); err != nil {
				b.Fatalf("stake: %v", err)
			}
		}
	}
	probes := installGasProbes(chain.App)
	chain.NextBlocks(2)
	chain.NextBlock()
	return probes.at(chain.Height()).vault
}
