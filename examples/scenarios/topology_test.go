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
	// floor(floor(23 * 2) * floor18(1/0.9)) = 51, with a ratio of 1%, x/slashing's downtime
	// fraction. The provider applies the lower of that 1% and the pairing's 5%, within the 51
	// reported: 50 of the user's 5,000.
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

// TestChainsSecureEachOther joins two chains that each run every module with two pairings over
// one connection, one channel each way: each chain is the provider of the other and its
// consumer. A user of each chain cross-stakes to a validator of the other; each chain's epoch
// delegates the other's virtual stake; fees paid on each chain reach the other chain's user, who
// withdraws them to an address on the chain that earned them; one validator of the second chain
// is jailed for downtime, which slashes the first chain's user only.
func TestChainsSecureEachOther(t *testing.T) {
	w := newWeb(t)
	a := w.chain("chain-a-1", "uaaa")
	b := w.chain("chain-b-1", "ubbb")
	l := w.connect(a, b)
	ab := w.pair(a, b, l, "b", "a", "0.5", "0.1") // a secures b
	ba := w.pair(b, a, l, "a", "b", "0.5", "0.1") // b secures a
	require.NotEqual(t, ab.ch.ChannelA, ba.ch.ChannelB, "two channels")
	w.start()
	ua, ub := a.Accounts[1], b.Accounts[1]

	w.crossStake(ua, a, 10_000, remoteStake{ab, 1, 4_000})
	w.crossStake(ub, b, 10_000, remoteStake{ba, 1, 4_000})
	w.epochs(a, b)
	// floor(floor(4000 * 0.5) * 0.9) = 1,800 each way
	require.Equal(t, plus(1_800)+" "+plus(1_800), w.tokensOf(a, 1)+" "+w.tokensOf(b, 1))
	require.Equal(t, "1800 0 0|1800 0 0", ab.minted()+"|"+ba.minted())
	require.Equal(t, "10000 4000-4000 400-400 6000-6000", w.accountOn(a, ua))
	require.Equal(t, "10000 4000-4000 400-400 6000-6000", w.accountOn(b, ub))
	w.check(nil)

	// Fees on each chain reach the virtual stake there; its epochs pay them into the reserve of
	// the pairing, and the provider's user withdraws them to an address on the earning chain.
	// x/distribution keeps 2% of the 4,000,000,000 and splits the rest by the four validators'
	// equal power: 980,000,000 each, of which 10% is commission; the virtual delegation holds
	// 1,800 of validator 1's 100,001,800 tokens, so it earns floor(1800 * 882,000,000 / 100,001,800)
	// = 15,875.
	w.payFees(a, 4_000_000_000)
	w.payFees(b, 4_000_000_000)
	w.epochs(a, b, a, b)
	for _, r := range []struct {
		p    *pairing
		user testutil.Account
	}{{ab, ua}, {ba, ub}} {
		reserve := w.reserveOf(r.p)
		require.Equal(t, "15875", reserve.String(), "rewards reached %s's reserve", r.p.consumer.ChainID)
		to := r.p.consumer.Accounts[3]
		before := balance(r.p.consumer, to.Address)
		w.deliver(r.p.provider, r.user, &exttypes.MsgWithdrawRewards{Owner: r.user.String(), PairingId: r.p.ext,
			Validator: valoper(r.p.consumer, 1), Recipient: to.String()})
		w.relay()
		require.Equal(t, reserve.String(), balance(r.p.consumer, to.Address).Sub(before).String(), "rewards withdrawn")
		require.Equal(t, "0", w.reserveOf(r.p).String())
	}
	w.check(nil)

	// b's validator 1 misses blocks: x/staking takes 1,000,000 of its 100,001,800 tokens, 18 of
	// them virtual, reported to a as floor(floor(18 * 2) * floor18(1/0.9)) = 39 of ua's 4,000 with
	// a ratio of 1% (x/slashing's downtime fraction, below the pairing's 5%), which would take 40:
	// the reported amount caps it. ua has free collateral: only the lien and the collateral drop.
	// ub, who secures a, is untouched.
	w.jailForDowntime(b, 1)
	w.epochs(b, a)
	require.Equal(t, "9961 3961-3961 397-397 6000-6000", w.accountOn(a, ua))
	require.Equal(t, "3961-3961", w.stakeOf(ab, ua, 1))
	// the slash left b's delegation at 1,782 = floor(floor(3961 * 0.5) * 0.9): nothing to undelegate
	require.Equal(t, "1800 0 18", ab.minted())
	require.Equal(t, "10000 4000-4000 400-400 6000-6000", w.accountOn(b, ub))
	require.Equal(t, "4000-4000", w.stakeOf(ba, ub, 1))
	require.Equal(t, plus(1_800), w.tokensOf(a, 1))
	require.Equal(t, "1800 0 0", ba.minted())
	w.check(map[*testutil.Chain]int64{a: 39, b: 1_000_000 - 18})
}

// TestTwoProvidersOneConsumer secures one consumer with two providers, one pairing each at its
// own price. A user of each provider cross-stakes to the same consumer validator; the epoch
// delegates each pairing's virtual stake; a downtime slash of that validator is reported to both
// providers, each slashing its own user by its pairing's figures.
func TestTwoProvidersOneConsumer(t *testing.T) {
	w := newWeb(t)
	p1c := w.chain("provider-1", "uprov")
	p2c := w.chain("provider-2", "uprob")
	cons := w.chain("consumer-1", "ucons")
	q1 := w.pair(p1c, cons, w.connect(p1c, cons), "cons", "p1", "0.5", "0.1")
	q2 := w.pair(p2c, cons, w.connect(p2c, cons), "cons", "p2", "2", "0.5")
	w.start()
	u1, u2 := p1c.Accounts[0], p2c.Accounts[0]

	w.crossStake(u1, p1c, 10_000, remoteStake{q1, 1, 4_000})
	w.crossStake(u2, p2c, 10_000, remoteStake{q2, 1, 1_000})
	w.epoch(cons)
	// floor(floor(4000 * 0.5) * 0.9) = 1,800 and floor(floor(1000 * 2) * 0.5) = 1,000
	require.Equal(t, "1800 0 0|1000 0 0", q1.minted()+"|"+q2.minted())
	require.Equal(t, plus(2_800), w.tokensOf(cons, 1))
	w.check(nil)

	// x/staking takes 1,000,000 of the validator's 100,002,800 tokens: 18 of the first pairing's
	// virtual stake and 10 of the second's. Each pairing reports its own share in its provider's
	// denom, with the ratio x/slashing slashed, 1% (below each pairing's 5%): floor(floor(18 * 2)
	// * floor18(1/0.9)) = 39 to provider-1, which caps the 40 that 1% would take, and
	// floor(floor(10 * 0.5) * 2) = 10 to provider-2, exactly 1% of 1,000.
	w.jailForDowntime(cons, 1)
	w.epoch(cons)
	require.Equal(t, "1800 0 18|1000 0 10", q1.minted()+"|"+q2.minted())
	require.Equal(t, "9961 3961-3961 397-397 6000-6000", w.accountOn(p1c, u1))
	require.Equal(t, "3961-3961", w.stakeOf(q1, u1, 1))
	require.Equal(t, "9990 990-990 99-99 9000-9000", w.accountOn(p2c, u2))
	require.Equal(t, "990-990", w.stakeOf(q2, u2, 1))
	w.check(map[*testutil.Chain]int64{p1c: 39, p2c: 10, cons: 1_000_000 - 28})
}
