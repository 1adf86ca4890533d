package converter_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter"
	"github.com/meshsecurity/mesh/converter/keeper"
	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/testutil"
)

func TestStorePrefixesArePinned(t *testing.T) {
	want := map[string]byte{
		"params": 0, "pairings": 1, "channels": 2, "opening": 3, "requests": 4, "validator_totals": 5,
		"pairing_totals": 6, "burned": 7, "reward_reserve": 8, "pending_rewards": 9, "reports": 10,
		"report_seq": 11, "outbox": 12, "outbox_seq": 13, "valset_drafts": 14, "in_flight": 15,
		"valset_in_flight": 16, "request_index": 17, "retiring": 18,
	}
	chain := testutil.NewChain(t, testutil.ChainConfig{ChainID: "consumer-1", BondDenom: "ucons"})
	got := map[string]byte{}
	for _, c := range chain.App.ConverterKeeper.Schema.ListCollections() {
		got[c.GetName()] = c.GetPrefix()[0]
	}
	require.Equal(t, want, got)
	require.Equal(t, uint64(2), converter.AppModule{}.ConsensusVersion())
}

// TestAuthorityMsgs checks every Msg is the authority's, and that pairings, prices and parameters
// are validated.
func TestAuthorityMsgs(t *testing.T) {
	chain := testutil.NewChain(t, testutil.ChainConfig{ChainID: "consumer-1", BondDenom: "ucons"})
	k := chain.App.ConverterKeeper
	msgs := keeper.NewMsgServerImpl(k)
	ctx := chain.Context()
	gov := k.Authority()
	stranger := chain.Accounts[0].String()
	pairing := types.ProviderPairing{
		Id: "prov", ConnectionId: "connection-0", CounterpartyPort: types.DefaultCounterpartyPort,
		ProviderChainId: "provider-1", AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper", RemoteDenom: "uprov",
		FixedPrice: types.FixedPrice{Price: dec("0.5"), MaxAge: time.Hour}, Discount: dec("0.1"),
		MaxCap: ints(1_000), GovPolicy: types.GOV_POLICY_ABSTAIN,
	}

	_, err := msgs.CreatePairing(ctx, &types.MsgCreatePairing{Authority: stranger, Pairing: pairing})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	for name, mutate := range map[string]func(*types.ProviderPairing){
		"discount of one": func(p *types.ProviderPairing) { p.Discount = dec("1") },
		"no price age":    func(p *types.ProviderPairing) { p.FixedPrice.MaxAge = 0 },
		"no remote denom": func(p *types.ProviderPairing) { p.RemoteDenom = "" },
		"negative cap":    func(p *types.ProviderPairing) { p.MaxCap = ints(-1) },
		"no policy":       func(p *types.ProviderPairing) { p.GovPolicy = types.GOV_POLICY_UNSPECIFIED },
		"bad id":          func(p *types.ProviderPairing) { p.Id = "Prov!" },
		"no chain id":     func(p *types.ProviderPairing) { p.ProviderChainId = "" },
	} {
		bad := pairing
		mutate(&bad)
		_, err := msgs.CreatePairing(ctx, &types.MsgCreatePairing{Authority: gov, Pairing: bad})
		require.ErrorIs(t, err, types.ErrInvalidPairing, name)
	}
	zeroPrice := pairing
	zeroPrice.FixedPrice.Price = dec("0")
	_, err = msgs.CreatePairing(ctx, &types.MsgCreatePairing{Authority: gov, Pairing: zeroPrice})
	require.ErrorIs(t, err, types.ErrInvalidPrice)
	_, err = msgs.CreatePairing(ctx, &types.MsgCreatePairing{Authority: gov, Pairing: pairing})
	require.NoError(t, err)
	_, err = msgs.CreatePairing(ctx, &types.MsgCreatePairing{Authority: gov, Pairing: pairing})
	require.ErrorIs(t, err, types.ErrPairingExists)
	views, err := k.Pairings(ctx)
	require.NoError(t, err)
	require.Equal(t, "prov", views[0].ID)
	require.True(t, views[0].Abstain)
	require.Equal(t, "1000", views[0].MaxCap.String())

	_, err = msgs.UpdatePrice(ctx, &types.MsgUpdatePrice{Authority: stranger, PairingId: "prov", Price: dec("2")})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = msgs.UpdatePrice(ctx, &types.MsgUpdatePrice{Authority: gov, PairingId: "prov", Price: dec("0")})
	require.ErrorIs(t, err, types.ErrInvalidPrice)
	_, err = msgs.UpdatePrice(ctx, &types.MsgUpdatePrice{Authority: gov, PairingId: "prov", Price: dec("2")})
	require.NoError(t, err)
	_, err = msgs.PausePairing(ctx, &types.MsgPausePairing{Authority: gov, PairingId: "prov"})
	require.NoError(t, err)
	_, err = msgs.PausePairing(ctx, &types.MsgPausePairing{Authority: gov, PairingId: "prov"})
	require.ErrorIs(t, err, types.ErrWrongPairingStatus)
	_, err = msgs.ClosePairing(ctx, &types.MsgClosePairing{Authority: gov, PairingId: "prov"})
	require.NoError(t, err)
	require.Equal(t, []string{"prov"}, chain.App.ConverterUnwinds.Unwound())
	_, err = msgs.ReopenPairing(ctx, &types.MsgReopenPairing{Authority: gov, PairingId: "prov"})
	require.NoError(t, err)

	params := types.DefaultParams()
	params.MaxPacketsPerBlock = types.MaxMaxPacketsPerBlock + 1
	_, err = msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: gov, Params: params})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	params = types.DefaultParams()
	params.MaxReportsPerBlock = 0
	_, err = msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: gov, Params: params})
	require.ErrorIs(t, err, types.ErrInvalidParams)
	_, err = msgs.UpdateParams(ctx, &types.MsgUpdateParams{Authority: stranger, Params: types.DefaultParams()})
	require.ErrorIs(t, err, types.ErrUnauthorized)
}
