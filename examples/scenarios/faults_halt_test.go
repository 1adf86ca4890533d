package scenarios_test

import (
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"
	"github.com/stretchr/testify/require"

	extkeeper "github.com/meshsecurity/mesh/externalstaking/keeper"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// providerAlone produces one provider block d after the previous one, updating no client, while
// the consumer produces nothing.
func (m *mesh) providerAlone(d time.Duration) {
	interval := m.net.BlockInterval
	m.net.BlockInterval = d
	m.provider.NextBlock()
	m.net.BlockInterval = interval
}

// extPairing is the provider's pairing of the consumer.
func (m *mesh) extPairing() exttypes.ConsumerPairing {
	m.t.Helper()
	p, err := m.provider.App.ExternalStakingKeeper.GetPairing(m.provider.Context(), extPair)
	require.NoError(m.t, err)
	return p
}

// consumerClientStatus is the status of the provider's client of the consumer.
func (m *mesh) consumerClientStatus() ibcexported.Status {
	clients := m.provider.App.IBCKeeper.ClientKeeper
	ctx := m.provider.Context()
	cs, ok := clients.GetClientState(ctx, m.link.EndA.ClientID)
	require.True(m.t, ok)
	return clients.GetClientStatus(ctx, cs, m.link.EndA.ClientID)
}

// withdrawn has u withdraw its unbonded stake of the pairing and returns u's max lien after it.
func (m *mesh) withdrawn(u testutil.Account) string {
	m.t.Helper()
	m.deliver(m.provider, u, &exttypes.MsgWithdrawUnbonded{Owner: u.String(), PairingId: extPair})
	return span(m.account(u).MaxLien)
}

// TestConsumerHaltsAndUsersStillWithdraw stops the consumer with one user's stake committed and
// partly unbonding and another's stake and unstake in flight. The provider's client of the
// consumer expires, a user still unstakes, and after close_on_expired_client_after the pairing
// closes itself at T; at T + the unbonding period, and not a block earlier, both users withdraw
// everything, in-flight operations rolled back, and unbond their whole collateral.
func TestConsumerHaltsAndUsersStillWithdraw(t *testing.T) {
	m := newMesh(t)
	u, w := m.provider.Accounts[0], m.provider.Accounts[1]
	startU, startW := balance(m.provider, u.Address), balance(m.provider, w.Address)
	m.deliver(m.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 3_000)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 1_000), Validator: m.cval(0)})
	m.deliver(m.provider, w, &vaulttypes.MsgBond{Owner: w.String(), Amount: sdk.NewInt64Coin(provDenom, 2_000)})
	m.deliver(m.provider, w, &vaulttypes.MsgStakeRemote{Owner: w.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 600), Validator: m.cval(1)})
	m.relay()
	m.epoch()
	m.deliver(m.provider, u, &exttypes.MsgUnstake{Owner: u.String(), PairingId: extPair, Validator: m.cval(0), Amount: ints(200)})
	m.relay()
	require.Equal(t, "800-800", m.stake(u, m.cval(0)))

	// the consumer halts: what is sent from now on stays in flight
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 500), Validator: m.cval(0)})
	m.deliver(m.provider, w, &exttypes.MsgUnstake{Owner: w.String(), PairingId: extPair, Validator: m.cval(1), Amount: ints(100)})
	require.Equal(t, "800-1300", m.stake(u, m.cval(0)))
	require.Equal(t, "500-600", m.stake(w, m.cval(1)))
	consumerHeight := m.consumer.Height()

	m.providerAlone(m.consumer.TrustingPeriod() + time.Minute)
	require.Equal(t, ibcexported.Expired, m.consumerClientStatus())
	since := m.extPairing().ClientUnhealthySince
	require.Equal(t, m.provider.LastBlockTime(), since)
	// a user still unstakes; its packet cannot leave
	m.deliver(m.provider, w, &exttypes.MsgUnstake{Owner: w.String(), PairingId: extPair, Validator: m.cval(1), Amount: ints(300)})
	require.Equal(t, "200-600", m.stake(w, m.cval(1)))
	require.Equal(t, exttypes.PAIRING_STATUS_ACTIVE, m.extPairing().Status)

	params, err := extkeeper.NewQueryServerImpl(m.provider.App.ExternalStakingKeeper).Params(m.provider.Context(), &exttypes.QueryParamsRequest{})
	require.NoError(t, err)
	closeAfter := params.Params.CloseOnExpiredClientAfter
	m.providerAlone(since.Add(closeAfter).Sub(m.provider.LastBlockTime()))
	closed := m.extPairing()
	require.Equal(t, exttypes.PAIRING_STATUS_CLOSED, closed.Status)
	require.Equal(t, since.Add(closeAfter), closed.ClosedAt)
	acc := m.account(u)
	require.Equal(t, "3000", acc.Collateral.String())
	// the 500 stake left before the halt: in flight, it is held at worst until T + unbonding;
	// the 200 unbonding stays held too
	require.Equal(t, "1000-1500", span(acc.MaxLien))
	require.Equal(t, "1500-2000", span(acc.Free))
	// the unstake of 300 never left: the close dropped it and rolled it back; 100 is in flight
	require.Equal(t, "500-600", m.stake(w, m.cval(1)))
	require.Equal(t, "600-600", span(m.account(w).MaxLien))

	// one block before T + unbonding nothing is released; at T + unbonding everything is
	unbonding := m.extTerms().UnbondingPeriod
	step := m.net.BlockInterval
	m.providerAlone(closed.ClosedAt.Add(unbonding - 3*step).Sub(m.provider.LastBlockTime()))
	require.Equal(t, "1000-1500", m.withdrawn(u))
	require.Equal(t, "600-600", m.withdrawn(w))
	require.Equal(t, closed.ClosedAt.Add(unbonding-step), m.provider.LastBlockTime())
	require.Equal(t, "0-0", m.withdrawn(u))
	require.Equal(t, closed.ClosedAt.Add(unbonding), m.provider.LastBlockTime())
	require.Equal(t, "0-0", m.withdrawn(w))
	for _, c := range []struct {
		acc  testutil.Account
		bond int64
		free string
	}{{u, 3_000, "3000-3000"}, {w, 2_000, "2000-2000"}} {
		got := m.account(c.acc)
		require.Equal(t, "0-0", span(got.TotalSlashable))
		require.Equal(t, c.free, span(got.Free))
		m.deliver(m.provider, c.acc, &vaulttypes.MsgUnbond{Owner: c.acc.String(), Amount: sdk.NewInt64Coin(provDenom, c.bond)})
		require.Equal(t, "0", m.account(c.acc).Collateral.String())
	}
	require.Equal(t, startU.String()+" "+startW.String(), balance(m.provider, u.Address).String()+" "+balance(m.provider, w.Address).String(),
		"every token back")
	require.Equal(t, consumerHeight, m.consumer.Height(), "the consumer produced nothing")
	// the halted consumer still holds the 450 + 270 of virtual stake it minted
	require.Equal(t, "720", m.virtualSupply().Minted.String())
	m.check(ints(0), ints(0))
}
