package converter_test

import (
	"fmt"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
)

// snapshot is the converter's whole state and the balances a refused packet could touch.
func (p *pair) snapshot(accounts ...sdk.AccAddress) string {
	return p.snapshotAt(p.t, p.consumer.Context(), accounts...)
}

// snapshotAt is snapshot on a given context.
func (p *pair) snapshotAt(t testing.TB, ctx sdk.Context, accounts ...sdk.AccAddress) string {
	gs, err := p.keeper().ExportGenesis(ctx)
	require.NoError(t, err)
	bz, err := p.consumer.App.AppCodec().MarshalJSON(gs)
	require.NoError(t, err)
	out := string(bz)
	for _, a := range append(accounts, p.keeper().ModuleAddress()) {
		out += "|" + p.consumer.App.BankKeeper.GetAllBalances(ctx, a).String()
	}
	return out
}

// refuse delivers data on channel and checks it is refused with want, by an error
// acknowledgement carrying want's code, and that nothing changed.
func (p *pair) refuse(t *testing.T, channel string, data []byte, want *errorsmod.Error, touched ...sdk.AccAddress) {
	t.Helper()
	before := p.snapshot(touched...)
	cache, _ := p.consumer.Context().CacheContext()
	require.ErrorIs(t, p.keeper().Receive(cache, channel, data), want)
	ack := p.deliverRaw(channel, data)
	require.False(t, ack.Success())
	require.True(t, strings.HasPrefix(ack.ErrorMessage(), fmt.Sprintf("ABCI code: %d:", want.ABCICode())), ack.ErrorMessage())
	require.Equal(t, before, p.snapshot(touched...), "state changed by a refused packet")
}

// encode encodes a provider packet.
func (p *pair) encode(packet ibcproto.ProviderPacket) []byte {
	data, err := ibcproto.EncodeProviderPacket(packet)
	require.NoError(p.t, err)
	return data
}

// refusalPair is a pair with an open channel, a stake of 1,000 uprov from the provider's first
// account on the consumer's first validator and a reward reserve of 100 ucons.
func refusalPair(t testing.TB) (*pair, testutil.Account) {
	p := newPair(t)
	p.open()
	u := p.provider.Accounts[0]
	p.stakeRemote(u, 10_000, 1_000, p.val(0))
	payer := p.consumer.Accounts[0]
	require.NoError(t, p.keeper().DistributeRewards(p.consumer.Context(), convPairing, payer.Address,
		[]types.ValidatorReward{{Valoper: p.val(0), Amount: ints(100)}}))
	return p, u
}

// TestRefusedPackets sends each kind of packet the converter must refuse; each gets an error
// acknowledgement with its registered error and leaves the state and balances unchanged.
func TestRefusedPackets(t *testing.T) {
	p, u := refusalPair(t)
	val := p.val(0)
	coin := func(denom string, v int64) ibcproto.Coin { return ibcproto.NewCoin(denom, ints(v)) }
	stake := func(delegator, validator string, c ibcproto.Coin) []byte {
		return p.encode(ibcproto.StakePacket{Delegator: delegator, Validator: validator, Stake: c, TxID: 7})
	}
	recipient := p.consumer.Accounts[1]

	t.Run("malformed", func(t *testing.T) {
		p.refuse(t, p.ch.ChannelA, []byte(`{"stake":{"delegator":1}}`), ibcproto.ErrInvalidType)
	})
	t.Run("unknown variant", func(t *testing.T) {
		p.refuse(t, p.ch.ChannelA, []byte(`{"mint":{}}`), ibcproto.ErrUnknownVariant)
	})
	t.Run("oversized", func(t *testing.T) {
		big := []byte(`{"stake":{"delegator":"` + strings.Repeat("a", ibcproto.MaxPacketSize) + `"}}`)
		p.refuse(t, p.ch.ChannelA, big, ibcproto.ErrPacketTooLarge)
	})
	t.Run("unauthorised channel", func(t *testing.T) {
		p.refuse(t, "channel-99", stake(u.String(), val, coin("uprov", 10)), types.ErrUnknownChannel)
	})
	t.Run("wrong denom", func(t *testing.T) {
		p.refuse(t, p.ch.ChannelA, stake(u.String(), val, coin("ucons", 10)), types.ErrWrongDenom)
	})
	t.Run("delegator of another chain", func(t *testing.T) {
		other := sdk.MustBech32ifyAddressBytes("osmo", u.Address)
		p.refuse(t, p.ch.ChannelA, stake(other, val, coin("uprov", 10)), types.ErrInvalidAddress)
	})
	t.Run("unknown validator", func(t *testing.T) {
		stranger := sdk.ValAddress(testutil.NewAccount().Address).String()
		p.refuse(t, p.ch.ChannelA, stake(u.String(), stranger, coin("uprov", 10)), types.ErrUnknownValidator)
	})
	t.Run("over the cap", func(t *testing.T) {
		// the cap is 1e9 local and 1,000 are staked: 2,222,221,226 more give
		// floor(floor(2,222,222,226 * 0.5) * 0.9) = 1,000,000,001
		p.refuse(t, p.ch.ChannelA, stake(u.String(), val, coin("uprov", 2_222_221_226)), types.ErrOverCap)
	})
	t.Run("burn in the wrong denom", func(t *testing.T) {
		p.refuse(t, p.ch.ChannelA, p.encode(ibcproto.BurnPacket{Validators: []string{val}, Burn: coin("ucons", 5)}), types.ErrWrongDenom)
	})
	t.Run("rewards over the reserve", func(t *testing.T) {
		p.refuse(t, p.ch.ChannelA, p.encode(ibcproto.TransferRewardsPacket{Rewards: coin("ucons", 101),
			Recipient: recipient.String(), TxID: 9}), types.ErrInsufficientReserve, recipient.Address)
	})
	t.Run("rewards in the provider's denom", func(t *testing.T) {
		p.refuse(t, p.ch.ChannelA, p.encode(ibcproto.TransferRewardsPacket{Rewards: coin("uprov", 10),
			Recipient: recipient.String(), TxID: 9}), types.ErrWrongDenom, recipient.Address)
	})
	t.Run("rewards to a bad recipient", func(t *testing.T) {
		p.refuse(t, p.ch.ChannelA, p.encode(ibcproto.TransferRewardsPacket{Rewards: coin("ucons", 10),
			Recipient: "cosmos1notanaddress", TxID: 9}), types.ErrInvalidAddress)
	})
	t.Run("stake on a paused pairing", func(t *testing.T) {
		require.NoError(t, p.keeper().PausePairing(p.consumer.Context(), convPairing))
		p.refuse(t, p.ch.ChannelA, stake(u.String(), val, coin("uprov", 10)), types.ErrPairingNotActive)
		require.NoError(t, p.keeper().ReopenPairing(p.consumer.Context(), convPairing))
	})

	// the same packets, valid, are accepted: the refusals were about what they carried
	require.True(t, p.deliver(ibcproto.StakePacket{Delegator: u.String(), Validator: val, Stake: coin("uprov", 10), TxID: 7}).Success())
	require.Equal(t, "1010", p.request(u.String(), val))
	require.True(t, p.deliver(ibcproto.TransferRewardsPacket{Rewards: coin("ucons", 100), Recipient: recipient.String(), TxID: 9}).Success())
	res, err := p.queries().RewardReserve(p.consumer.Context(), &types.QueryRewardReserveRequest{PairingId: convPairing})
	require.NoError(t, err)
	require.Equal(t, "0", res.Amount.String())
}
