package scriptedconsumer_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/scriptedconsumer"
)

// pair is a provider chain running the fake provider and a consumer chain running the scripted
// consumer (proposing channels to the fake provider's port), connected with the provider as the
// link's A end, so the consumer opens channels from the B end.
type pair struct {
	net                *testutil.Network
	link               *testutil.Link
	provider, consumer *testutil.Chain
	prov               *fakeProvider
	cons               *scriptedconsumer.Consumer
}

func newPair(t *testing.T, cfg scriptedconsumer.Config) pair {
	t.Helper()
	if cfg.CounterpartyPortID == "" {
		cfg.CounterpartyPortID = fakeProviderPort
	}
	p := pair{net: testutil.NewNetwork(t), prov: newFakeProvider(), cons: scriptedconsumer.New(cfg)}
	p.provider = p.net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov",
		AppOptions: []meshapp.Option{p.prov.option()}})
	p.consumer = p.net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", BondDenom: "ucons",
		AppOptions: []meshapp.Option{p.cons.Option()}})
	var err error
	p.link, err = p.net.Connect(p.provider, p.consumer)
	require.NoError(t, err)
	return p
}

// open opens the channel with the consumer's defaults.
func (p pair) open(t *testing.T) *testutil.Channel {
	t.Helper()
	ch, err := p.cons.OpenChannel(p.link, p.consumer)
	require.NoError(t, err)
	return ch
}

// requireTxCode checks that err is a failed transaction with want's codespace and code.
func requireTxCode(t *testing.T, err error, want *errorsmod.Error) {
	t.Helper()
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr)
	require.Equal(t, want.Codespace(), txErr.Codespace, txErr.Log)
	require.Equal(t, want.ABCICode(), txErr.Code, txErr.Log)
}
