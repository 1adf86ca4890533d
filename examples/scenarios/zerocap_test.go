package scenarios_test

import (
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/stretchr/testify/require"

	convkeeper "github.com/meshsecurity/mesh/converter/keeper"
	convtypes "github.com/meshsecurity/mesh/converter/types"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestZeroCapUnwinds caps the consumer's pairing to zero by its authority Msg: the requests unwind
// back to the provider, the virtual stake leaves x/staking and is burned after unbonding, and the
// provider's users withdraw and unbond all their collateral.
func TestZeroCapUnwinds(t *testing.T) {
	m := newMesh(t)
	u, w := m.provider.Accounts[0], m.provider.Accounts[1]
	for _, s := range []struct {
		user  int
		val   int
		stake int64
	}{{0, 0, 1_000}, {1, 1, 400}} {
		a := m.provider.Accounts[s.user]
		m.deliver(m.provider, a, &vaulttypes.MsgBond{Owner: a.String(), Amount: sdk.NewInt64Coin(provDenom, 2_000)})
		m.deliver(m.provider, a, &vaulttypes.MsgStakeRemote{Owner: a.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, s.stake), Validator: m.cval(s.val)})
	}
	m.relay()
	before0, before1 := testutil.DefaultValidatorStake, testutil.DefaultValidatorStake
	m.epoch()
	// floor(floor(1000 * 0.5) * 0.9) = 450 and floor(floor(400 * 0.5) * 0.9) = 180
	require.Equal(t, "450 180", m.tokens(0).Sub(before0).String()+" "+m.tokens(1).Sub(before1).String())

	terms := m.convTerms()
	terms.MaxCap = ints(0)
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	_, err := convkeeper.NewMsgServerImpl(m.consumer.App.ConverterKeeper).UpdatePairing(m.consumer.Context(),
		&convtypes.MsgUpdatePairing{Authority: gov, Pairing: terms})
	require.NoError(t, err)
	m.epoch()
	m.epoch()
	require.Equal(t, "0-0 0-0", m.stake(u, m.cval(0))+" "+m.stake(w, m.cval(1)), "released on the provider")
	require.Equal(t, before0.String()+" "+before1.String(), m.tokens(0).String()+" "+m.tokens(1).String(), "virtual stake undelegated")
	m.check(ints(0), ints(0))

	m.wait(11 * time.Minute)
	for _, a := range []int{0, 1} {
		acc := m.provider.Accounts[a]
		m.deliver(m.provider, acc, &exttypes.MsgWithdrawUnbonded{Owner: acc.String(), PairingId: extPair})
		require.Equal(t, "2000-2000", span(m.account(acc).Free))
		m.deliver(m.provider, acc, &vaulttypes.MsgUnbond{Owner: acc.String(), Amount: sdk.NewInt64Coin(provDenom, 2_000)})
		require.Equal(t, "0", m.account(acc).Collateral.String())
	}
	vs := m.virtualSupply()
	require.Equal(t, "630 630", vs.Minted.String()+" "+vs.Burned.String(), "all virtual stake burned")
	m.check(ints(0), ints(0))
}
