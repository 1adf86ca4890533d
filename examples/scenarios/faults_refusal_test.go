package scenarios_test

import (
	"fmt"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/stretchr/testify/require"

	convkeeper "github.com/meshsecurity/mesh/converter/keeper"
	convtypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// convGov is the consumer's converter Msg service, called with the governance authority.
func (m *mesh) convGov() (convtypes.MsgServer, string) {
	return convkeeper.NewMsgServerImpl(m.consumer.App.ConverterKeeper), authtypes.NewModuleAddress(govtypes.ModuleName).String()
}

// updateConvTerms replaces the consumer's terms of the provider pairing by its authority Msg.
func (m *mesh) updateConvTerms(change func(*convtypes.ProviderPairing)) {
	m.t.Helper()
	terms := m.convTerms()
	change(&terms)
	msgs, gov := m.convGov()
	_, err := msgs.UpdatePairing(m.consumer.Context(), &convtypes.MsgUpdatePairing{Authority: gov, Pairing: terms})
	require.NoError(m.t, err)
}

// refusedStake cross-stakes amount of u's collateral to val, delivers the stake packet to the
// consumer alone and requires the acknowledgement it wrote to be an error carrying want's code;
// before that acknowledgement is relayed the stake is pending on the provider, after it is gone.
func (m *mesh) refusedStake(u testutil.Account, amount int64, val string, want *errorsmod.Error) {
	m.t.Helper()
	committed := m.stake(u, val)
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, amount), Validator: val})
	packets := m.stakePackets()
	require.Len(m.t, packets, 1)
	require.NoError(m.t, m.link.ReceivePacket(packets[0]))
	acks := m.consumer.PendingAcks()
	require.Len(m.t, acks, 1)
	ack, err := ibcproto.DecodeAck(acks[0].Ack)
	require.NoError(m.t, err)
	require.False(m.t, ack.Success())
	require.Contains(m.t, ack.ErrorMessage(), fmt.Sprintf("ABCI code: %d:", want.ABCICode()))
	require.NotEqual(m.t, committed, m.stake(u, val), "pending until the acknowledgement")
	m.relay()
	require.Equal(m.t, committed, m.stake(u, val), "rolled back")
}

// TestConsumerRefusesStake has the consumer refuse two stake packets, one over the pairing's cap
// and one while its price is stale: each gets an error acknowledgement, the provider rolls the
// stake back and the collateral is free again. A fresh price lets the same stake in.
func TestConsumerRefusesStake(t *testing.T) {
	m := newMesh(t)
	u := m.provider.Accounts[0]
	val0, val1 := m.cval(0), m.cval(1)
	// the cap backs at most 1,000 local tokens: 1,000 remote is 450, 3,000 would be 1,350
	m.updateConvTerms(func(p *convtypes.ProviderPairing) { p.MaxCap = ints(1_000) })
	m.deliver(m.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 5_000)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 1_000), Validator: val0})
	m.relay()
	require.Equal(t, "1000-1000", m.stake(u, val0))

	m.refusedStake(u, 2_000, val1, convtypes.ErrOverCap)
	require.Equal(t, "0-0", m.stake(u, val1))
	require.Equal(t, "0", m.request(u.String(), val1))
	acc := m.account(u)
	require.Equal(t, "5000", acc.Collateral.String())
	require.Equal(t, "1000-1000", span(acc.MaxLien))
	require.Equal(t, "100-100", span(acc.TotalSlashable))
	require.Equal(t, "4000-4000", span(acc.Free))
	m.epoch()
	require.Equal(t, "450", m.tokens(0).Sub(testutil.DefaultValidatorStake).String())
	m.check(ints(0), ints(0))

	// the price was set when the pairing was created; ten minutes later it is stale
	m.updateConvTerms(func(p *convtypes.ProviderPairing) { p.MaxCap, p.FixedPrice.MaxAge = ints(1_000), 10*time.Minute })
	m.wait(10 * time.Minute)
	m.refusedStake(u, 500, val0, convtypes.ErrStalePrice)
	require.Equal(t, "1000", m.request(u.String(), val0))
	acc = m.account(u)
	require.Equal(t, "1000-1000", span(acc.MaxLien))
	require.Equal(t, "4000-4000", span(acc.Free))
	m.epoch()
	require.Equal(t, "450", m.tokens(0).Sub(testutil.DefaultValidatorStake).String(), "a stale pairing keeps its stake")
	m.check(ints(0), ints(0))

	msgs, gov := m.convGov()
	_, err := msgs.UpdatePrice(m.consumer.Context(), &convtypes.MsgUpdatePrice{Authority: gov, PairingId: convPair, Price: dec("0.5")})
	require.NoError(t, err)
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 500), Validator: val0})
	m.relay()
	require.Equal(t, "1500-1500", m.stake(u, val0))
	require.Equal(t, "1500", m.request(u.String(), val0))
	m.epoch()
	// floor(floor(1,500 * 0.5) * 0.9) = 675
	require.Equal(t, "675", m.tokens(0).Sub(testutil.DefaultValidatorStake).String())
	require.Equal(t, "3500-3500", span(m.account(u).Free))
	m.check(ints(0), ints(0))
}
