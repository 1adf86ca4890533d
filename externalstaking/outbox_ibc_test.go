package externalstaking_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// Packets of a pairing without an open channel stay queued without using the per-block bound:
// with the bound at 2 and 3 such packets queued first, the other pairing's stake still leaves in
// the same block and commits.
func TestOutboxSkipsPairingsWithoutAnOpenChannel(t *testing.T) {
	p := newPair(t)
	ch := p.open()
	p.activate(ch, 1, "valA")
	k := p.provider.App.ExternalStakingKeeper
	ctx := p.provider.Context()
	waiting := p.pairing()
	waiting.Id, waiting.ConnectionId, waiting.ConsumerChainId = "waiting", "connection-7", "consumer-7"
	require.NoError(t, k.CreatePairing(ctx, waiting))
	params, err := k.Params.Get(ctx)
	require.NoError(t, err)
	params.MaxPacketsPerBlock = 2
	require.NoError(t, k.Params.Set(ctx, params))
	burn, err := ibcproto.EncodeProviderPacket(ibcproto.BurnPacket{Validators: []string{"valB"}, Burn: ibcproto.NewCoin("uprov", ints(5))})
	require.NoError(t, err)
	for i := 0; i < 3; i++ {
		seq, err := k.OutboxSeq.Next(ctx)
		require.NoError(t, err)
		require.NoError(t, k.Outbox.Set(ctx, seq, types.OutboxPacket{Pairing: waiting.Id, Data: burn}))
	}

	u := p.provider.Accounts[0]
	require.NoError(t, p.bondAndStake(u, 1_000, 100, "valA"))
	var left []string
	require.NoError(t, k.Outbox.Walk(p.provider.Context(), nil, func(_ uint64, o types.OutboxPacket) (bool, error) {
		left = append(left, o.Pairing)
		return false, nil
	}))
	require.Equal(t, []string{"waiting", "waiting", "waiting"}, left, "only the waiting pairing's packets stay")
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, ibcproto.StakePacket{Delegator: u.String(), Validator: "valA",
		Stake: ibcproto.NewCoin("uprov", ints(100)), TxID: 1}, p.lastReceived())
	p.requireLien(u, "100", "100")
}
