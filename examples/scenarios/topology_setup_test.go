package scenarios_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	convkeeper "github.com/meshsecurity/mesh/converter/keeper"
	convtypes "github.com/meshsecurity/mesh/converter/types"
	extkeeper "github.com/meshsecurity/mesh/externalstaking/keeper"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
	vstypes "github.com/meshsecurity/mesh/virtualstaking/types"
)

// web is a network of meshapp chains, each running every module, joined by any number of Mesh
// Security pairings: a chain may be the provider of some pairings and the consumer of others.
type web struct {
	t        testing.TB
	net      *testutil.Network
	links    []*testutil.Link
	pairings []*pairing
	chains   []*testutil.Chain
	supplies map[*testutil.Chain]sdkmath.Int
}

// pairing is one provider securing one consumer over its own channel: the provider's external
// staking pairing ext and the consumer's converter pairing conv.
type pairing struct {
	provider, consumer *testutil.Chain
	link               *testutil.Link
	ext, conv          string
	price, discount    string
	ch                 *testutil.Channel
}

// holder is the provider vault's lien holder of the pairing.
func (p *pairing) holder() string { return "external/" + p.ext }

func newWeb(t testing.TB) *web {
	return &web{t: t, net: testutil.NewNetwork(t), supplies: map[*testutil.Chain]sdkmath.Int{}}
}

// chain adds a chain with its own bond denom, no inflation and short virtual staking epochs.
func (w *web) chain(id, denom string) *testutil.Chain {
	c := w.net.AddChain(testutil.ChainConfig{ChainID: id, BondDenom: denom,
		GenesisModifiers: []testutil.GenesisModifier{noInflation, shortEpochs}})
	w.chains = append(w.chains, c)
	return c
}

// connect opens an IBC connection between two chains.
func (w *web) connect(a, b *testutil.Chain) *testutil.Link {
	l, err := w.net.Connect(a, b)
	require.NoError(w.t, err)
	w.links = append(w.links, l)
	return l
}

// end is chain c's endpoint of link l.
func end(l *testutil.Link, c *testutil.Chain) *testutil.Endpoint {
	if l.A == c {
		return l.EndA
	}
	return l.EndB
}

// pair authorises a pairing on both chains with their authority Msgs (the consumer values the
// provider's denom at price less discount), opens its channel from the consumer and relays the
// validator set the consumer sends.
func (w *web) pair(provider, consumer *testutil.Chain, l *testutil.Link, ext, conv, price, discount string) *pairing {
	p := &pairing{provider: provider, consumer: consumer, link: l, ext: ext, conv: conv, price: price, discount: discount}
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	_, err := convkeeper.NewMsgServerImpl(consumer.App.ConverterKeeper).CreatePairing(consumer.Context(),
		&convtypes.MsgCreatePairing{Authority: gov, Pairing: convtypes.ProviderPairing{
			Id: conv, ConnectionId: end(l, consumer).ConnectionID, CounterpartyPort: convtypes.DefaultCounterpartyPort,
			ProviderChainId: provider.ChainID, AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper",
			RemoteDenom: provider.BondDenom(), FixedPrice: convtypes.FixedPrice{Price: dec(price), MaxAge: 1000 * time.Hour},
			Discount: dec(discount), MaxCap: ints(1_000_000_000), GovPolicy: convtypes.GOV_POLICY_INHERIT,
		}})
	require.NoError(w.t, err)
	_, err = extkeeper.NewMsgServerImpl(provider.App.ExternalStakingKeeper).CreatePairing(provider.Context(),
		&exttypes.MsgCreatePairing{Authority: gov, Pairing: exttypes.ConsumerPairing{
			Id: ext, ConnectionId: end(l, provider).ConnectionID, CounterpartyPort: convtypes.PortID,
			ConsumerChainId: consumer.ChainID, AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper",
			UnbondingPeriod: 10 * time.Minute, DoubleSignRatio: dec("0.1"), DowntimeRatio: dec("0.05"),
			MinCrossStake: ints(1), RewardsDenom: consumer.BondDenom(),
		}})
	require.NoError(w.t, err)
	p.ch, err = l.OpenChannelFrom(consumer, testutil.ChannelConfig{
		PortA: convtypes.PortID, PortB: exttypes.PortID, Order: channeltypes.UNORDERED,
	})
	require.NoError(w.t, err)
	consumer.NextBlock()
	w.relay()
	w.pairings = append(w.pairings, p)
	return p
}

// start records every chain's supply of its bond denom, which check compares against.
func (w *web) start() {
	for _, c := range w.chains {
		w.supplies[c] = supplyOf(c)
	}
}

// supplyOf is a chain's total supply of its bond denom.
func supplyOf(c *testutil.Chain) sdkmath.Int {
	return c.App.BankKeeper.GetSupply(c.Context(), c.BondDenom()).Amount
}

// relay relays every pending packet and acknowledgement on every link.
func (w *web) relay() {
	w.t.Helper()
	for _, l := range w.links {
		require.NoError(w.t, l.RelayAll())
	}
}

// deliver delivers msgs from u on c and requires success.
func (w *web) deliver(c *testutil.Chain, u testutil.Account, msgs ...sdk.Msg) {
	w.t.Helper()
	_, _, err := c.DeliverTx(u, msgs...)
	require.NoError(w.t, err)
}

// crossStake bonds amount of u's tokens in the provider's vault and cross-stakes each of stakes
// (amount per consumer validator) through the pairing it names, then relays.
func (w *web) crossStake(u testutil.Account, provider *testutil.Chain, bond int64, stakes ...remoteStake) {
	w.t.Helper()
	denom := provider.BondDenom()
	msgs := []sdk.Msg{&vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(denom, bond)}}
	for _, s := range stakes {
		msgs = append(msgs, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: s.p.holder(),
			Amount: sdk.NewInt64Coin(denom, s.amount), Validator: valoper(s.p.consumer, s.val)})
	}
	w.deliver(provider, u, msgs...)
	w.relay()
}

// remoteStake is one cross-stake: amount on the consumer's val-th genesis validator.
type remoteStake struct {
	p      *pairing
	val    int
	amount int64
}

// valoper is the operator address of a chain's i-th genesis validator.
func valoper(c *testutil.Chain, i int) string { return c.Validators[i].ValAddress().String() }

// tokensOf is a chain's i-th genesis validator's tokens in x/staking.
func (w *web) tokensOf(c *testutil.Chain, i int) string {
	w.t.Helper()
	v, err := c.App.StakingKeeper.GetValidator(c.Context(), c.Validators[i].ValAddress())
	require.NoError(w.t, err)
	return v.Tokens.String()
}

// plus is the genesis validator stake plus n, as x/staking writes it.
func plus(n int64) string { return testutil.DefaultValidatorStake.Add(ints(n)).String() }

// accountOn is a provider user's vault figures: collateral, max lien, total slashable and free.
func (w *web) accountOn(c *testutil.Chain, u testutil.Account) string {
	w.t.Helper()
	res, err := vaultkeeper.NewQueryServerImpl(c.App.VaultKeeper).Account(c.Context(),
		&vaulttypes.QueryAccountRequest{Address: u.String()})
	require.NoError(w.t, err)
	return res.Collateral.String() + " " + span(res.MaxLien) + " " + span(res.TotalSlashable) + " " + span(res.Free)
}

// stakeOf is a provider user's committed cross-stake through the pairing on the consumer's
// val-th validator.
func (w *web) stakeOf(p *pairing, u testutil.Account, val int) string {
	w.t.Helper()
	low, high, err := p.provider.App.ExternalStakingKeeper.StakeOf(p.provider.Context(), p.ext, u.Address, valoper(p.consumer, val))
	require.NoError(w.t, err)
	return low.String() + "-" + high.String()
}

// virtual is the consumer's record of the pairing's virtual stake.
func (p *pairing) virtual() vstypes.PairingSupply {
	s, err := p.consumer.App.VirtualStakingKeeper.Supplies.Get(p.consumer.Context(), p.conv)
	if err != nil {
		return vstypes.PairingSupply{Minted: ints(0), Burned: ints(0), Slashed: ints(0), Rounded: ints(0)}
	}
	return s
}

// minted is the pairing's virtual stake figures: minted, burned and slashed.
func (p *pairing) minted() string {
	s := p.virtual()
	return s.Minted.String() + " " + s.Burned.String() + " " + s.Slashed.String()
}

// epoch produces blocks on the consumer, relaying every link after each, until its virtual
// staking has run one whole epoch.
func (w *web) epoch(consumer *testutil.Chain) {
	w.t.Helper()
	k := consumer.App.VirtualStakingKeeper
	next, err := k.NextEpoch.Get(consumer.Context())
	require.NoError(w.t, err)
	for i := 0; i < 4*epochBlock; i++ {
		consumer.NextBlock()
		w.relay()
		run, err := k.Run.Get(consumer.Context())
		require.NoError(w.t, err)
		now, err := k.NextEpoch.Get(consumer.Context())
		require.NoError(w.t, err)
		if run.Phase == vstypes.EPOCH_PHASE_IDLE && now != next {
			return
		}
	}
	w.t.Fatal("no epoch completed")
}

// epochs runs one epoch on each chain in turn.
func (w *web) epochs(chains ...*testutil.Chain) {
	w.t.Helper()
	for _, c := range chains {
		w.epoch(c)
	}
}

// jailForDowntime keeps the chain's i-th validator from signing until x/slashing jails it,
// relaying after every block, then lets it sign again.
func (w *web) jailForDowntime(c *testutil.Chain, i int) {
	w.t.Helper()
	c.SetAbsent(c.Validators[i])
	for b := 0; b < 12; b++ {
		c.NextBlock()
		w.relay()
	}
	c.SetPresent(c.Validators[i])
	v, err := c.App.StakingKeeper.GetValidator(c.Context(), c.Validators[i].ValAddress())
	require.NoError(w.t, err)
	require.True(w.t, v.Jailed, "jailed for downtime")
}

// wait advances the network's clock by d, keeping every light client alive, then relays.
func (w *web) wait(d time.Duration) {
	w.t.Helper()
	require.NoError(w.t, w.net.AdvanceTime(d))
	w.relay()
}

// reserveOf is the converter's reward reserve of the pairing on its consumer.
func (w *web) reserveOf(p *pairing) sdkmath.Int {
	w.t.Helper()
	res, err := convkeeper.NewQueryServerImpl(p.consumer.App.ConverterKeeper).RewardReserve(p.consumer.Context(),
		&convtypes.QueryRewardReserveRequest{PairingId: p.conv})
	require.NoError(w.t, err)
	return res.Amount
}

// payFees moves amount of the chain's bond denom from its first account into the fee collector,
// as transaction fees would, for x/distribution to pay out at the next block.
func (w *web) payFees(c *testutil.Chain, amount int64) {
	w.t.Helper()
	require.NoError(w.t, c.App.BankKeeper.SendCoinsFromAccountToModule(c.Context(), c.Accounts[0].Address,
		authtypes.FeeCollectorName, sdk.NewCoins(sdk.NewInt64Coin(c.BondDenom(), amount))))
}

// balance is an account's balance of the chain's bond denom.
func balance(c *testutil.Chain, a sdk.AccAddress) sdkmath.Int {
	return c.App.BankKeeper.GetBalance(c.Context(), a, c.BondDenom()).Amount
}

// check runs every component's invariants on every chain, provider and consumer sides alike, and
// the token-conservation check: each chain's supply changed only by what burned names for it
// (x/staking's slashes and the vault's cross-slash burns) and by the virtual stake minted less
// what was burned or slashed of it for every pairing it is the consumer of.
func (w *web) check(burned map[*testutil.Chain]int64) {
	w.t.Helper()
	for _, c := range w.chains {
		app, ctx := c.App, c.Context()
		vq := vaultkeeper.NewQueryServerImpl(app.VaultKeeper)
		require.NoError(w.t, app.VaultKeeper.CheckInvariants(ctx), c.ChainID)
		require.NoError(w.t, app.LocalStakingKeeper.CheckInvariants(ctx, vq), c.ChainID)
		require.NoError(w.t, app.ExternalStakingKeeper.CheckInvariants(ctx, vq), c.ChainID)
		for name, inv := range map[string]sdk.Invariant{
			"requests": convkeeper.RequestsMatchTotals(app.ConverterKeeper), "reserve": convkeeper.ReserveCovered(app.ConverterKeeper),
		} {
			msg, broken := inv(ctx)
			require.False(w.t, broken, "%s %s: %s", c.ChainID, name, msg)
		}
		require.NoError(w.t, app.VirtualStakingKeeper.CheckAllowance(ctx), c.ChainID)
		require.NoError(w.t, app.VirtualStakingKeeper.CheckSupply(ctx), c.ChainID)
		want := w.supplies[c].Sub(ints(burned[c]))
		for _, p := range w.pairings {
			if p.consumer == c {
				s := p.virtual()
				want = want.Add(s.Minted).Sub(s.Burned).Sub(s.Slashed)
			}
		}
		require.Equal(w.t, want.String(), supplyOf(c).String(), "%s supply", c.ChainID)
	}
}
