package providerapp

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"

	"github.com/meshsecurity/mesh/examples/meshapp"
	externalstakingtypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/scriptedconsumer"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestDriverRunsAProviderOnlyApp drives the provider-only app with testutil: a cross-stake to a
// validator of a consumer chain (meshapp running the scripted consumer, packets relayed over
// real IBC), a local stake whose validator is slashed for downtime by real votes, and a slash of
// the consumer validator reported over the channel.
func TestDriverRunsAProviderOnlyApp(t *testing.T) {
	net := testutil.NewNetwork(t)
	provider := net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov", NewApp: newProviderApp})
	consumerApp := scriptedconsumer.New(scriptedconsumer.Config{Permissive: true})
	consumer := net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", BondDenom: "ucons",
		AppOptions: []meshapp.Option{consumerApp.Option()}})
	link, err := net.Connect(provider, consumer)
	require.NoError(t, err)
	app := provider.DrivenApp().(*providerApp)
	require.Nil(t, provider.App, "Chain.App is set only for meshapp")
	// Past headers, which double-sign evidence carries, are rebuilt from the app's staking keeper.
	height := provider.Height()
	header, err := provider.HeaderAt(height, clienttypes.NewHeight(1, uint64(height-1)))
	require.NoError(t, err)
	require.NoError(t, header.ValidateBasic())
	require.Equal(t, provider.LastBlockTime(), header.GetTime())

	// The authority pairs the consumer, which opens the channel and reports validator valA.
	require.NoError(t, app.ExternalStakingKeeper.CreatePairing(provider.Context(), pairing(link, consumer)))
	ch, err := consumerApp.OpenChannel(link, consumer)
	require.NoError(t, err)
	require.NoError(t, consumerApp.Queue(ch.ChannelA, ibcproto.ValsetUpdatePacket{Height: 1, Time: 1,
		Additions: []ibcproto.AddValidator{{Valoper: "valA", PubKey: ibcproto.NewEd25519PubKey(make([]byte, 32))}}}))
	consumer.NextBlock()
	require.NoError(t, link.RelayAll())

	// Alice bonds 1,000,000 and cross-stakes 300,000 to valA; the consumer acknowledges.
	alice := provider.Accounts[0]
	deliver(t, provider, alice, &vaulttypes.MsgBond{Owner: alice.String(), Amount: uprov(1_000_000)})
	deliver(t, provider, alice, &vaulttypes.MsgStakeRemote{Owner: alice.String(), Holder: "external/cons",
		Amount: uprov(300_000), Validator: "valA"})
	require.NoError(t, link.RelayAll())
	got := consumerApp.Received()
	require.Equal(t, ibcproto.StakePacket{Delegator: alice.String(), Validator: "valA",
		Stake: ibcproto.NewCoin("uprov", sdkmath.NewInt(300_000)), TxID: 1}, got[len(got)-1].Packet)
	low, high, err := app.ExternalStakingKeeper.StakeOf(provider.Context(), "cons", alice.Address, "valA")
	require.NoError(t, err)
	require.Equal(t, "300000 300000", low.String()+" "+high.String(), "stake (low high)")
	requireAccount(t, provider, app, alice, 1_000_000, 300_000, 700_000)

	// Bob bonds 2,000,000 and stakes 1,000,000 locally with a validator that then misses blocks and
	// is jailed: x/slashing burns 1% of its 101,000,000 tokens, and Bob's collateral falls by his
	// 10,000.
	bob, down := provider.Accounts[1], provider.Validators[1]
	deliver(t, provider, bob, &vaulttypes.MsgBond{Owner: bob.String(), Amount: uprov(2_000_000)})
	deliver(t, provider, bob, &vaulttypes.MsgStakeLocal{Owner: bob.String(), Amount: uprov(1_000_000),
		Validator: down.ValAddress().String()})
	supply := app.BankKeeper.GetSupply(provider.Context(), "uprov").Amount
	provider.SetAbsent(down)
	provider.NextBlocks(int(testutil.DefaultSignedBlocksWindow) + 2)
	validator, err := app.StakingKeeper.GetValidator(provider.Context(), down.ValAddress())
	require.NoError(t, err)
	require.True(t, validator.Jailed, "jailed for downtime")
	require.Equal(t, int64(99_990_000), validator.Tokens.Int64())
	burned := supply.Sub(app.BankKeeper.GetSupply(provider.Context(), "uprov").Amount)
	require.Equal(t, int64(1_010_000), burned.Int64(), "only x/staking's slash is burned")
	requireAccount(t, provider, app, bob, 1_990_000, 990_000, 1_000_000)
	requireAccount(t, provider, app, alice, 1_000_000, 300_000, 700_000)

	// The consumer reports valA slashed at 5%: Alice's cross-stake loses 15,000, burned from the
	// vault when the report arrives; her account shows it once the vault settles her (any
	// withdrawal does).
	supply = app.BankKeeper.GetSupply(provider.Context(), "uprov").Amount
	require.NoError(t, consumerApp.Queue(ch.ChannelA, ibcproto.ValsetUpdatePacket{Height: 50, Time: 50,
		Slashed: []ibcproto.ValidatorSlashInfo{{Address: "valA", InfractionHeight: 5, InfractionTime: 1, Power: 1,
			SlashAmount: ibcproto.NewCoin("uprov", sdkmath.NewInt(15_000)), SlashRatio: "0.05"}}}))
	consumer.NextBlock()
	require.NoError(t, link.RelayAll())
	deliver(t, provider, alice, &externalstakingtypes.MsgWithdrawUnbonded{Owner: alice.String(), PairingId: "cons"})
	low, high, err = app.ExternalStakingKeeper.StakeOf(provider.Context(), "cons", alice.Address, "valA")
	require.NoError(t, err)
	require.Equal(t, "285000 285000", low.String()+" "+high.String(), "stake (low high)")
	requireAccount(t, provider, app, alice, 985_000, 285_000, 700_000)
	burned = supply.Sub(app.BankKeeper.GetSupply(provider.Context(), "uprov").Amount)
	require.Equal(t, int64(15_000), burned.Int64(), "the cross-slash is burned")
}

// pairing is the consumer pairing the authority registers for the link's consumer end.
func pairing(link *testutil.Link, consumer *testutil.Chain) externalstakingtypes.ConsumerPairing {
	return externalstakingtypes.ConsumerPairing{Id: "cons", ConnectionId: link.EndA.ConnectionID,
		CounterpartyPort: externalstakingtypes.DefaultCounterpartyPort, ConsumerChainId: consumer.ChainID,
		AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper", UnbondingPeriod: 10 * time.Minute,
		DoubleSignRatio: sdkmath.LegacyNewDecWithPrec(1, 1), DowntimeRatio: sdkmath.LegacyNewDecWithPrec(5, 2),
		MinCrossStake: sdkmath.NewInt(1), RewardsDenom: "ucons"}
}

// deliver signs and delivers msg in a block of its own and requires it to succeed.
func deliver(t *testing.T, chain *testutil.Chain, signer testutil.Account, msg sdk.Msg) {
	t.Helper()
	_, _, err := chain.DeliverTx(signer, msg)
	require.NoError(t, err)
}

// requireAccount asserts a user's collateral, largest lien and free collateral in the vault.
func requireAccount(t *testing.T, chain *testutil.Chain, app *providerApp, user testutil.Account,
	collateral, maxLien, free int64) {
	t.Helper()
	res, err := vaultkeeper.NewQueryServerImpl(app.VaultKeeper).Account(chain.Context(),
		&vaulttypes.QueryAccountRequest{Address: user.String()})
	require.NoError(t, err)
	require.Equal(t, []int64{collateral, maxLien, free},
		[]int64{res.Collateral.Int64(), res.MaxLien.High.Int64(), res.Free.Low.Int64()}, "collateral, max lien, free")
}

func uprov(amount int64) sdk.Coin { return sdk.NewInt64Coin("uprov", amount) }
