package scenarios_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	convkeeper "github.com/meshsecurity/mesh/converter/keeper"
	convtypes "github.com/meshsecurity/mesh/converter/types"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// stakePackets are the provider's unrelayed external staking packets.
func (m *mesh) stakePackets() []testutil.SentPacket {
	var out []testutil.SentPacket
	for _, p := range m.provider.PendingPackets() {
		if p.SourcePort == exttypes.PortID {
			out = append(out, p)
		}
	}
	return out
}

// request is the consumer's request of a delegator on a validator, in the provider's denom.
func (m *mesh) request(delegator, val string) string {
	m.t.Helper()
	res, err := convkeeper.NewQueryServerImpl(m.consumer.App.ConverterKeeper).DelegatorRequests(m.consumer.Context(),
		&convtypes.QueryDelegatorRequestsRequest{PairingId: convPair, Delegator: delegator})
	require.NoError(m.t, err)
	for _, r := range res.Requests {
		if r.Validator == val {
			return r.Amount.String()
		}
	}
	return "0"
}

// TestStakeTimesOutAndDuplicateIsIgnored times out one cross-stake, which rolls back on the
// provider and never reaches the consumer, then delivers another one twice before its
// acknowledgement: the second delivery
// changes nothing on either chain.
func TestStakeTimesOutAndDuplicateIsIgnored(t *testing.T) {
	m := newMesh(t)
	u := m.provider.Accounts[0]
	val := m.cval(0)
	m.deliver(m.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 2_000)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 1_000), Validator: val})
	packets := m.stakePackets()
	require.Len(t, packets, 1)
	require.Equal(t, "0-1000", m.stake(u, val), "pending until acknowledged")
	require.NoError(t, m.link.TimeoutPacket(packets[0]))
	require.Equal(t, "0-0", m.stake(u, val))
	acc := m.account(u)
	require.Equal(t, "0-0", span(acc.MaxLien))
	require.Equal(t, "2000-2000", span(acc.Free))
	require.Equal(t, "0", m.request(u.String(), val))
	m.relay()
	m.check(ints(0), ints(0))

	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 500), Validator: val})
	packets = m.stakePackets()
	require.Len(t, packets, 1)
	// two relayers deliver the same packet before either relays the acknowledgement
	require.NoError(t, m.link.ReceivePacket(packets[0]))
	require.Equal(t, "500", m.request(u.String(), val))
	require.NoError(t, m.link.ReceivePacket(packets[0]), "ibc-go answers a duplicate with a no-op")
	m.relay()
	require.Equal(t, "500-500", m.stake(u, val))
	require.Equal(t, "500", m.request(u.String(), val), "the duplicate is not applied")
	require.Equal(t, "500-500", span(m.account(u).MaxLien))
	m.check(ints(0), ints(0))
}
