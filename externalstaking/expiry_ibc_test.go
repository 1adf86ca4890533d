package externalstaking_test

import (
	"testing"
	"time"

	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// jump produces one provider block d after the previous one, updating no client, as a provider
// whose relayers stopped would.
func (p *pair) jump(d time.Duration) {
	interval := p.net.BlockInterval
	p.net.BlockInterval = d
	p.provider.NextBlock()
	p.net.BlockInterval = interval
}

// consumerClientStatus is the status of the provider's client of the consumer.
func (p *pair) consumerClientStatus() ibcexported.Status {
	clients := p.provider.App.IBCKeeper.ClientKeeper
	ctx := p.provider.Context()
	cs, ok := clients.GetClientState(ctx, p.link.EndA.ClientID)
	require.True(p.t, ok)
	return clients.GetClientStatus(ctx, cs, p.link.EndA.ClientID)
}

// TestExpiredClientClosesThePairing lets the provider's client of the consumer expire (nobody
// updates it past its trusting period): the pairing notices at the end of that block, closes
// itself close_on_expired_client_after later at time T, and the user's stake is released at
// T + the unbonding period.
func TestExpiredClientClosesThePairing(t *testing.T) {
	p := newPair(t)
	ch := p.open()
	p.activate(ch, 1, "valA")
	a := p.provider.Accounts[0]
	require.NoError(t, p.bondAndStake(a, 1_000, 300, "valA"))
	require.NoError(t, p.link.RelayAll())
	p.requireLien(a, "300", "300")
	params := types.DefaultParams()
	params.CloseOnExpiredClientAfter = time.Hour
	require.NoError(t, p.provider.App.ExternalStakingKeeper.Params.Set(p.provider.Context(), params))
	p.provider.NextBlock()
	require.Equal(t, ibcexported.Active, p.consumerClientStatus())
	require.True(t, p.getPairing().ClientUnhealthySince.IsZero())

	p.jump(p.consumer.TrustingPeriod() + time.Minute)
	require.Equal(t, ibcexported.Expired, p.consumerClientStatus())
	got := p.getPairing()
	since := got.ClientUnhealthySince
	require.Equal(t, p.provider.LastBlockTime(), since)
	require.Error(t, p.link.UpdateClients(), "an expired client takes no update")
	require.Equal(t, types.PAIRING_STATUS_ACTIVE, got.Status)

	p.jump(since.Add(time.Hour - time.Second).Sub(p.provider.LastBlockTime()))
	require.Equal(t, types.PAIRING_STATUS_ACTIVE, p.getPairing().Status, "not yet an hour")
	p.jump(time.Second)
	got = p.getPairing()
	require.Equal(t, types.PAIRING_STATUS_CLOSED, got.Status)
	closedAt := p.provider.LastBlockTime()
	require.Equal(t, since.Add(time.Hour), closedAt)
	require.Equal(t, closedAt, got.ClosedAt)

	// One block before T + unbonding the stake stays; at T + unbonding the user withdraws it all.
	step := p.net.BlockInterval
	p.jump(unbonding - 2*step)
	_, _, err := p.provider.DeliverTx(a, &types.MsgWithdrawUnbonded{Owner: a.String(), PairingId: pairingID})
	require.NoError(t, err)
	require.Equal(t, closedAt.Add(unbonding-step), p.provider.LastBlockTime())
	p.requireLien(a, "300", "300")
	_, _, err = p.provider.DeliverTx(a, &types.MsgWithdrawUnbonded{Owner: a.String(), PairingId: pairingID})
	require.NoError(t, err)
	require.Equal(t, closedAt.Add(unbonding), p.provider.LastBlockTime())
	p.requireLien(a, "0", "0")
	require.NoError(t, p.provider.App.ExternalStakingKeeper.CheckInvariants(p.provider.Context(), p.vaultQueries()))
}
