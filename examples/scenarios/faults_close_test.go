package scenarios_test

import (
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/cosmos/gogoproto/proto"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	convtypes "github.com/meshsecurity/mesh/converter/types"
	extkeeper "github.com/meshsecurity/mesh/externalstaking/keeper"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/internal/eventattr"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// requireTxCode requires err to be a failed transaction with want's code.
func requireTxCode(t testing.TB, err error, want *errorsmod.Error) {
	t.Helper()
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr)
	require.Equal(t, want.Codespace(), txErr.Codespace, txErr.Log)
	require.Equal(t, want.ABCICode(), txErr.Code, txErr.Log)
}

// closeSetup cross-stakes 1,000 of u's 3,000 to consumer validator 0 and 600 of w's 2,000 to
// validator 1, runs an epoch (450 and 270 of virtual stake) and checks that a relayer's close
// of the channel is refused at both ends.
func closeSetup(t *testing.T) (m *mesh, u, w testutil.Account) {
	m = newMesh(t)
	u, w = m.provider.Accounts[0], m.provider.Accounts[1]
	for _, s := range []struct {
		acc         testutil.Account
		bond, stake int64
		val         int
	}{{u, 3_000, 1_000, 0}, {w, 2_000, 600, 1}} {
		m.deliver(m.provider, s.acc, &vaulttypes.MsgBond{Owner: s.acc.String(), Amount: sdk.NewInt64Coin(provDenom, s.bond)})
		m.deliver(m.provider, s.acc, &vaulttypes.MsgStakeRemote{Owner: s.acc.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, s.stake), Validator: m.cval(s.val)})
	}
	m.relay()
	m.epoch()
	require.Equal(t, "450 270", m.tokens(0).Sub(testutil.DefaultValidatorStake).String()+" "+m.tokens(1).Sub(testutil.DefaultValidatorStake).String())

	_, _, err := m.provider.DeliverTx(u, channeltypes.NewMsgChannelCloseInit(exttypes.PortID, m.ch.ChannelB, u.String()))
	requireTxCode(t, err, exttypes.ErrCloseRefused)
	_, _, err = m.consumer.DeliverTx(m.consumer.Relayer, channeltypes.NewMsgChannelCloseInit(convtypes.PortID, m.ch.ChannelA, m.consumer.Relayer.String()))
	requireTxCode(t, err, convtypes.ErrCloseRefused)
	m.check(ints(0), ints(0))
	return m, u, w
}

// channelState is the state of the mesh channel's end on c.
func (m *mesh) channelState(c *testutil.Chain) channeltypes.State {
	m.t.Helper()
	port, id := convtypes.PortID, m.ch.ChannelA
	if c == m.provider {
		port, id = exttypes.PortID, m.ch.ChannelB
	}
	ch, found := c.App.IBCKeeper.ChannelKeeper.GetChannel(c.Context(), port, id)
	require.True(m.t, found)
	return ch.State
}

// convStatus is the status of the consumer's pairing of the provider.
func (m *mesh) convStatus() convtypes.PairingStatus {
	m.t.Helper()
	p, err := m.consumer.App.ConverterKeeper.GetPairing(m.consumer.Context(), convPair)
	require.NoError(m.t, err)
	return p.Status
}

// unwound requires the consumer to hold no virtual stake and no request any more, and, once its
// unbonding period passed, all 720 of virtual stake burned.
func (m *mesh) unwound(u, w testutil.Account) {
	m.t.Helper()
	m.epoch()
	m.epoch()
	require.Equal(m.t, testutil.DefaultValidatorStake.String()+" "+testutil.DefaultValidatorStake.String(),
		m.tokens(0).String()+" "+m.tokens(1).String(), "virtual stake undelegated")
	require.Equal(m.t, "0 0", m.request(u.String(), m.cval(0))+" "+m.request(w.String(), m.cval(1)))
	m.check(ints(0), ints(0))
}

// everyoneWithdraws requires nothing to be released before closedAt + the unbonding period, and
// then both users to withdraw and unbond their whole collateral, with the virtual stake burned.
func (m *mesh) everyoneWithdraws(u, w testutil.Account, closedAt time.Time) {
	m.t.Helper()
	require.Equal(m.t, "1000-1000", m.withdrawn(u), "nothing released before the unbonding period")
	m.wait(m.extTerms().UnbondingPeriod + time.Minute)
	require.True(m.t, !m.provider.LastBlockTime().Before(closedAt.Add(m.extTerms().UnbondingPeriod)))
	for _, c := range []struct {
		acc  testutil.Account
		bond int64
		free string
	}{{u, 3_000, "3000-3000"}, {w, 2_000, "2000-2000"}} {
		require.Equal(m.t, "0-0", m.withdrawn(c.acc))
		require.Equal(m.t, c.free, span(m.account(c.acc).Free))
		m.deliver(m.provider, c.acc, &vaulttypes.MsgUnbond{Owner: c.acc.String(), Amount: sdk.NewInt64Coin(provDenom, c.bond)})
		require.Equal(m.t, "0", m.account(c.acc).Collateral.String())
	}
	vs := m.virtualSupply()
	require.Equal(m.t, "720 720", vs.Minted.String()+" "+vs.Burned.String(), "all virtual stake burned")
	m.check(ints(0), ints(0))
}

// closeEvent is the EventChannelClose, of either module, among events.
func closeEvent(t *testing.T, events sdk.Events) proto.Message {
	t.Helper()
	for _, e := range events {
		if e.Type == proto.MessageName(&exttypes.EventChannelClose{}) || e.Type == proto.MessageName(&convtypes.EventChannelClose{}) {
			msg, err := eventattr.Parse(abci.Event(e))
			require.NoError(t, err)
			return msg
		}
	}
	t.Fatal("no EventChannelClose")
	return nil
}

// TestProviderClosesTheChannel closes the pairing on the provider by its authority, at T, which
// closes the provider's end of the channel in the same block. A relayer confirms the close on the
// consumer, which closes its pairing and unwinds the virtual stake, and the provider's users get
// their whole collateral back at T + the unbonding period.
func TestProviderClosesTheChannel(t *testing.T) {
	m, u, w := closeSetup(t)
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	closing := m.provider.LastBlockTime()
	ctx := m.provider.Context()
	_, err := extkeeper.NewMsgServerImpl(m.provider.App.ExternalStakingKeeper).ClosePairing(ctx,
		&exttypes.MsgClosePairing{Authority: gov, PairingId: extPair})
	require.NoError(t, err)
	require.Equal(t, &exttypes.EventChannelClose{Pairing: extPair, Channel: m.ch.ChannelB, Started: true},
		closeEvent(t, ctx.EventManager().Events()))
	m.provider.NextBlock() // the block the authority's Msg ran in
	closedAt := m.extPairing().ClosedAt
	require.Equal(t, closing, closedAt)
	require.Equal(t, channeltypes.CLOSED, m.channelState(m.provider))
	require.Equal(t, channeltypes.OPEN, m.channelState(m.consumer), "until a relayer confirms the close")
	require.Equal(t, convtypes.PAIRING_STATUS_ACTIVE, m.convStatus())

	m.relay()
	require.Equal(t, channeltypes.CLOSED, m.channelState(m.consumer))
	require.Equal(t, convtypes.PAIRING_STATUS_CLOSED, m.convStatus())
	m.unwound(u, w)
	m.everyoneWithdraws(u, w, closedAt)
}

// TestConsumerClosesTheChannel closes the pairing on the consumer by its authority, which closes
// the consumer's end of the channel and unwinds the virtual stake at once. A relayer confirms
// the close on the provider, which closes its pairing at T: an unstake is refused there from then
// on, and the provider's users get their whole collateral back at T + the unbonding period.
func TestConsumerClosesTheChannel(t *testing.T) {
	m, u, w := closeSetup(t)
	msgs, gov := m.convGov()
	ctx := m.consumer.Context()
	_, err := msgs.ClosePairing(ctx, &convtypes.MsgClosePairing{Authority: gov, PairingId: convPair})
	require.NoError(t, err)
	require.Equal(t, &convtypes.EventChannelClose{Pairing: convPair, Channel: m.ch.ChannelA, Started: true},
		closeEvent(t, ctx.EventManager().Events()))
	m.consumer.NextBlock() // the block the authority's Msg ran in
	require.Equal(t, channeltypes.CLOSED, m.channelState(m.consumer))
	require.Equal(t, channeltypes.OPEN, m.channelState(m.provider), "until a relayer confirms the close")

	confirmed, err := m.link.ConfirmCloses()
	require.NoError(t, err)
	require.Equal(t, 1, confirmed)
	require.Equal(t, channeltypes.CLOSED, m.channelState(m.provider))
	closed := m.extPairing()
	require.Equal(t, exttypes.PAIRING_STATUS_CLOSED, closed.Status)
	require.Equal(t, m.provider.LastBlockTime(), closed.ClosedAt, "closed by the confirm in the last block")
	_, _, err = m.provider.DeliverTx(w, &exttypes.MsgUnstake{Owner: w.String(), PairingId: extPair, Validator: m.cval(1), Amount: ints(100)})
	requireTxCode(t, err, exttypes.ErrWrongPairingStatus)
	require.Equal(t, "600-600", m.stake(w, m.cval(1)))

	m.unwound(u, w)
	m.everyoneWithdraws(u, w, closed.ClosedAt)
}
