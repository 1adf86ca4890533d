package scenarios_test

import (
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestProviderSlashPropagates jails a provider validator for downtime: the local slash costs a
// user with no free collateral part of it, so the vault cuts the remote lien too and the burn
// reaches the consumer, whose request and virtual stake shrink to match.
func TestProviderSlashPropagates(t *testing.T) {
	m := newMesh(t)
	u := m.provider.Accounts[0]
	m.deliver(m.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 5_000)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeLocal{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 5_000), Validator: m.pval(1)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 5_000), Validator: m.cval(0)})
	m.relay()
	m.epoch()
	require.Equal(t, "2250", m.virtualSupply().Minted.String())

	m.provider.SetAbsent(m.provider.Validators[1])
	for i := 0; i < 12; i++ {
		m.provider.NextBlock()
		m.relay()
	}
	m.provider.SetPresent(m.provider.Validators[1])
	m.relay()
	m.epoch()
	m.epoch()
	// 1% of the 5,000 local stake is slashed; with no free collateral the remote lien follows.
	acc := m.account(u)
	require.Equal(t, "4950", acc.Collateral.String())
	require.Equal(t, "4950-4950", span(acc.MaxLien))
	require.Equal(t, "0-0", span(acc.Free))
	require.Equal(t, "4950-4950", m.stake(u, m.cval(0)))
	// floor(floor(4950 * 0.5) * 0.9) = 2,227: the other 23 are undelegated and burn after unbonding.
	vs := m.virtualSupply()
	require.Equal(t, "2227", vs.Targeted.String())
	require.Equal(t, testutil.DefaultValidatorStake.Add(ints(2_227)).String(), m.tokens(0).String())
	// x/staking burns 1% of the provider validator's 100 power (10^6 tokens each).
	m.check(ints(1_000_000), ints(0))
	m.wait(11 * time.Minute)
	vs = m.virtualSupply()
	require.Equal(t, "2250 23", vs.Minted.String()+" "+vs.Burned.String())
	m.check(ints(1_000_000), ints(0))
}
