// Package stockibc_test runs meshapp under ibc-go's own testing package, the harness chain
// developers already know, to show the app meets its TestingApp contract. It has its own package
// because ibc-go's testing package builds apps through a package-level variable.
package stockibc_test

import (
	"encoding/json"
	"testing"

	"cosmossdk.io/log"
	sdkmath "cosmossdk.io/math"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"

	transfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	ibctesting "github.com/cosmos/ibc-go/v8/testing"

	"github.com/meshsecurity/mesh/examples/meshapp"
)

var _ ibctesting.TestingApp = (*meshapp.MeshApp)(nil)

// useMeshApp makes ibc-go's testing package build meshapp chains for the rest of the test.
func useMeshApp(t *testing.T) {
	ibctesting.DefaultTestingAppInit = func() (ibctesting.TestingApp, map[string]json.RawMessage) {
		app, err := meshapp.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.EmptyAppOptions{}, nil)
		require.NoError(t, err)
		return app, app.DefaultGenesis()
	}
}

func balance(chain *ibctesting.TestChain, addr sdk.AccAddress, denom string) sdkmath.Int {
	app := chain.App.(*meshapp.MeshApp)
	return app.BankKeeper.GetBalance(chain.GetContext(), addr, denom).Amount
}

// TestTransferUnderIBCTesting opens a transfer channel between two meshapp chains with ibc-go's
// coordinator and relays an ICS-20 transfer, asserting the balances on both chains.
func TestTransferUnderIBCTesting(t *testing.T) {
	useMeshApp(t)
	coord := ibctesting.NewCoordinator(t, 2)
	chainA, chainB := coord.GetChain(ibctesting.GetChainID(1)), coord.GetChain(ibctesting.GetChainID(2))
	path := ibctesting.NewTransferPath(chainA, chainB)
	coord.Setup(path)

	sender, receiver := chainA.SenderAccount.GetAddress(), chainB.SenderAccount.GetAddress()
	amount := sdk.NewCoin(sdk.DefaultBondDenom, sdkmath.NewInt(1234))
	senderBefore := balance(chainA, sender, sdk.DefaultBondDenom)

	msg := transfertypes.NewMsgTransfer(path.EndpointA.ChannelConfig.PortID, path.EndpointA.ChannelID, amount,
		sender.String(), receiver.String(), clienttypes.NewHeight(1, 1000), 0, "")
	res, err := chainA.SendMsgs(msg)
	require.NoError(t, err)
	packet, err := ibctesting.ParsePacketFromEvents(res.Events)
	require.NoError(t, err)
	require.NoError(t, path.RelayPacket(packet))

	voucher := transfertypes.ParseDenomTrace(transfertypes.GetPrefixedDenom(
		path.EndpointB.ChannelConfig.PortID, path.EndpointB.ChannelID, sdk.DefaultBondDenom)).IBCDenom()
	require.Equal(t, amount.Amount, balance(chainB, receiver, voucher))
	require.Equal(t, senderBefore.Sub(amount.Amount), balance(chainA, sender, sdk.DefaultBondDenom))
}
