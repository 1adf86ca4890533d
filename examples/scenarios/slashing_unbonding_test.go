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

// TestSlashOnUnbondingStake jails one consumer validator for downtime and tombstones another for
// double-signing while their provider stakers are unbonding part of their cross-stake: 1,000 that
// started unbonding before the infraction (and left the consumer's x/staking at the epoch that
// followed), and 1,000 unstaked after it while the relayer held the consumer's report back. The
// report slashes the bonded stake and the later entry, never the earlier one. u has free
// collateral, w none.
func TestSlashOnUnbondingStake(t *testing.T) {
	m := newMesh(t)
	u, w := m.provider.Accounts[0], m.provider.Accounts[1]
	down, cheat := m.cval(1), m.cval(2)
	m.deliver(m.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 10_000)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeLocal{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 3_000), Validator: m.pval(0)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 4_000), Validator: down})
	m.deliver(m.provider, w, &vaulttypes.MsgBond{Owner: w.String(), Amount: sdk.NewInt64Coin(provDenom, 5_000)})
	m.deliver(m.provider, w, &vaulttypes.MsgStakeLocal{Owner: w.String(), Amount: sdk.NewInt64Coin(provDenom, 5_000), Validator: m.pval(0)})
	m.deliver(m.provider, w, &vaulttypes.MsgStakeRemote{Owner: w.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 5_000), Validator: cheat})
	m.relay()
	m.epoch()
	unstake := func() {
		m.deliver(m.provider, u, &exttypes.MsgUnstake{Owner: u.String(), PairingId: extPair, Validator: down, Amount: ints(1_000)})
		m.deliver(m.provider, w, &exttypes.MsgUnstake{Owner: w.String(), PairingId: extPair, Validator: cheat, Amount: ints(1_000)})
	}
	unstake()
	m.relay()
	m.epoch()
	// the virtual stake follows the bonded 3,000 and 4,000: 1,350 and 1,800 local tokens
	own := testutil.DefaultValidatorStake
	require.Equal(t, "1350 1800", m.tokens(1).Sub(own).String()+" "+m.tokens(2).Sub(own).String())

	// the infractions, with the relayer away: the consumer's report waits
	m.consumer.SetAbsent(m.consumer.Validators[1])
	require.NoError(t, m.consumer.InjectDoubleSign(m.consumer.Validators[2]))
	for i := 0; i < 12; i++ {
		m.consumer.NextBlock()
	}
	m.consumer.SetPresent(m.consumer.Validators[1])
	require.Len(t, m.pendingFrom(m.consumer), 1, "the report, held back")
	unstake()
	m.relayFrom(m.provider)
	require.Equal(t, []string{"1000", "1000"}, m.unbonding(u, down))
	require.Equal(t, []string{"1000", "1000"}, m.unbonding(w, cheat))
	require.Equal(t, "2000-2000 3000-3000", m.stake(u, down)+" "+m.stake(w, cheat))

	m.relay()
	m.epoch()
	m.epoch()
	// u: the consumer slashed 1% of 1,350 virtual tokens at the infraction and reports that ratio,
	// x/slashing's downtime fraction. The provider applies the lower of it and the pairing's 5%
	// downtime ratio, 1%, to what is still bonded, 20 of 2,000 (within the 30 reported), and to the
	// entry that started after the infraction, 10 of 1,000; the earlier entry keeps its 1,000.
	require.Equal(t, "1980-1980", m.stake(u, down))
	require.Equal(t, []string{"1000", "990"}, m.unbonding(u, down))
	acc := m.account(u)
	require.Equal(t, "9970", acc.Collateral.String())
	require.Equal(t, "3970-3970", span(acc.MaxLien), "1,980 + 1,000 + 990 remote, over 3,000 local")
	require.Equal(t, "547-547", span(acc.TotalSlashable), "5% of 3,000 + 10% of 3,970")
	require.Equal(t, "6000-6000", span(acc.Free))
	// w: the double-sign's 5% of 3,000 bonded (150) and of the later entry (50); w has no free
	// collateral, so the local lien is cut to the 4,800 left. Once the report was acknowledged, the
	// next epoch ended w's request on the tombstoned validator with an internal_unstake, which
	// released the 2,850 left bonded there at once.
	require.Equal(t, "0-0", m.stake(w, cheat))
	require.Equal(t, []string{"1000", "950", "2850"}, m.unbonding(w, cheat))
	acc = m.account(w)
	require.Equal(t, "4800", acc.Collateral.String())
	require.Equal(t, "4800-4800", span(acc.MaxLien))
	require.Equal(t, "720-720", span(acc.TotalSlashable), "5% of 4,800 local + 10% of 4,800 remote")
	require.Equal(t, "0-0", span(acc.Free))
	require.Equal(t, exttypes.VALIDATOR_STATUS_JAILED, m.providerView(down).Status)
	require.Equal(t, exttypes.VALIDATOR_STATUS_TOMBSTONED, m.providerView(cheat).Status)
	// 13.5 + 90 of virtual stake slashed by x/staking, which burned 1% + 5% of each validator's
	// 100 power (10^6 tokens each) in all.
	vs := m.virtualSupply()
	require.Equal(t, "104", vs.Slashed.String())
	consBurned := ints(6_000_000).Sub(vs.Slashed)
	m.check(ints(30+200), consBurned)

	// after the unbonding period both entries are released as slashed
	m.wait(11 * time.Minute)
	for _, a := range []int{0, 1} {
		owner := m.provider.Accounts[a]
		m.deliver(m.provider, owner, &exttypes.MsgWithdrawUnbonded{Owner: owner.String(), PairingId: extPair})
	}
	require.Empty(t, m.unbonding(u, down))
	require.Empty(t, m.unbonding(w, cheat))
	acc = m.account(u)
	require.Equal(t, "3000-3000 6970-6970", span(acc.MaxLien)+" "+span(acc.Free), "the local lien is the largest now")
	acc = m.account(w)
	require.Equal(t, "4800-4800 0-0", span(acc.MaxLien)+" "+span(acc.Free))
	m.check(ints(30+200), consBurned)
}
