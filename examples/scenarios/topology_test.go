package scenarios_test

import (
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestOneProviderTwoConsumers secures two consumers with the same collateral: a user bonds 5,000
// once and cross-stakes all of it to a validator of each consumer, through two pairings that are
// two lien holders of the vault. A downtime slash on the first consumer cuts the collateral and
// that lien, and, with no free collateral left, the vault clamps the other lien to the new
// collateral and burns the difference on the second consumer. The user then unstakes from both,
// withdraws after the unbonding period and unbonds what is left.
func TestOneProviderTwoConsumers(t *testing.T) {
	w := newWeb(t)
	prov := w.chain("provider-1", "uprov")
	c1 := w.chain("consumer-1", "ucona")
	c2 := w.chain("consumer-2", "uconb")
	p1 := w.pair(prov, c1, w.connect(prov, c1), "c1", "prov", "0.5", "0.1")
	p2 := w.pair(prov, c2, w.connect(prov, c2), "c2", "prov", "2", "0.5")
	w.start()
	u := prov.Accounts[0]
	start := balance(prov, u.Address)

	w.crossStake(u, prov, 5_000, remoteStake{p1, 0, 5_000}, remoteStake{p2, 0, 5_000})
	require.Equal(t, "5000-5000 5000-5000", w.stakeOf(p1, u, 0)+" "+w.stakeOf(p2, u, 0))
	// collateral, max lien (the larger of two liens of 5,000), slashable (10% of each) and free
	require.Equal(t, "5000 5000-5000 1000-1000 0-0", w.accountOn(prov, u))
	w.epochs(c1, c2)
	// floor(floor(5000 * 0.5) * 0.9) = 2,250 and floor(floor(5000 * 2) * 0.5) = 5,000
	require.Equal(t, plus(2_250)+" "+plus(5_000), w.tokensOf(c1, 0)+" "+w.tokensOf(c2, 0))
	require.Equal(t, "2250 0 0", p1.minted())
	require.Equal(t, "5000 0 0", p2.minted())
	w.check(nil)

	// x/staking takes 1% of the 100 power at the infraction, 1,000,000 of the 100,002,250 tokens;
	// the virtual delegation keeps floor(2250 * 99.00002250...%) = 2,227 and loses 23, reported as
	// floor(floor(23 * 2) * floor18(1/0.9)) = 51: the provider applies the 1% downtime ratio, 50 of
	// the user's 5,000.
	w.jailForDowntime(c1, 0)
	w.epochs(c1, c2)
	require.Equal(t, "2250 0 23", p1.minted())
	// Collateral and the c1 lien lose 50. With nothing free, the c2 lien, now above the
	// collateral, is clamped to it: 50 are burned on consumer-2, whose next epoch undelegates
	// 5,000 - floor(floor(4950 * 2) * 0.5) = 50 of its virtual stake.
	require.Equal(t, "4950 4950-4950 990-990 0-0", w.accountOn(prov, u))
	require.Equal(t, "4950-4950 4950-4950", w.stakeOf(p1, u, 0)+" "+w.stakeOf(p2, u, 0))
	require.Equal(t, plus(4_950), w.tokensOf(c2, 0))
	burnedC1 := int64(1_000_000 - 23)
	w.check(map[*testutil.Chain]int64{prov: 50, c1: burnedC1})

	for _, p := range []*pairing{p1, p2} {
		w.deliver(prov, u, &exttypes.MsgUnstake{Owner: u.String(), PairingId: p.ext, Validator: valoper(p.consumer, 0), Amount: ints(4_950)})
	}
	w.relay()
	w.epochs(c1, c2)
	require.Equal(t, "0-0 0-0", w.stakeOf(p1, u, 0)+" "+w.stakeOf(p2, u, 0))
	require.Equal(t, plus(0), w.tokensOf(c2, 0), "consumer-2's virtual stake undelegated")
	w.wait(11 * time.Minute)
	for _, p := range []*pairing{p1, p2} {
		w.deliver(prov, u, &exttypes.MsgWithdrawUnbonded{Owner: u.String(), PairingId: p.ext})
	}
	require.Equal(t, "4950 0-0 0-0 4950-4950", w.accountOn(prov, u))
	w.deliver(prov, u, &vaulttypes.MsgUnbond{Owner: u.String(), Amount: sdk.NewInt64Coin(prov.BondDenom(), 4_950)})
	require.Equal(t, start.Sub(ints(50)).String(), balance(prov, u.Address).String(), "all but the slash returned")
	// every virtual token is gone from both consumers: burned after unbonding, or slashed
	require.Equal(t, "2250 2227 23", p1.minted())
	require.Equal(t, "5000 5000 0", p2.minted())
	w.check(map[*testutil.Chain]int64{prov: 50, c1: burnedC1})
}
