package externalstaking_test

import (
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// Gas of whole transactions on the provider of a relayed pair, next to the native MsgDelegate
// on the same chain: MsgStakeRemote, the MsgAcknowledgement that carries a stake's success
// acknowledgement and the MsgRecvPacket that carries a slashing valset_update, both delivered by
// the driver's relayer with their proofs, as a relayer would.

// BenchmarkRelayedNativeMsgDelegate is the reference: a further delegation to a bonded validator.
func BenchmarkRelayedNativeMsgDelegate(b *testing.B) {
	p := newPair(b)
	delegator := p.provider.Accounts[0]
	validator := p.provider.Validators[0].ValAddress().String()
	testutil.ReportTxGas(b, p.provider, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: delegator, Msgs: []sdk.Msg{stakingtypes.NewMsgDelegate(delegator.String(), validator,
			sdk.NewInt64Coin("uprov", 1_000))}}
	})
}

// BenchmarkRelayedMsgStakeRemote is a further cross-stake on a committed position.
func BenchmarkRelayedMsgStakeRemote(b *testing.B) {
	p := newPair(b)
	ch := p.open()
	p.activate(ch, 1, "valA")
	u := p.provider.Accounts[0]
	require.NoError(b, p.bondAndStake(u, 1_000_000_000, 1_000, "valA"))
	require.NoError(b, p.link.RelayAll())
	testutil.ReportTxGas(b, p.provider, func(int) testutil.TxCase {
		require.NoError(b, p.link.RelayAll())
		return testutil.TxCase{Signer: u, Msgs: []sdk.Msg{&vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder,
			Amount: sdk.NewInt64Coin("uprov", 1_000), Validator: "valA"}}}
	})
}

// BenchmarkRelayedStakeAck is the MsgAcknowledgement of a stake's success acknowledgement: the
// commit here and in the vault, with IBC's proof verification and the relayer's ante handler.
func BenchmarkRelayedStakeAck(b *testing.B) {
	p := newPair(b)
	ch := p.open()
	p.activate(ch, 1, "valA")
	u := p.provider.Accounts[0]
	require.NoError(b, p.bondAndStake(u, 1_000_000_000, 1_000, "valA"))
	require.NoError(b, p.link.RelayAll())
	var gas uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		require.NoError(b, p.stakeMore(u, 1_000, "valA"))
		pending := p.link.PendingPackets()
		require.Len(b, pending, 1)
		require.NoError(b, p.link.ReceivePacket(pending[0]))
		acks := p.consumer.PendingAcks()
		require.Len(b, acks, 1)
		b.StartTimer()
		require.NoError(b, p.link.RelayAck(acks[0]))
		gas += p.provider.LastTxGas()
	}
	b.ReportMetric(float64(gas)/float64(b.N), "gas/op")
	p.requireStake(u, "valA", fmt.Sprint(1_000*(b.N+1)), fmt.Sprint(1_000*(b.N+1)))
}

// BenchmarkRelayedSlashValsetUpdate is the MsgRecvPacket of a valset_update slashing a validator
// with N cross-stakers: recording the slash is O(1) in N (each user's loss is settled later).
func BenchmarkRelayedSlashValsetUpdate(b *testing.B) {
	for _, n := range []int{10, 1_000} {
		b.Run(fmt.Sprintf("stakers=%d", n), func(b *testing.B) {
			p := newPair(b)
			ch := p.open()
			p.activate(ch, 1, "valA")
			p.populate(ch.ChannelB, "valA", n)
			var gas uint64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				require.NoError(b, p.cons.Queue(ch.ChannelA, ibcproto.ValsetUpdatePacket{Height: uint64(10 + i), Time: 10,
					Slashed: []ibcproto.ValidatorSlashInfo{{Address: "valA", InfractionHeight: uint64(5 + i), InfractionTime: 1,
						Power: 1, SlashAmount: ibcproto.NewCoin("uprov", ints(10)), SlashRatio: "0.05"}}}))
				p.consumer.NextBlock()
				pending := p.link.PendingPackets()
				require.Len(b, pending, 1)
				b.StartTimer()
				require.NoError(b, p.link.ReceivePacket(pending[0]))
				gas += p.provider.LastTxGas()
				b.StopTimer()
				require.NoError(b, p.link.RelayAll())
				b.StartTimer()
			}
			b.ReportMetric(float64(gas)/float64(b.N), "gas/op")
			v, err := p.provider.App.ExternalStakingKeeper.Validators.Get(p.provider.Context(), collectionsJoin("valA"))
			require.NoError(b, err)
			require.Equal(b, uint64(b.N), v.SlashCount, "every report slashed once")
		})
	}
}

// populate gives n fresh users a committed cross-stake of 1,000 on val, writing through the
// keepers and answering the stakes with the IBC module's acknowledgement callback (setup only:
// relaying a thousand stakes would cost thousands of blocks).
func (p *pair) populate(providerChannel, val string, n int) {
	ctx := p.provider.Context()
	k := p.provider.App.ExternalStakingKeeper
	vault := vaultkeeper.NewMsgServerImpl(p.provider.App.VaultKeeper)
	module := externalstaking.NewIBCModule(k)
	funder := p.provider.Accounts[0]
	coin := sdk.NewInt64Coin("uprov", 10_000)
	for i := 0; i < n; i++ {
		u := testutil.NewAccount()
		require.NoError(p.t, p.provider.App.BankKeeper.SendCoins(ctx, funder.Address, u.Address, sdk.NewCoins(coin)))
		_, err := vault.Bond(ctx, &vaulttypes.MsgBond{Owner: u.String(), Amount: coin})
		require.NoError(p.t, err)
		_, err = vault.StakeRemote(ctx, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder,
			Amount: sdk.NewInt64Coin("uprov", 1_000), Validator: val})
		require.NoError(p.t, err)
		var seqs []uint64
		require.NoError(p.t, k.Outbox.Walk(ctx, nil, func(seq uint64, o types.OutboxPacket) (bool, error) {
			seqs = append(seqs, seq)
			packet := channeltypes.Packet{SourcePort: types.PortID, SourceChannel: providerChannel, Data: o.Data}
			return false, module.OnAcknowledgementPacket(ctx, packet, ibcproto.NewSuccessAck().Acknowledgement(), nil)
		}))
		for _, s := range seqs {
			require.NoError(p.t, k.Outbox.Remove(ctx, s))
		}
	}
}

// collectionsJoin is the key of a validator of the pairing.
func collectionsJoin(val string) collections.Pair[string, string] {
	return collections.Join(pairingID, val)
}
