package converter_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter"
	"github.com/meshsecurity/mesh/converter/keeper"
	"github.com/meshsecurity/mesh/converter/types"
	extkeeper "github.com/meshsecurity/mesh/externalstaking/keeper"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

const (
	convPairing = "prov" // the consumer's pairing of the provider
	extPairing  = "cons" // the provider's pairing of the consumer
	holder      = "external/cons"
)

// pair is a provider chain running external staking and a consumer chain running the converter,
// both meshapp, linked with the provider as the link's A end; the consumer opens the channel.
type pair struct {
	t                  testing.TB
	net                *testutil.Network
	link               *testutil.Link
	provider, consumer *testutil.Chain
	ch                 *testutil.Channel // A end: the consumer
}

func newPair(t testing.TB) *pair {
	p := &pair{t: t, net: testutil.NewNetwork(t)}
	p.provider = p.net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov"})
	p.consumer = p.net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", BondDenom: "ucons"})
	var err error
	p.link, err = p.net.Connect(p.provider, p.consumer)
	require.NoError(t, err)
	return p
}

func dec(s string) sdkmath.LegacyDec { return sdkmath.LegacyMustNewDecFromStr(s) }
func ints(v int64) sdkmath.Int       { return sdkmath.NewInt(v) }

// pairing is the consumer's pairing of the provider: price 0.5, discount 0.1.
func (p *pair) pairing() types.ProviderPairing {
	return types.ProviderPairing{
		Id: convPairing, ConnectionId: p.link.EndB.ConnectionID, CounterpartyPort: types.DefaultCounterpartyPort,
		ProviderChainId: p.provider.ChainID, AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper",
		RemoteDenom: "uprov", FixedPrice: types.FixedPrice{Price: dec("0.5"), MaxAge: time.Hour},
		Discount: dec("0.1"), MaxCap: ints(1_000_000_000), GovPolicy: types.GOV_POLICY_INHERIT,
	}
}

// extTerms is the provider's pairing of the consumer.
func (p *pair) extTerms() exttypes.ConsumerPairing {
	return exttypes.ConsumerPairing{
		Id: extPairing, ConnectionId: p.link.EndA.ConnectionID, CounterpartyPort: types.PortID,
		ConsumerChainId: p.consumer.ChainID, AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper",
		UnbondingPeriod: 10 * time.Minute, DoubleSignRatio: dec("0.1"), DowntimeRatio: dec("0.05"),
		MinCrossStake: ints(1), RewardsDenom: "ucons",
	}
}

// open registers both pairings, opens the channel from the consumer and relays the validator set
// the consumer sends once the channel is open.
func (p *pair) open() {
	require.NoError(p.t, p.keeper().CreatePairing(p.consumer.Context(), p.pairing()))
	require.NoError(p.t, p.provider.App.ExternalStakingKeeper.CreatePairing(p.provider.Context(), p.extTerms()))
	var err error
	p.ch, err = p.link.OpenChannelFrom(p.consumer, testutil.ChannelConfig{
		PortA: types.PortID, PortB: exttypes.PortID, Order: channeltypes.UNORDERED,
	})
	require.NoError(p.t, err)
	p.consumer.NextBlock()
	require.NoError(p.t, p.link.RelayAll())
}

// keeper is the consumer's converter.
func (p *pair) keeper() *keeperAlias { return p.consumer.App.ConverterKeeper }

// ibcModule is the consumer's converter IBC module.
func (p *pair) ibcModule() converter.IBCModule { return converter.NewIBCModule(p.keeper()) }

// val is the operator address of the consumer's i-th genesis validator.
func (p *pair) val(i int) string { return p.consumer.Validators[i].ValAddress().String() }

// stakeRemote bonds collateral and cross-stakes it from the provider, then relays the packet.
func (p *pair) stakeRemote(u testutil.Account, bond, stake int64, val string) {
	if bond > 0 {
		_, _, err := p.provider.DeliverTx(u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin("uprov", bond)})
		require.NoError(p.t, err)
	}
	_, _, err := p.provider.DeliverTx(u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder,
		Amount: sdk.NewInt64Coin("uprov", stake), Validator: val})
	require.NoError(p.t, err)
	require.NoError(p.t, p.link.RelayAll())
}

// request is the consumer's record of a delegator's request on a validator.
func (p *pair) request(delegator, val string) string {
	res, err := p.queries().DelegatorRequests(p.consumer.Context(), &types.QueryDelegatorRequestsRequest{PairingId: convPairing, Delegator: delegator})
	require.NoError(p.t, err)
	for _, r := range res.Requests {
		if r.Validator == val {
			return r.Amount.String()
		}
	}
	return "0"
}

// targets lists the pairing's validators with their requests in local tokens.
func (p *pair) targets() (map[string]string, error) {
	out := map[string]string{}
	err := p.keeper().IterateTargets(p.consumer.Context(), convPairing, "", func(val string, local sdkmath.Int) bool {
		out[val] = local.String()
		return false
	})
	return out, err
}

// queries is the consumer's converter query service.
func (p *pair) queries() types.QueryServer { return keeperQueries(p.keeper()) }

// consumerPackets decodes the packets the consumer sent and nobody relayed yet.
func (p *pair) consumerPackets() []ibcproto.ConsumerPacket {
	var out []ibcproto.ConsumerPacket
	for _, sent := range p.consumer.PendingPackets() {
		if sent.SourcePort != types.PortID {
			continue
		}
		decoded, err := ibcproto.DecodeConsumerPacket(sent.GetData())
		require.NoError(p.t, err)
		out = append(out, decoded)
	}
	return out
}

// deliver runs a provider packet through the consumer's IBC module on the pairing's channel, as
// ibc-go's receive does, and returns the acknowledgement.
func (p *pair) deliver(packet ibcproto.ProviderPacket) ibcproto.Ack {
	data, err := ibcproto.EncodeProviderPacket(packet)
	require.NoError(p.t, err)
	return p.deliverRaw(p.ch.ChannelA, data)
}

// deliverRaw runs raw packet data through the consumer's IBC module and commits what it wrote.
func (p *pair) deliverRaw(channel string, data []byte) ibcproto.Ack {
	ctx := p.consumer.Context()
	ack := p.ibcModule().OnRecvPacket(ctx, channeltypes.Packet{
		Sequence: 1, SourcePort: exttypes.PortID, SourceChannel: p.ch.ChannelB,
		DestinationPort: types.PortID, DestinationChannel: channel, Data: data,
	}, nil)
	decoded, err := ibcproto.DecodeAck(ack.Acknowledgement())
	require.NoError(p.t, err)
	return decoded
}

// providerStatus is what external staking knows of a consumer validator.
func (p *pair) providerStatus(val string) exttypes.ValidatorStatus {
	v, err := p.provider.App.ExternalStakingKeeper.Validators.Get(p.provider.Context(), collections.Join(extPairing, val))
	if err != nil {
		return exttypes.VALIDATOR_STATUS_UNKNOWN
	}
	return extkeeper.ValidatorStatus(v)
}

// requireValsets checks the consumer sent exactly the wanted valset updates (and nothing else)
// since the last relay; lists compare with nil and empty alike.
func (p *pair) requireValsets(t *testing.T, want ...ibcproto.ValsetUpdatePacket) {
	t.Helper()
	var got []ibcproto.ValsetUpdatePacket
	for _, packet := range p.consumerPackets() {
		v, ok := packet.(ibcproto.ValsetUpdatePacket)
		require.True(t, ok, "a %s was sent", packet.Variant())
		got = append(got, normalValset(v))
	}
	for i := range want {
		want[i] = normalValset(want[i])
	}
	require.Equal(t, want, got)
}

// normalValset replaces nil lists with empty ones.
func normalValset(v ibcproto.ValsetUpdatePacket) ibcproto.ValsetUpdatePacket {
	strs := []*[]string{&v.Removals, &v.Jailed, &v.Unjailed, &v.Tombstoned}
	for _, s := range strs {
		if *s == nil {
			*s = []string{}
		}
	}
	for _, a := range []*[]ibcproto.AddValidator{&v.Additions, &v.Updated} {
		if *a == nil {
			*a = []ibcproto.AddValidator{}
		}
	}
	if v.Slashed == nil {
		v.Slashed = []ibcproto.ValidatorSlashInfo{}
	}
	return v
}

// now is the consumer's last block height and time, as a valset update sent in it carries.
func (p *pair) now() (uint64, uint64) {
	return uint64(p.consumer.Height()), uint64(p.consumer.LastBlockTime().Unix())
}

// checkInvariants runs the converter's invariants on the consumer.
func (p *pair) checkInvariants() {
	p.t.Helper()
	ctx := p.consumer.Context()
	for name, inv := range map[string]sdk.Invariant{
		"requests": keeper.RequestsMatchTotals(p.keeper()), "reserve": keeper.ReserveCovered(p.keeper()),
	} {
		msg, broken := inv(ctx)
		require.False(p.t, broken, "%s: %s", name, msg)
	}
}

// balance is an account's balance of the consumer's bond denom.
func (p *pair) balance(addr sdk.AccAddress) sdkmath.Int {
	return p.consumer.App.BankKeeper.GetBalance(p.consumer.Context(), addr, "ucons").Amount
}

// vaultBond is a provider user's bond of collateral.
func vaultBond(u testutil.Account, amount int64) *vaulttypes.MsgBond {
	return &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin("uprov", amount)}
}

// vaultStake is a provider user's cross-stake through the consumer pairing.
func vaultStake(u testutil.Account, amount int64, val string) *vaulttypes.MsgStakeRemote {
	return &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin("uprov", amount), Validator: val}
}
