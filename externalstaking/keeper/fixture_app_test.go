package keeper_test

import (
	"crypto/ed25519"
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/externalstaking"
	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// consumerRecipient is an account address of the consumer (the pairing's account prefix).
var consumerRecipient = sdk.AccAddress("rewards-recipient-01").String()

const (
	denom     = "uprov"
	pairingID = "cons"
	holder    = "external/cons"
	// channel is the pairing's channel in these single-chain tests: it is bound in genesis but has
	// no IBC counterpart, so packets stay in the outbox, where the tests read them, and the tests
	// play the consumer by calling the IBC module's callbacks.
	channel = "channel-9"
	// pairingID2 and channel2 are a second pairing, holder external/cons2.
	pairingID2 = "cons2"
	channel2   = "channel-10"
	unbonding  = 100 * time.Second
)

// testPairing is the pairing the fixture starts with.
func testPairing() types.ConsumerPairing {
	return types.ConsumerPairing{
		Id: pairingID, ConnectionId: "connection-0", CounterpartyPort: types.DefaultCounterpartyPort,
		ConsumerChainId: "consumer-1", AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper",
		UnbondingPeriod: unbonding, DoubleSignRatio: sdkmath.LegacyNewDecWithPrec(1, 1),
		DowntimeRatio: sdkmath.LegacyNewDecWithPrec(5, 2), MinCrossStake: sdkmath.NewInt(10),
		RewardsDenom: "ucons", Status: types.PAIRING_STATUS_ACTIVE, ChannelId: channel,
	}
}

// secondPairing is a second pairing beside the first, on its own (unrelayed) channel.
func secondPairing() types.ConsumerPairing {
	p := testPairing()
	p.Id, p.ConnectionId, p.ConsumerChainId, p.ChannelId = pairingID2, "connection-1", "consumer-2", channel2
	return p
}

// withPairings writes the pairings into external staking's genesis.
func withPairings(pairings ...types.ConsumerPairing) testutil.GenesisModifier {
	return func(cdc codec.Codec, state meshapp.GenesisState) error {
		gs := types.DefaultGenesis()
		gs.Pairings = append(gs.Pairings, pairings...)
		bz, err := cdc.MarshalJSON(gs)
		state[types.ModuleName] = bz
		return err
	}
}

// env is a provider chain with one pairing whose consumer the test plays by calling the IBC
// module's callbacks. The tests in this package keep doing so only where relaying through the
// driver (the package above does, with the scripted consumer) cannot produce the case or would
// cost a chain pair per case: packets that do not decode, exceed the size limit or arrive on a
// channel of no pairing (the driver relays well-formed packets of open channels only);
// acknowledgements of a pairing already closed (a closed channel relays nothing); panics planted
// in the keeper; share arithmetic at the 2^120 bounds; the 120 orders of five valset updates; and
// the randomised test, whose thousands of steps would each cost blocks on two chains.
type env struct {
	t     testing.TB
	net   *testutil.Network
	chain *testutil.Chain
	k     *keeper.Keeper
	ibc   externalstaking.IBCModule
}

func newEnv(t testing.TB) *env {
	net := testutil.NewNetwork(t)
	chain := net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: denom,
		GenesisModifiers: []testutil.GenesisModifier{withPairings(testPairing(), secondPairing())}})
	k := chain.App.ExternalStakingKeeper
	return &env{t: t, net: net, chain: chain, k: k, ibc: externalstaking.NewIBCModule(k)}
}

func coin(v int64) sdk.Coin { return sdk.NewInt64Coin(denom, v) }

func ints(v int64) sdkmath.Int { return sdkmath.NewInt(v) }

func (e *env) deliver(signer testutil.Account, msgs ...sdk.Msg) error {
	_, _, err := e.chain.DeliverTx(signer, msgs...)
	return err
}

// bond deposits collateral for each user.
func (e *env) bond(amount int64, users ...testutil.Account) {
	for _, u := range users {
		require.NoError(e.t, e.deliver(u, &vaulttypes.MsgBond{Owner: u.String(), Amount: coin(amount)}))
	}
}

// stake opens a cross-stake through the vault and returns its pending id.
func (e *env) stake(u testutil.Account, val string, amount int64) error {
	return e.deliver(u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: coin(amount), Validator: val})
}

// pubKey is a deterministic consensus key for a validator name.
func pubKey(name string) ibcproto.ConsensusPubKey {
	seed := make([]byte, ed25519.SeedSize)
	copy(seed, name)
	return ibcproto.NewEd25519PubKey(ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey))
}

// receive delivers a consumer packet to the provider's IBC module on the pairing's channel.
func (e *env) receive(p ibcproto.ConsumerPacket) ibcproto.Ack {
	data, err := ibcproto.EncodeConsumerPacket(p)
	require.NoError(e.t, err)
	return e.receiveRaw(data)
}

func (e *env) receiveRaw(data []byte) ibcproto.Ack {
	return e.receiveOn(channel, data)
}

// receiveOn delivers raw packet data on a channel of the provider's port.
func (e *env) receiveOn(ch string, data []byte) ibcproto.Ack {
	ack := e.ibc.OnRecvPacket(e.chain.Context(), packetOn(ch, data), nil)
	decoded, err := ibcproto.DecodeAck(ack.Acknowledgement())
	require.NoError(e.t, err)
	return decoded
}

// activate reports validators as active at height h.
func (e *env) activate(h uint64, vals ...string) {
	var adds []ibcproto.AddValidator
	for _, v := range vals {
		adds = append(adds, ibcproto.AddValidator{Valoper: v, PubKey: pubKey(v)})
	}
	require.True(e.t, e.receive(ibcproto.ValsetUpdatePacket{Height: h, Time: h, Additions: adds}).Success())
}

// outbox returns the queued packets, decoded, in order, and their raw data.
func (e *env) outbox() ([]ibcproto.ProviderPacket, [][]byte) {
	var packets []ibcproto.ProviderPacket
	var raw [][]byte
	require.NoError(e.t, e.k.Outbox.Walk(e.chain.Context(), nil, func(_ uint64, o types.OutboxPacket) (bool, error) {
		p, err := ibcproto.DecodeProviderPacket(o.Data)
		packets, raw = append(packets, p), append(raw, o.Data)
		return false, err
	}))
	return packets, raw
}

// clearOutbox forgets queued packets (as if sent), returning their data.
func (e *env) clearOutbox() [][]byte {
	_, raw := e.outbox()
	ctx := e.chain.Context()
	var seqs []uint64
	require.NoError(e.t, e.k.Outbox.Walk(ctx, nil, func(seq uint64, _ types.OutboxPacket) (bool, error) {
		seqs = append(seqs, seq)
		return false, nil
	}))
	for _, s := range seqs {
		require.NoError(e.t, e.k.Outbox.Remove(ctx, s))
	}
	return raw
}

// ack answers a sent packet's data with success or an error.
func (e *env) ack(data []byte, success bool) {
	ack := ibcproto.NewSuccessAck()
	if !success {
		ack = ibcproto.NewErrorAck("refused by the consumer")
	}
	err := e.ibc.OnAcknowledgementPacket(e.chain.Context(), channeltypes.Packet{SourceChannel: channel, SourcePort: types.PortID, Data: data}, ack.Acknowledgement(), nil)
	require.NoError(e.t, err)
}

// timeout times a sent packet out.
func (e *env) timeout(data []byte) {
	require.NoError(e.t, e.ibc.OnTimeoutPacket(e.chain.Context(), channeltypes.Packet{SourceChannel: channel, SourcePort: types.PortID, Data: data}, nil))
}

// stakeOf returns the user's (low, high) stake with a validator.
func (e *env) stakeOf(u testutil.Account, val string) (sdkmath.Int, sdkmath.Int) {
	low, high, err := e.k.StakeOf(e.chain.Context(), pairingID, u.Address, val)
	require.NoError(e.t, err)
	return low, high
}

// lien returns the user's lien with the pairing (low, high), zero when none.
func (e *env) lien(u testutil.Account) (sdkmath.Int, sdkmath.Int) {
	res, err := vaultkeeper.NewQueryServerImpl(e.chain.App.VaultKeeper).Liens(e.chain.Context(),
		&vaulttypes.QueryLiensRequest{Address: u.String()})
	require.NoError(e.t, err)
	for _, l := range res.Liens {
		if l.Holder == holder {
			return l.Lien.Amount.Low, l.Lien.Amount.High
		}
	}
	return sdkmath.ZeroInt(), sdkmath.ZeroInt()
}

// collateral returns the user's vault collateral.
func (e *env) collateral(u testutil.Account) sdkmath.Int {
	res, err := vaultkeeper.NewQueryServerImpl(e.chain.App.VaultKeeper).Account(e.chain.Context(),
		&vaulttypes.QueryAccountRequest{Address: u.String()})
	require.NoError(e.t, err)
	return res.Collateral
}

// checkInvariants runs both modules' invariants.
func (e *env) checkInvariants() {
	e.t.Helper()
	ctx := e.chain.Context()
	require.NoError(e.t, e.k.CheckInvariants(ctx, vaultkeeper.NewQueryServerImpl(e.chain.App.VaultKeeper)))
	require.NoError(e.t, e.chain.App.VaultKeeper.CheckInvariants(ctx))
}

// requireRange asserts a (low, high) pair.
func requireRange(t *testing.T, low, high sdkmath.Int, wantLow, wantHigh int64, what string) {
	t.Helper()
	require.Equal(t, ints(wantLow).String(), low.String(), "%s low", what)
	require.Equal(t, ints(wantHigh).String(), high.String(), "%s high", what)
}

// collectionsKey is the key of the user's position with valA.
func collectionsKey(u testutil.Account) collections.Triple[string, sdk.AccAddress, string] {
	return collections.Join3(pairingID, u.Address, "valA")
}

// committedStake stakes amount on val for u and acknowledges it with success.
func (e *env) committedStake(u testutil.Account, val string, amount int64) {
	e.t.Helper()
	require.NoError(e.t, e.stake(u, val, amount))
	for _, data := range e.clearOutbox() {
		e.ack(data, true)
	}
}

// unstake sends MsgUnstake and returns the queued packet's data.
func (e *env) unstake(u testutil.Account, val string, amount int64) ([]byte, error) {
	err := e.deliver(u, &types.MsgUnstake{Owner: u.String(), PairingId: pairingID, Validator: val, Amount: ints(amount)})
	if err != nil {
		return nil, err
	}
	raw := e.clearOutbox()
	require.Len(e.t, raw, 1)
	return raw[0], nil
}

// withdraw sends MsgWithdrawUnbonded and returns what it released.
func (e *env) withdraw(u testutil.Account) sdkmath.Int {
	e.t.Helper()
	before, _ := e.lien(u)
	require.NoError(e.t, e.deliver(u, &types.MsgWithdrawUnbonded{Owner: u.String(), PairingId: pairingID}))
	after, _ := e.lien(u)
	return before.Sub(after)
}

// unbondings returns the user's unbonding entries with val.
func (e *env) unbondings(u testutil.Account, val string) []types.Unbonding {
	res, err := keeper.NewQueryServerImpl(e.k).Stakes(e.chain.Context(), &types.QueryStakesRequest{PairingId: pairingID, Owner: u.String()})
	require.NoError(e.t, err)
	for _, s := range res.Stakes {
		if s.Validator == val {
			return s.Unbondings
		}
	}
	return nil
}

// rewards returns the user's pending rewards with val.
func (e *env) rewards(u testutil.Account, val string) sdkmath.Int {
	res, err := keeper.NewQueryServerImpl(e.k).Stakes(e.chain.Context(), &types.QueryStakesRequest{PairingId: pairingID, Owner: u.String()})
	require.NoError(e.t, err)
	for _, s := range res.Stakes {
		if s.Validator == val {
			return s.PendingRewards
		}
	}
	return sdkmath.ZeroInt()
}

// collectionsPair is the key of a validator of the test pairing.
func collectionsPair(val string) collections.Pair[string, string] {
	return collections.Join(pairingID, val)
}

// packetOn is a consumer packet arriving on a channel of the provider's port.
func packetOn(ch string, data []byte) channeltypes.Packet {
	return channeltypes.Packet{DestinationChannel: ch, DestinationPort: types.PortID, Data: data}
}

// receiveOnPacket encodes and delivers a consumer packet on a channel.
func (e *env) receiveOnPacket(ch string, p ibcproto.ConsumerPacket) ibcproto.Ack {
	data, err := ibcproto.EncodeConsumerPacket(p)
	require.NoError(e.t, err)
	return e.receiveOn(ch, data)
}

// ackOn answers a packet sent on a channel with success or an error.
func (e *env) ackOn(ch string, data []byte, success bool) {
	ack := ibcproto.NewSuccessAck()
	if !success {
		ack = ibcproto.NewErrorAck("refused by the consumer")
	}
	packet := channeltypes.Packet{SourceChannel: ch, SourcePort: types.PortID, Data: data}
	require.NoError(e.t, e.ibc.OnAcknowledgementPacket(e.chain.Context(), packet, ack.Acknowledgement(), nil))
}

// testPacket is a provider packet sent on a channel of the provider's port.
func testPacket(ch string, data []byte) channeltypes.Packet {
	return channeltypes.Packet{SourceChannel: ch, SourcePort: types.PortID, DestinationChannel: ch,
		DestinationPort: types.PortID, Data: data}
}
