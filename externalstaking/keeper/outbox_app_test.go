package keeper_test

import (
	"strconv"
	"strings"
	"testing"

	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// queueRaw appends n burn packets of a pairing to the outbox, as a genesis holding them would.
func (e *env) queueRaw(pairing string, n int) {
	ctx := e.chain.Context()
	data, err := ibcproto.EncodeProviderPacket(ibcproto.BurnPacket{Validators: []string{"valA"}, Burn: ibcproto.NewCoin(denom, ints(1))})
	require.NoError(e.t, err)
	for i := 0; i < n; i++ {
		seq, err := e.k.OutboxSeq.Next(ctx)
		require.NoError(e.t, err)
		require.NoError(e.t, e.k.Outbox.Set(ctx, seq, types.OutboxPacket{Pairing: pairing, Data: data}))
	}
}

// flushOnce runs one block's outbox flush and returns its gas and the sequences whose send it
// reported failed.
func (e *env) flushOnce() (uint64, []uint64) {
	ctx := e.chain.Context().WithGasMeter(storetypes.NewInfiniteGasMeter()).WithEventManager(sdk.NewEventManager())
	e.k.FlushOutbox(ctx)
	var failed []uint64
	for _, ev := range ctx.EventManager().Events() {
		if ev.Type != "meshsecurity.externalstaking.v1.EventPacketSendFailed" {
			continue
		}
		for _, a := range ev.Attributes {
			if a.Key == "seq" {
				seq, err := strconv.ParseUint(strings.Trim(a.Value, `"`), 10, 64)
				require.NoError(e.t, err)
				failed = append(failed, seq)
			}
		}
	}
	return ctx.GasMeter().GasConsumed(), failed
}

// TestOutboxScanIsBoundedAndResumes queues packets of a pairing that has no channel: a block's
// flush reads at most twice max_packets_per_block of them, whether 20 or 1,000 wait (the same
// gas), and a packet of another pairing queued behind 1,000 of them is still reached after a
// bounded number of blocks, since each scan resumes where the last one stopped.
func TestOutboxScanIsBoundedAndResumes(t *testing.T) {
	e := newEnv(t)
	ctx := e.chain.Context()
	idle := testPairing()
	idle.Id, idle.ConnectionId, idle.ConsumerChainId, idle.ChannelId, idle.Status = "idle", "connection-5", "consumer-3", "", types.PAIRING_STATUS_UNSPECIFIED
	require.NoError(t, e.k.CreatePairing(ctx, idle))
	params, err := e.k.Params.Get(ctx)
	require.NoError(t, err)
	params.MaxPacketsPerBlock = 5
	require.NoError(t, e.k.Params.Set(ctx, params))

	e.queueRaw("idle", 20)
	few, failed := e.flushOnce()
	require.Empty(t, failed)
	e.queueRaw("idle", 980)
	many, failed := e.flushOnce()
	require.Empty(t, failed)
	require.Equal(t, few, many, "a flush reads the same ten packets whatever waits behind them")

	// The genesis pairing's channel is bound but has no IBC channel behind it, so its packet's
	// send fails with an event: that is how the test sees the scan reach it.
	e.queueRaw(pairingID, 1)
	flushes := 0
	for len(failed) == 0 && flushes < 200 {
		_, failed = e.flushOnce()
		flushes++
	}
	require.Equal(t, []uint64{1001}, failed)
	require.LessOrEqual(t, flushes, 100, "a thousand waiting packets take at most a hundred scans of ten")
	n := 0
	require.NoError(t, e.k.Outbox.Walk(e.chain.Context(), nil, func(uint64, types.OutboxPacket) (bool, error) {
		n++
		return false, nil
	}))
	require.Equal(t, 1001, n, "waiting and failed packets stay queued")
}
