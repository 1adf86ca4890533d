package converter_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/types"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// TestRewardsReachTheProviderAndArePaidBack hands an epoch's rewards to the converter: they go
// into the pairing's reserve and out in a distribute_batch; a batch that times out returns its
// amounts to the next one; the provider's staker then withdraws them to an address on the
// consumer, paid from the reserve.
func TestRewardsReachTheProviderAndArePaidBack(t *testing.T) {
	p := newPair(t)
	p.open()
	params := types.DefaultParams()
	params.PacketTimeout = 2 * time.Minute
	require.NoError(t, p.keeper().Params.Set(p.consumer.Context(), params))
	u := p.provider.Accounts[0]
	val := p.val(0)
	p.stakeRemote(u, 10_000, 1_000, val)
	payer := p.consumer.Accounts[0]
	payerBefore := p.balance(payer.Address)

	require.NoError(t, p.keeper().DistributeRewards(p.consumer.Context(), convPairing, payer.Address,
		[]types.ValidatorReward{{Valoper: val, Amount: ints(100)}}))
	require.Equal(t, "100", payerBefore.Sub(p.balance(payer.Address)).String())
	require.Equal(t, "100", p.balance(p.keeper().ModuleAddress()).String())
	p.consumer.NextBlock()
	require.Equal(t, []ibcproto.ConsumerPacket{ibcproto.DistributeBatchPacket{
		Rewards: []ibcproto.RewardInfo{{Validator: val, Reward: ints(100)}}, Denom: "ucons",
	}}, p.consumerPackets())
	pending := p.consumer.PendingPackets()
	require.Len(t, pending, 1)
	require.NoError(t, p.ch.Link.TimeoutPacket(pending[0]))
	require.Empty(t, p.consumer.PendingPackets(), "a timed-out batch waits for the next")

	require.NoError(t, p.keeper().DistributeRewards(p.consumer.Context(), convPairing, payer.Address,
		[]types.ValidatorReward{{Valoper: val, Amount: ints(50)}}))
	p.consumer.NextBlock()
	require.Equal(t, []ibcproto.ConsumerPacket{ibcproto.DistributeBatchPacket{
		Rewards: []ibcproto.RewardInfo{{Validator: val, Reward: ints(150)}}, Denom: "ucons",
	}}, p.consumerPackets())
	require.NoError(t, p.link.RelayAll())
	reserve, err := p.queries().RewardReserve(p.consumer.Context(), &types.QueryRewardReserveRequest{PairingId: convPairing})
	require.NoError(t, err)
	require.Equal(t, "150", reserve.Amount.String())

	recipient := p.consumer.Accounts[3]
	before := p.balance(recipient.Address)
	_, _, err = p.provider.DeliverTx(u, &exttypes.MsgWithdrawRewards{Owner: u.String(), PairingId: extPairing,
		Validator: val, Recipient: recipient.String()})
	require.NoError(t, err)
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, "150", p.balance(recipient.Address).Sub(before).String())
	reserve, err = p.queries().RewardReserve(p.consumer.Context(), &types.QueryRewardReserveRequest{PairingId: convPairing})
	require.NoError(t, err)
	require.Equal(t, "0", reserve.Amount.String())
	require.Equal(t, "0", p.balance(p.keeper().ModuleAddress()).String())
	p.checkInvariants()
}

// TestZeroCapUnwindsRequests caps a pairing to zero: its requests leave in bounded batches, each
// as an internal_unstake carrying the request exactly as received, which the provider releases.
func TestZeroCapUnwindsRequests(t *testing.T) {
	p := newPair(t)
	p.open()
	u, w := p.provider.Accounts[0], p.provider.Accounts[1]
	p.stakeRemote(u, 10_000, 1_000, p.val(0))
	p.stakeRemote(w, 10_000, 400, p.val(1))
	ctx := p.consumer.Context()
	_, err := p.keeper().UnwindRequests(ctx, convPairing, 10)
	require.ErrorIs(t, err, types.ErrWrongPairingStatus)

	terms := p.pairing()
	terms.MaxCap = ints(0)
	require.NoError(t, p.keeper().UpdatePairing(ctx, terms))
	done, err := p.keeper().UnwindRequests(ctx, convPairing, 1)
	require.NoError(t, err)
	require.False(t, done)
	done, err = p.keeper().UnwindRequests(ctx, convPairing, 1)
	require.NoError(t, err)
	require.True(t, done)
	p.checkInvariants()
	p.consumer.NextBlock()
	packets := p.consumerPackets()
	require.ElementsMatch(t, []ibcproto.ConsumerPacket{
		// floor(floor(1000 * 0.5) * 0.9) = 450 local
		ibcproto.InternalUnstakePacket{Delegator: u.String(), Validator: p.val(0),
			NormalizeAmount: ibcproto.NewCoin("ucons", ints(450)), InvertedAmount: ibcproto.NewCoin("uprov", ints(1_000))},
		// floor(floor(400 * 0.5) * 0.9) = 180 local
		ibcproto.InternalUnstakePacket{Delegator: w.String(), Validator: p.val(1),
			NormalizeAmount: ibcproto.NewCoin("ucons", ints(180)), InvertedAmount: ibcproto.NewCoin("uprov", ints(400))},
	}, packets)
	require.NoError(t, p.link.RelayAll())
	for _, c := range []struct {
		user string
		val  int
	}{{u.String(), 0}, {w.String(), 1}} {
		require.Equal(t, "0", p.request(c.user, p.val(c.val)))
	}
	low, high, err := p.provider.App.ExternalStakingKeeper.StakeOf(p.provider.Context(), extPairing, u.Address, p.val(0))
	require.NoError(t, err)
	require.Equal(t, "0 0", low.String()+" "+high.String(), "released on the provider")
	out, err := p.queries().Outbox(p.consumer.Context(), &types.QueryOutboxRequest{})
	require.NoError(t, err)
	require.Empty(t, out.InFlight)
	require.Empty(t, out.Queued)
}
