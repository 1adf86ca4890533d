package scenarios_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	convkeeper "github.com/meshsecurity/mesh/converter/keeper"
	convtypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/examples/meshapp"
	extkeeper "github.com/meshsecurity/mesh/externalstaking/keeper"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
	vstypes "github.com/meshsecurity/mesh/virtualstaking/types"
)

const (
	provDenom  = "uprov"
	consDenom  = "ucons"
	convPair   = "prov"          // the consumer's pairing of the provider
	extPair    = "cons"          // the provider's pairing of the consumer
	holder     = "external/cons" // the vault's lien holder for that pairing
	epochBlock = 5               // virtual staking's epoch length on the consumer
)

// mesh is a provider and a consumer joined by an open Mesh Security channel, with the supplies
// of both bond denoms recorded when it opened.
type mesh struct {
	t                  testing.TB
	net                *testutil.Network
	link               *testutil.Link
	provider, consumer *testutil.Chain
	ch                 *testutil.Channel
	provSupply         sdkmath.Int
	consSupply         sdkmath.Int
}

// noInflation sets x/mint's inflation to zero, so every change of supply is the protocol's.
func noInflation(cdc codec.Codec, state meshapp.GenesisState) error {
	var gs minttypes.GenesisState
	if err := cdc.UnmarshalJSON(state[minttypes.ModuleName], &gs); err != nil {
		return err
	}
	gs.Minter.Inflation = sdkmath.LegacyZeroDec()
	gs.Params.InflationMin = sdkmath.LegacyZeroDec()
	gs.Params.InflationMax = sdkmath.LegacyZeroDec()
	gs.Params.InflationRateChange = sdkmath.LegacyZeroDec()
	raw, err := cdc.MarshalJSON(&gs)
	state[minttypes.ModuleName] = raw
	return err
}

// shortEpochs gives virtual staking an epoch every epochBlock blocks.
func shortEpochs(cdc codec.Codec, state meshapp.GenesisState) error {
	gs := vstypes.DefaultGenesis()
	gs.Params.EpochLength = epochBlock
	raw, err := cdc.MarshalJSON(gs)
	state[vstypes.ModuleName] = raw
	return err
}

// newMesh builds both chains, authorises both pairings with their authority Msgs, opens the
// channel from the consumer and relays the validator set it sends.
func newMesh(t testing.TB) *mesh {
	m := &mesh{t: t, net: testutil.NewNetwork(t)}
	m.provider = m.net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: provDenom,
		GenesisModifiers: []testutil.GenesisModifier{noInflation}})
	m.consumer = m.net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", BondDenom: consDenom,
		GenesisModifiers: []testutil.GenesisModifier{noInflation, shortEpochs}})
	var err error
	m.link, err = m.net.Connect(m.provider, m.consumer)
	require.NoError(t, err)
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	_, err = convkeeper.NewMsgServerImpl(m.consumer.App.ConverterKeeper).CreatePairing(m.consumer.Context(),
		&convtypes.MsgCreatePairing{Authority: gov, Pairing: m.convTerms()})
	require.NoError(t, err)
	_, err = extkeeper.NewMsgServerImpl(m.provider.App.ExternalStakingKeeper).CreatePairing(m.provider.Context(),
		&exttypes.MsgCreatePairing{Authority: gov, Pairing: m.extTerms()})
	require.NoError(t, err)
	m.ch, err = m.link.OpenChannelFrom(m.consumer, testutil.ChannelConfig{
		PortA: convtypes.PortID, PortB: exttypes.PortID, Order: channeltypes.UNORDERED,
	})
	require.NoError(t, err)
	m.consumer.NextBlock()
	require.NoError(t, m.link.RelayAll())
	m.provSupply = m.supply(m.provider)
	m.consSupply = m.supply(m.consumer)
	return m
}

func dec(s string) sdkmath.LegacyDec { return sdkmath.LegacyMustNewDecFromStr(s) }
func ints(v int64) sdkmath.Int       { return sdkmath.NewInt(v) }

// convTerms is the consumer's pairing of the provider: price 0.5, discount 0.1.
func (m *mesh) convTerms() convtypes.ProviderPairing {
	return convtypes.ProviderPairing{
		Id: convPair, ConnectionId: m.link.EndB.ConnectionID, CounterpartyPort: convtypes.DefaultCounterpartyPort,
		ProviderChainId: m.provider.ChainID, AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper",
		RemoteDenom: provDenom, FixedPrice: convtypes.FixedPrice{Price: dec("0.5"), MaxAge: 1000 * time.Hour},
		Discount: dec("0.1"), MaxCap: ints(1_000_000_000), GovPolicy: convtypes.GOV_POLICY_INHERIT,
	}
}

// extTerms is the provider's pairing of the consumer.
func (m *mesh) extTerms() exttypes.ConsumerPairing {
	return exttypes.ConsumerPairing{
		Id: extPair, ConnectionId: m.link.EndA.ConnectionID, CounterpartyPort: convtypes.PortID,
		ConsumerChainId: m.consumer.ChainID, AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper",
		UnbondingPeriod: 10 * time.Minute, DoubleSignRatio: dec("0.1"), DowntimeRatio: dec("0.05"),
		MinCrossStake: ints(1), RewardsDenom: consDenom,
	}
}

// supply is a chain's total supply of its bond denom.
func (m *mesh) supply(c *testutil.Chain) sdkmath.Int {
	return c.App.BankKeeper.GetSupply(c.Context(), c.BondDenom()).Amount
}

// deliver delivers msgs from u on c and requires success.
func (m *mesh) deliver(c *testutil.Chain, u testutil.Account, msgs ...sdk.Msg) {
	m.t.Helper()
	_, _, err := c.DeliverTx(u, msgs...)
	require.NoError(m.t, err)
}

// relay relays every pending packet and acknowledgement both ways.
func (m *mesh) relay() {
	m.t.Helper()
	require.NoError(m.t, m.link.RelayAll())
}

// cval is the operator address of the consumer's i-th genesis validator.
func (m *mesh) cval(i int) string { return m.consumer.Validators[i].ValAddress().String() }

// pval is the operator address of the provider's i-th genesis validator.
func (m *mesh) pval(i int) string { return m.provider.Validators[i].ValAddress().String() }

// account is a provider user's vault figures.
func (m *mesh) account(u testutil.Account) *vaulttypes.QueryAccountResponse {
	m.t.Helper()
	res, err := vaultkeeper.NewQueryServerImpl(m.provider.App.VaultKeeper).Account(m.provider.Context(),
		&vaulttypes.QueryAccountRequest{Address: u.String()})
	require.NoError(m.t, err)
	return res
}

// stake is a provider user's committed cross-stake on a consumer validator.
func (m *mesh) stake(u testutil.Account, val string) string {
	m.t.Helper()
	low, high, err := m.provider.App.ExternalStakingKeeper.StakeOf(m.provider.Context(), extPair, u.Address, val)
	require.NoError(m.t, err)
	return low.String() + "-" + high.String()
}

// tokens is a consumer validator's tokens in x/staking.
func (m *mesh) tokens(i int) sdkmath.Int {
	m.t.Helper()
	v, err := m.consumer.App.StakingKeeper.GetValidator(m.consumer.Context(), m.consumer.Validators[i].ValAddress())
	require.NoError(m.t, err)
	return v.Tokens
}

// virtualSupply is the consumer's record of the pairing's virtual stake.
func (m *mesh) virtualSupply() vstypes.PairingSupply {
	s, err := m.consumer.App.VirtualStakingKeeper.Supplies.Get(m.consumer.Context(), convPair)
	if err != nil {
		return vstypes.PairingSupply{Minted: ints(0), Burned: ints(0), Slashed: ints(0), Rounded: ints(0)}
	}
	return s
}

// epoch produces consumer blocks until virtual staking has run one whole epoch, relaying after
// each block.
func (m *mesh) epoch() {
	m.t.Helper()
	k := m.consumer.App.VirtualStakingKeeper
	next, err := k.NextEpoch.Get(m.consumer.Context())
	require.NoError(m.t, err)
	for i := 0; i < 4*epochBlock; i++ {
		m.consumer.NextBlock()
		m.relay()
		run, err := k.Run.Get(m.consumer.Context())
		require.NoError(m.t, err)
		now, err := k.NextEpoch.Get(m.consumer.Context())
		require.NoError(m.t, err)
		if run.Phase == vstypes.EPOCH_PHASE_IDLE && now != next {
			return
		}
	}
	m.t.Fatal("no epoch completed")
}

// wait advances the network's clock by d, keeping both light clients alive, then relays.
func (m *mesh) wait(d time.Duration) {
	m.t.Helper()
	require.NoError(m.t, m.net.AdvanceTime(d))
	m.relay()
}

// check runs every component's invariants on both chains and the token-conservation check: the
// provider's supply changed only by burned, and the consumer's only by virtual stake minted less
// what was burned or slashed of it and by burned.
func (m *mesh) check(provBurned, consBurned sdkmath.Int) {
	m.t.Helper()
	p, c := m.provider.App, m.consumer.App
	pctx, cctx := m.provider.Context(), m.consumer.Context()
	vq := vaultkeeper.NewQueryServerImpl(p.VaultKeeper)
	require.NoError(m.t, p.VaultKeeper.CheckInvariants(pctx))
	require.NoError(m.t, p.LocalStakingKeeper.CheckInvariants(pctx, vq))
	require.NoError(m.t, p.ExternalStakingKeeper.CheckInvariants(pctx, vq))
	for name, inv := range map[string]sdk.Invariant{
		"requests": convkeeper.RequestsMatchTotals(c.ConverterKeeper), "reserve": convkeeper.ReserveCovered(c.ConverterKeeper),
	} {
		msg, broken := inv(cctx)
		require.False(m.t, broken, "%s: %s", name, msg)
	}
	require.NoError(m.t, c.VirtualStakingKeeper.CheckAllowance(cctx))
	require.NoError(m.t, c.VirtualStakingKeeper.CheckSupply(cctx))
	require.Equal(m.t, m.provSupply.Sub(provBurned).String(), m.supply(m.provider).String(), "provider supply")
	vs := m.virtualSupply()
	want := m.consSupply.Add(vs.Minted).Sub(vs.Burned).Sub(vs.Slashed).Sub(consBurned)
	require.Equal(m.t, want.String(), m.supply(m.consumer).String(), "consumer supply")
}

// span writes a value range as low-high.
func span(r vaulttypes.ValueRange) string { return r.Low.String() + "-" + r.High.String() }
