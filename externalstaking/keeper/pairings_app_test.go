package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
)

func TestPairingMsgsByTheAuthority(t *testing.T) {
	e := newEnv(t)
	msgs := keeper.NewMsgServerImpl(e.k)
	authority, stranger := e.k.Authority(), e.chain.Accounts[0].String()
	ctx := e.chain.Context()

	fresh := testPairing()
	fresh.Id, fresh.ChannelId, fresh.ConnectionId = "cons3", "", "connection-3"
	_, err := msgs.CreatePairing(ctx, &types.MsgCreatePairing{Authority: stranger, Pairing: fresh})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = msgs.CreatePairing(ctx, &types.MsgCreatePairing{Authority: authority, Pairing: testPairing()})
	require.ErrorIs(t, err, types.ErrPairingExists)
	bad := fresh
	bad.UnbondingPeriod = 0
	_, err = msgs.CreatePairing(ctx, &types.MsgCreatePairing{Authority: authority, Pairing: bad})
	require.ErrorIs(t, err, types.ErrInvalidPairing)
	withChannel := fresh
	withChannel.ChannelId = "channel-1"
	_, err = msgs.CreatePairing(ctx, &types.MsgCreatePairing{Authority: authority, Pairing: withChannel})
	require.ErrorIs(t, err, types.ErrInvalidPairing)
	_, err = e.k.GetPairing(ctx, "cons3")
	require.ErrorIs(t, err, types.ErrUnknownPairing, "refused creations store nothing")

	_, err = msgs.CreatePairing(ctx, &types.MsgCreatePairing{Authority: authority, Pairing: fresh})
	require.NoError(t, err)
	got, err := e.k.GetPairing(ctx, "cons3")
	require.NoError(t, err)
	require.Equal(t, types.PAIRING_STATUS_ACTIVE, got.Status)

	// Update keeps status, channel and times; only the terms change.
	terms := testPairing()
	terms.MinCrossStake = ints(500)
	terms.ChannelId, terms.Status = "channel-99", types.PAIRING_STATUS_CLOSED
	_, err = msgs.UpdatePairing(ctx, &types.MsgUpdatePairing{Authority: authority, Pairing: terms})
	require.NoError(t, err)
	got, err = e.k.GetPairing(ctx, pairingID)
	require.NoError(t, err)
	require.Equal(t, ints(500), got.MinCrossStake)
	require.Equal(t, channel, got.ChannelId)
	require.Equal(t, types.PAIRING_STATUS_ACTIVE, got.Status)

	_, err = msgs.PausePairing(ctx, &types.MsgPausePairing{Authority: stranger, PairingId: pairingID})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = msgs.PausePairing(ctx, &types.MsgPausePairing{Authority: authority, PairingId: pairingID})
	require.NoError(t, err)
	_, err = msgs.PausePairing(ctx, &types.MsgPausePairing{Authority: authority, PairingId: pairingID})
	require.ErrorIs(t, err, types.ErrWrongPairingStatus)
	_, err = msgs.ReopenPairing(ctx, &types.MsgReopenPairing{Authority: authority, PairingId: pairingID})
	require.NoError(t, err)
	got, err = e.k.GetPairing(ctx, pairingID)
	require.NoError(t, err)
	require.Equal(t, channel, got.ChannelId, "a paused pairing keeps its channel")

	_, err = msgs.ClosePairing(ctx, &types.MsgClosePairing{Authority: authority, PairingId: pairingID})
	require.NoError(t, err)
	_, err = msgs.ClosePairing(ctx, &types.MsgClosePairing{Authority: authority, PairingId: pairingID})
	require.ErrorIs(t, err, types.ErrWrongPairingStatus)
	_, err = msgs.ReopenPairing(ctx, &types.MsgReopenPairing{Authority: authority, PairingId: "nope"})
	require.ErrorIs(t, err, types.ErrUnknownPairing)

	params := types.DefaultParams()
	params.MaxPacketsPerBlock = 0
	_, err = msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: authority, Params: params})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	_, err = msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: stranger, Params: types.DefaultParams()})
	require.ErrorIs(t, err, types.ErrUnauthorized)
}

// TestPairingClosesWhenItsClientStaysUnhealthy: the genesis pairing's connection has no client
// on this single chain, which EndBlock sees as a client that is not active; once that lasts
// longer than the parameter, the pairing closes itself at that block's time.
func TestPairingClosesWhenItsClientStaysUnhealthy(t *testing.T) {
	e := newEnv(t)
	params := types.DefaultParams()
	params.CloseOnExpiredClientAfter = time.Hour
	require.NoError(t, e.k.Params.Set(e.chain.Context(), params))

	e.chain.NextBlock()
	p, err := e.k.GetPairing(e.chain.Context(), pairingID)
	require.NoError(t, err)
	since := p.ClientUnhealthySince
	require.False(t, since.IsZero())
	require.Equal(t, types.PAIRING_STATUS_ACTIVE, p.Status)

	require.NoError(t, e.net.AdvanceTime(time.Hour))
	e.chain.NextBlock()
	p, err = e.k.GetPairing(e.chain.Context(), pairingID)
	require.NoError(t, err)
	require.Equal(t, types.PAIRING_STATUS_CLOSED, p.Status)
	require.False(t, p.ClosedAt.Before(since.Add(time.Hour)))
}
