package main

import (
	"fmt"
	"io"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/examples/meshapp"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vstypes "github.com/meshsecurity/mesh/virtualstaking/types"
)

const (
	// consumerPairing is the consumer's name for the provider.
	consumerPairing = "prov"
	// providerPairing is the provider's name for the consumer.
	providerPairing = "cons"
	// externalHolder is the vault's lien holder of the provider's consumer pairing.
	externalHolder = "external/" + providerPairing
	// epochLength is the consumer's virtual-staking epoch, in blocks.
	epochLength = 5
	// pairingUnbonding is how long a cross-stake unbonds on the provider.
	pairingUnbonding = 10 * time.Minute
)

// world is the provider and the consumer, the link between them and the mesh channel.
type world struct {
	net                *testutil.Network
	provider, consumer *testutil.Chain
	link               *testutil.Link
	channel            *testutil.Channel
}

// startChains builds both chains, connects them and opens the mesh channel after both sides
// authorised their pairing, printing a progress line as it goes.
func startChains(t *driver, progress io.Writer) (*world, error) {
	w := &world{net: testutil.NewNetwork(t)}
	fmt.Fprint(progress, "starting the provider chain (provider-1, 4 validators)... ")
	w.provider = w.net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov"})
	fmt.Fprint(progress, "the consumer chain (consumer-1)... ")
	w.consumer = w.net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", BondDenom: "ucons",
		GenesisModifiers: []testutil.GenesisModifier{shortEpochs}})
	fmt.Fprint(progress, "IBC clients and connection... ")
	var err error
	if w.link, err = w.net.Connect(w.provider, w.consumer); err != nil {
		return nil, err
	}
	if err := w.authorisePairings(); err != nil {
		return nil, err
	}
	fmt.Fprint(progress, "mesh channel... ")
	w.channel, err = w.link.OpenChannelFrom(w.consumer, testutil.ChannelConfig{
		PortA: convertertypes.PortID, PortB: exttypes.PortID, Order: channeltypes.UNORDERED,
	})
	if err != nil {
		return nil, err
	}
	w.consumer.NextBlock()
	if err := w.link.RelayAll(); err != nil {
		return nil, err
	}
	fmt.Fprintln(progress, "ready")
	return w, nil
}

// shortEpochs gives the consumer an epoch every few blocks, so the demo sees several.
func shortEpochs(cdc codec.Codec, state meshapp.GenesisState) error {
	gs := vstypes.DefaultGenesis()
	gs.Params.EpochLength = epochLength
	raw, err := cdc.MarshalJSON(gs)
	state[vstypes.ModuleName] = raw
	return err
}

// authorisePairings records both pairings, as each chain's governance would: the consumer prices
// the provider's token at 0.5 consumer tokens with a 10% discount, and the provider accepts the
// consumer with a 10% double-sign and 5% downtime slash.
func (w *world) authorisePairings() error {
	consumerSide := convertertypes.ProviderPairing{
		Id: consumerPairing, ConnectionId: w.link.EndB.ConnectionID, CounterpartyPort: convertertypes.DefaultCounterpartyPort,
		ProviderChainId: w.provider.ChainID, AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper",
		RemoteDenom: "uprov", FixedPrice: convertertypes.FixedPrice{Price: price, MaxAge: time.Hour},
		Discount: discount, MaxCap: sdkmath.NewInt(1_000_000_000), GovPolicy: convertertypes.GOV_POLICY_INHERIT,
	}
	if err := w.consumer.App.ConverterKeeper.CreatePairing(w.consumer.Context(), consumerSide); err != nil {
		return fmt.Errorf("consumer pairing: %w", err)
	}
	providerSide := exttypes.ConsumerPairing{
		Id: providerPairing, ConnectionId: w.link.EndA.ConnectionID, CounterpartyPort: convertertypes.PortID,
		ConsumerChainId: w.consumer.ChainID, AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper",
		UnbondingPeriod: pairingUnbonding, DoubleSignRatio: sdkmath.LegacyNewDecWithPrec(1, 1),
		DowntimeRatio: sdkmath.LegacyNewDecWithPrec(5, 2), MinCrossStake: sdkmath.NewInt(1), RewardsDenom: "ucons",
	}
	if err := w.provider.App.ExternalStakingKeeper.CreatePairing(w.provider.Context(), providerSide); err != nil {
		return fmt.Errorf("provider pairing: %w", err)
	}
	return nil
}

var (
	// price is the consumer's price of one provider token in consumer tokens.
	price = sdkmath.LegacyNewDecWithPrec(5, 1)
	// discount is the share of the converted value the consumer holds back.
	discount = sdkmath.LegacyNewDecWithPrec(1, 1)
)

// converted is the consumer's virtual stake for a cross-stake: floor(floor(amount × price) ×
// (1 - discount)).
func converted(amount int64) int64 {
	value := price.MulInt64(amount).TruncateInt()
	return sdkmath.LegacyOneDec().Sub(discount).MulInt(value).TruncateInt().Int64()
}
