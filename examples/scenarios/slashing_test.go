package scenarios_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestConsumerJailAndTombstone jails one consumer validator for downtime and tombstones another
// for double-signing; the reports reach the provider, which slashes the collateral of the users
// cross-staked on them by the pairing's ratios, with or without free collateral to cover it.
func TestConsumerJailAndTombstone(t *testing.T) {
	m := newMesh(t)
	u, w := m.provider.Accounts[0], m.provider.Accounts[1]
	// u has free collateral; w has none (local and remote stake both use all of it).
	m.deliver(m.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 10_000)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeLocal{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 3_000), Validator: m.pval(0)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 4_000), Validator: m.cval(1)})
	m.deliver(m.provider, w, &vaulttypes.MsgBond{Owner: w.String(), Amount: sdk.NewInt64Coin(provDenom, 5_000)})
	m.deliver(m.provider, w, &vaulttypes.MsgStakeLocal{Owner: w.String(), Amount: sdk.NewInt64Coin(provDenom, 5_000), Validator: m.pval(0)})
	m.deliver(m.provider, w, &vaulttypes.MsgStakeRemote{Owner: w.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 5_000), Validator: m.cval(2)})
	m.relay()
	m.epoch()

	m.consumer.SetAbsent(m.consumer.Validators[1])
	require.NoError(t, m.consumer.InjectDoubleSign(m.consumer.Validators[2]))
	for i := 0; i < 12; i++ {
		m.consumer.NextBlock()
		m.relay()
	}
	m.consumer.SetPresent(m.consumer.Validators[1])
	m.epoch()
	m.epoch()
	// u: downtime on the consumer slashes 1% (x/slashing) of the 1,800 virtual stake, 18 tokens,
	// which the converter reports back in the provider's denom: 39 of u's 4,000. The slash comes
	// out of the remote lien; u's local stake and free collateral are untouched.
	acc := m.account(u)
	require.Equal(t, "9961", acc.Collateral.String())
	require.Equal(t, "3961-3961", span(acc.MaxLien))
	require.Equal(t, "547-547", span(acc.TotalSlashable))
	require.Equal(t, "6000-6000", span(acc.Free))
	require.Equal(t, "3961-3961", m.stake(u, m.cval(1)))
	// w: the double-sign slashes 5% (x/slashing) of w's 2,250 virtual stake, reported as 250 of
	// w's 5,000. w had no free collateral: its local lien is cut to the 4,750 left.
	acc = m.account(w)
	require.Equal(t, "4750", acc.Collateral.String())
	require.Equal(t, "4750-4750", span(acc.MaxLien))
	require.Equal(t, "713-713", span(acc.TotalSlashable))
	require.Equal(t, "0-0", span(acc.Free))
	// the tombstoned validator never takes stake again: at the epoch after the provider
	// acknowledged the report, the converter ended w's request with an internal_unstake, and the
	// provider released w's 4,750 at once (still liened until w withdraws it)
	require.Equal(t, "0-0", m.stake(w, m.cval(2)))
	// 18 + 112.5 of virtual stake, slashed by x/staking with the validators' own tokens.
	vs := m.virtualSupply()
	require.Equal(t, "131", vs.Slashed.String())
	// x/staking burns the fraction of each validator's power at the infraction (100 power, 10^6
	// tokens each): 1% + 5% of 100,000,000 = 6,000,000, of which 131 was virtual stake.
	consBurned := ints(6_000_000).Sub(vs.Slashed)
	m.check(ints(39+250), consBurned)
}
