package externalstaking_test

import (
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/externalstaking"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/scriptedconsumer"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// Gas of a valid double-sign submission, as a whole transaction, next to the native MsgDelegate
// on the same provider configuration. Run with -benchtime 20x (make bench does).

// BenchmarkEvidenceNativeMsgDelegate is the reference: a further delegation to a bonded
// validator on the provider of the evidence benchmarks.
func BenchmarkEvidenceNativeMsgDelegate(b *testing.B) {
	bench := newEvidenceBench(b)
	delegator := bench.provider.Accounts[0]
	validator := bench.provider.Validators[0].ValAddress().String()
	testutil.ReportTxGas(b, bench.provider, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: delegator, Msgs: []sdk.Msg{stakingtypes.NewMsgDelegate(delegator.String(), validator,
			sdk.NewInt64Coin("uprov", 1_000))}}
	})
}

// BenchmarkSubmitConsumerDoubleSign submits valid evidence against a consumer validator with N
// cross-stakers: verifying it is independent of N and the slash is O(1) in N. Between
// submissions the validator's record is put back as it was (untombstoned), and the evidence is
// renewed before its trusted consensus state ages.
func BenchmarkSubmitConsumerDoubleSign(b *testing.B) {
	for _, n := range []int{10, 1_000} {
		b.Run(fmt.Sprintf("stakers=%d", n), func(b *testing.B) {
			bench := newEvidenceBench(b)
			bench.populate(n)
			k := bench.provider.App.ExternalStakingKeeper
			key := collections.Join(pairingID, bench.name)
			clean, err := k.Validators.Get(bench.provider.Context(), key)
			require.NoError(b, err)
			submitter := bench.provider.Accounts[1]
			var msg *types.MsgSubmitConsumerDoubleSign
			testutil.ReportTxGas(b, bench.provider, func(i int) testutil.TxCase {
				require.NoError(b, k.Validators.Set(bench.provider.Context(), key, clean))
				if i%20 == 0 {
					msg = bench.evidence(submitter)
				}
				return testutil.TxCase{Signer: submitter, Msgs: []sdk.Msg{msg}}
			})
			got, err := k.Validators.Get(bench.provider.Context(), key)
			require.NoError(b, err)
			require.True(b, got.Tombstoned, "the last submission was applied")
		})
	}
}

// evidenceBench is a provider and a consumer whose validators were reported with their keys.
type evidenceBench struct {
	b                  *testing.B
	net                *testutil.Network
	link               *testutil.Link
	provider, consumer *testutil.Chain
	channel            string
	cheat              testutil.Validator
	name               string
}

func newEvidenceBench(b *testing.B) *evidenceBench {
	cons := scriptedconsumer.New(scriptedconsumer.Config{})
	net := testutil.NewNetwork(b)
	provider := net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov"})
	consumer := net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", BondDenom: "ucons",
		AppOptions: []meshapp.Option{cons.Option()}})
	link, err := net.Connect(provider, consumer)
	require.NoError(b, err)
	bench := &evidenceBench{b: b, net: net, link: link, provider: provider, consumer: consumer,
		cheat: consumer.Validators[0], name: consumer.Validators[0].ValAddress().String()}
	pairing := (&pair{t: b, provider: provider, consumer: consumer, link: link}).pairing()
	require.NoError(b, provider.App.ExternalStakingKeeper.CreatePairing(provider.Context(), pairing))
	ch, err := cons.OpenChannel(link, consumer)
	require.NoError(b, err)
	bench.channel = ch.ChannelB
	valset, err := scriptedconsumer.BondedValset(consumer)
	require.NoError(b, err)
	require.NoError(b, cons.Queue(ch.ChannelA, valset))
	consumer.NextBlock()
	require.NoError(b, link.RelayAll())
	return bench
}

// populate gives n fresh users a committed cross-stake of 1,000 on the cheat, writing through the
// keepers and acknowledging each stake directly (no blocks), so a large staker set is cheap.
func (bench *evidenceBench) populate(n int) {
	ctx := bench.provider.Context()
	k := bench.provider.App.ExternalStakingKeeper
	vault := vaultkeeper.NewMsgServerImpl(bench.provider.App.VaultKeeper)
	ibc := externalstaking.NewIBCModule(k)
	funder := bench.provider.Accounts[0]
	for i := 0; i < n; i++ {
		u := testutil.NewAccount()
		require.NoError(bench.b, bench.provider.App.BankKeeper.SendCoins(ctx, funder.Address, u.Address,
			sdk.NewCoins(sdk.NewInt64Coin("uprov", 10_000))))
		_, err := vault.Bond(ctx, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin("uprov", 10_000)})
		require.NoError(bench.b, err)
		_, err = vault.StakeRemote(ctx, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder,
			Amount: sdk.NewInt64Coin("uprov", 1_000), Validator: bench.name})
		require.NoError(bench.b, err)
		var seqs []uint64
		require.NoError(bench.b, k.Outbox.Walk(ctx, nil, func(seq uint64, o types.OutboxPacket) (bool, error) {
			seqs = append(seqs, seq)
			packet := channeltypes.Packet{SourceChannel: bench.channel, SourcePort: types.PortID, Data: o.Data}
			return false, ibc.OnAcknowledgementPacket(ctx, packet, ibcproto.NewSuccessAck().Acknowledgement(), nil)
		}))
		for _, s := range seqs {
			require.NoError(bench.b, k.Outbox.Remove(ctx, s))
		}
	}
	v, err := k.Validators.Get(ctx, collections.Join(pairingID, bench.name))
	require.NoError(bench.b, err)
	require.Equal(bench.b, fmt.Sprint(n*1_000), v.Tokens.String())
}

// evidence commits a consumer block in which the cheat double-signs, and returns the message
// proving it, trusted from the client's latest consensus state.
func (bench *evidenceBench) evidence(submitter testutil.Account) *types.MsgSubmitConsumerDoubleSign {
	require.NoError(bench.b, bench.link.UpdateClients())
	env := &evidenceEnv{pair: &pair{t: bench.b, provider: bench.provider, consumer: bench.consumer, link: bench.link},
		cheat: bench.cheat, name: bench.name}
	voteA, voteB, header := env.doubleSign()
	return env.msg(submitter, voteA, voteB, header)
}
