package externalstaking_test

import (
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/scriptedconsumer"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// consumerRecipient is an account address of the consumer (the pairing's account prefix).
var consumerRecipient = sdk.AccAddress("rewards-recipient-01").String()

const (
	pairingID = "cons"
	holder    = "external/cons"
	unbonding = 10 * time.Minute
)

// pair is a provider chain (meshapp with external staking) and a consumer chain running the
// scripted consumer on its default port and a second one on another port, connected with the
// provider as the link's A end.
type pair struct {
	t                  testing.TB
	net                *testutil.Network
	link               *testutil.Link
	provider, consumer *testutil.Chain
	cons, other        *scriptedconsumer.Consumer
}

func newPair(t testing.TB) *pair { return newPairWith(t, 0) }

// newPairWith is newPair with the given number of funded provider accounts (0: the default).
func newPairWith(t testing.TB, accounts int) *pair {
	p := &pair{t: t, net: testutil.NewNetwork(t),
		cons:  scriptedconsumer.New(scriptedconsumer.Config{Permissive: true}),
		other: scriptedconsumer.New(scriptedconsumer.Config{ModuleName: "otherconsumer", PortID: "otherconsumer"}),
	}
	p.provider = p.net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov", Accounts: accounts})
	p.consumer = p.net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", BondDenom: "ucons",
		AppOptions: []meshapp.Option{p.cons.Option(), p.other.Option()}})
	var err error
	p.link, err = p.net.Connect(p.provider, p.consumer)
	require.NoError(t, err)
	return p
}

// pairing is the pairing the authority registers for the link's consumer.
func (p *pair) pairing() types.ConsumerPairing {
	return types.ConsumerPairing{
		Id: pairingID, ConnectionId: p.link.EndA.ConnectionID, CounterpartyPort: types.DefaultCounterpartyPort,
		ConsumerChainId: p.consumer.ChainID, AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper",
		UnbondingPeriod: unbonding, DoubleSignRatio: sdkmath.LegacyNewDecWithPrec(1, 1),
		DowntimeRatio: sdkmath.LegacyNewDecWithPrec(5, 2), MinCrossStake: sdkmath.NewInt(1), RewardsDenom: "ucons",
	}
}

// register creates the pairing as the authority would.
func (p *pair) register(pairing types.ConsumerPairing) {
	require.NoError(p.t, p.provider.App.ExternalStakingKeeper.CreatePairing(p.provider.Context(), pairing))
}

// open registers the default pairing and opens the channel from the consumer.
func (p *pair) open() *testutil.Channel {
	p.register(p.pairing())
	ch, err := p.cons.OpenChannel(p.link, p.consumer)
	require.NoError(p.t, err)
	return ch
}

// getPairing reads the pairing on the provider.
func (p *pair) getPairing() types.ConsumerPairing {
	got, err := p.provider.App.ExternalStakingKeeper.GetPairing(p.provider.Context(), pairingID)
	require.NoError(p.t, err)
	return got
}

// requireTxCode checks that err is a failed transaction with want's codespace and code.
func requireTxCode(t testing.TB, err error, want *errorsmod.Error) {
	t.Helper()
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr, "%v", err)
	require.Equal(t, want.Codespace(), txErr.Codespace, txErr.Log)
	require.Equal(t, want.ABCICode(), txErr.Code, txErr.Log)
}

// activate has the consumer report validators active and relays the report.
func (p *pair) activate(ch *testutil.Channel, height uint64, vals ...string) {
	var adds []ibcproto.AddValidator
	for _, v := range vals {
		adds = append(adds, ibcproto.AddValidator{Valoper: v, PubKey: ibcproto.NewEd25519PubKey(make([]byte, 32))})
	}
	require.NoError(p.t, p.cons.Queue(ch.ChannelA, ibcproto.ValsetUpdatePacket{Height: height, Time: height, Additions: adds}))
	p.consumer.NextBlock()
	require.NoError(p.t, p.link.RelayAll())
}

// bondAndStake bonds collateral and opens a cross-stake for the user on the provider.
func (p *pair) bondAndStake(u testutil.Account, bond, stake int64, val string) error {
	_, _, err := p.provider.DeliverTx(u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin("uprov", bond)})
	require.NoError(p.t, err)
	_, _, err = p.provider.DeliverTx(u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder,
		Amount: sdk.NewInt64Coin("uprov", stake), Validator: val})
	return err
}

// lien returns the user's lien with the pairing as (low, high) strings.
func (p *pair) lien(u testutil.Account) (string, string) {
	res, err := vaultkeeper.NewQueryServerImpl(p.provider.App.VaultKeeper).Liens(p.provider.Context(),
		&vaulttypes.QueryLiensRequest{Address: u.String()})
	require.NoError(p.t, err)
	for _, l := range res.Liens {
		if l.Holder == holder {
			return l.Lien.Amount.Low.String(), l.Lien.Amount.High.String()
		}
	}
	return "0", "0"
}

// stakeMore opens a further cross-stake for a user who already bonded.
func (p *pair) stakeMore(u testutil.Account, stake int64, val string) error {
	_, _, err := p.provider.DeliverTx(u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder,
		Amount: sdk.NewInt64Coin("uprov", stake), Validator: val})
	return err
}

// vaultQueries is the provider vault's query service.
func (p *pair) vaultQueries() vaulttypes.QueryServer {
	return vaultkeeper.NewQueryServerImpl(p.provider.App.VaultKeeper)
}

func ints(v int64) sdkmath.Int { return sdkmath.NewInt(v) }

// requireStake asserts a user's (low, high) stake with a validator.
func (p *pair) requireStake(u testutil.Account, val, wantLow, wantHigh string) {
	p.t.Helper()
	low, high := p.stakeOf(u, val)
	require.Equal(p.t, wantLow+" "+wantHigh, low+" "+high, "stake (low high)")
}

// requireLien asserts a user's (low, high) lien with the pairing.
func (p *pair) requireLien(u testutil.Account, wantLow, wantHigh string) {
	p.t.Helper()
	low, high := p.lien(u)
	require.Equal(p.t, wantLow+" "+wantHigh, low+" "+high, "lien (low high)")
}
