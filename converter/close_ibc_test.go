package converter_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// TestCloseAndReopen refuses a channel close from this side, closes the pairing when the
// provider closes the channel (handing it to virtual staking's unwind), drops its requests
// without sending anything, and reopens it on a new channel.
func TestCloseAndReopen(t *testing.T) {
	p := newPair(t)
	p.open()
	u := p.provider.Accounts[0]
	p.stakeRemote(u, 10_000, 1_000, p.val(0))
	ctx := p.consumer.Context()
	require.ErrorIs(t, p.ibcModule().OnChanCloseInit(ctx, types.PortID, p.ch.ChannelA), types.ErrCloseRefused)
	require.Empty(t, p.consumer.App.ConverterUnwinds.Unwound())

	require.NoError(t, p.ibcModule().OnChanCloseConfirm(ctx, types.PortID, p.ch.ChannelA))
	require.Equal(t, []string{convPairing}, p.consumer.App.ConverterUnwinds.Unwound())
	views, err := p.keeper().Pairings(ctx)
	require.NoError(t, err)
	require.Len(t, views, 1)
	require.True(t, views[0].Closed)
	p.refuse(t, p.ch.ChannelA, p.encode(ibcproto.UnstakePacket{Delegator: u.String(), Validator: p.val(0),
		Unstake: ibcproto.NewCoin("uprov", ints(1)), TxID: 1}), types.ErrWrongPairingStatus)
	require.ErrorIs(t, p.keeper().ReopenPairing(ctx, convPairing), types.ErrWrongPairingStatus)
	payer := p.consumer.Accounts[0]
	before := p.balance(payer.Address)
	err = p.keeper().DistributeRewards(ctx, convPairing, payer.Address, []types.ValidatorReward{{Valoper: p.val(0), Amount: ints(10)}})
	require.ErrorIs(t, err, types.ErrWrongPairingStatus)
	require.Equal(t, before, p.balance(payer.Address))

	done, err := p.keeper().UnwindRequests(ctx, convPairing, 10)
	require.NoError(t, err)
	require.True(t, done)
	p.consumer.NextBlock()
	require.Empty(t, p.consumerPackets(), "a closed pairing sends nothing")
	require.Equal(t, "0", p.request(u.String(), p.val(0)))
	p.checkInvariants()

	require.NoError(t, p.keeper().ReopenPairing(p.consumer.Context(), convPairing))
	got, err := p.keeper().GetPairing(p.consumer.Context(), convPairing)
	require.NoError(t, err)
	require.Equal(t, types.PAIRING_STATUS_ACTIVE, got.Status)
	require.Empty(t, got.ChannelId)
	require.True(t, got.ClosedAt.IsZero())
}

// TestGenesisRoundTrip exports a consumer with requests, burns, a reserve and queued reports,
// imports it into a fresh chain and exports the same state again.
func TestGenesisRoundTrip(t *testing.T) {
	p := newPair(t)
	p.open()
	u := p.provider.Accounts[0]
	p.stakeRemote(u, 10_000, 1_000, p.val(0))
	require.True(t, p.deliver(ibcproto.BurnPacket{Validators: []string{p.val(0)}, Burn: ibcproto.NewCoin("uprov", ints(30))}).Success())
	require.NoError(t, p.keeper().DistributeRewards(p.consumer.Context(), convPairing, p.consumer.Accounts[0].Address,
		[]types.ValidatorReward{{Valoper: p.val(0), Amount: ints(10)}}))
	p.keeper().ReportValidatorChange(p.consumer.Context(), types.ValidatorChange{Kind: types.ValidatorJailed, Valoper: p.val(1)})
	p.checkInvariants()

	gs, err := p.keeper().ExportGenesis(p.consumer.Context())
	require.NoError(t, err)
	require.NoError(t, gs.Validate())
	require.Len(t, gs.Requests, 1)
	require.Len(t, gs.Burned, 1)
	require.Equal(t, "30", gs.Burned[0].Amount.String())
	require.Len(t, gs.Reports, 1)
	require.Len(t, gs.Outbox, 1)

	fresh := newPair(t)
	ctx := fresh.consumer.Context()
	require.NoError(t, fresh.keeper().InitGenesis(ctx, *gs))
	again, err := fresh.keeper().ExportGenesis(ctx)
	require.NoError(t, err)
	cdc := p.consumer.App.AppCodec()
	require.Equal(t, string(cdc.MustMarshalJSON(gs)), string(cdc.MustMarshalJSON(again)))
	targets := map[string]string{}
	require.NoError(t, fresh.keeper().IterateTargets(ctx, convPairing, "", func(v string, local sdkInt) bool {
		targets[v] = local.String()
		return false
	}))
	// 1000 - 30 burned = 970: floor(floor(970 * 0.5) * 0.9) = 436
	require.Equal(t, map[string]string{p.val(0): "436"}, targets)

	bad := *gs
	bad.Requests = append(bad.Requests, types.Request{Pairing: "nobody", Delegator: u.String(), Validator: p.val(0), Amount: ints(1)})
	require.ErrorIs(t, bad.Validate(), types.ErrInvalidGenesis)
}
