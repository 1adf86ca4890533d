package scenarios_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/lienholder"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestLifecycle bonds collateral, stakes locally, cross-stakes (and is refused on an unknown
// validator), sees the virtual stake in the consumer's x/staking after an epoch, withdraws the
// rewards it earned there to a consumer address, unstakes, waits out the unbonding period,
// withdraws and unbonds from the vault.
func TestLifecycle(t *testing.T) {
	m := newMesh(t)
	u := m.provider.Accounts[0]
	startBalance := m.provider.App.BankKeeper.GetBalance(m.provider.Context(), u.Address, provDenom).Amount
	val := m.cval(0)
	before := m.tokens(0)

	m.deliver(m.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 10_000)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeLocal{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 3_000), Validator: m.pval(0)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 4_000), Validator: val})
	m.relay()
	require.Equal(t, "4000-4000", m.stake(u, val))

	// a validator the consumer never reported is refused on the provider: nothing is reserved,
	// no packet leaves, and the collateral stays free
	accBefore := m.account(u)
	unknown := sdk.ValAddress([]byte("no-such-validator___")).String()
	_, _, err := m.provider.DeliverTx(u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder,
		Amount: sdk.NewInt64Coin(provDenom, 1_000), Validator: unknown})
	m.requireRefused(err, lienholder.ErrLienRefused)
	require.Contains(t, err.Error(), exttypes.ErrValidatorNotActive.Error(), "the holder's reason")
	require.Empty(t, m.pendingFrom(m.provider))
	require.Equal(t, "0-0", m.stake(u, unknown))
	require.Equal(t, accBefore, m.account(u))
	acc := m.account(u)
	// 3,000 local + 4,000 remote on 10,000 collateral: max lien 4,000, slashable 5% of 3,000 (x/slashing)
	// + 10% of 4,000 (the pairing)
	require.Equal(t, "10000", acc.Collateral.String())
	require.Equal(t, "4000-4000", span(acc.MaxLien))
	require.Equal(t, "550-550", span(acc.TotalSlashable))
	require.Equal(t, "6000-6000", span(acc.Free))
	m.check(ints(0), ints(0))

	// floor(floor(4000 * 0.5) * 0.9) = 1,800 local tokens of virtual stake after the epoch.
	m.epoch()
	require.Equal(t, before.Add(ints(1_800)).String(), m.tokens(0).String(), "virtual stake in x/staking")
	require.Equal(t, "1800", m.virtualSupply().Minted.String())
	m.check(ints(0), ints(0))

	// fees on the consumer reach the virtual stake, which the next epoch pays to the provider
	m.payFees(ints(4_000_000_000))
	m.consumer.NextBlock()
	m.epoch()
	m.epoch()
	// x/distribution gives validator 0 a quarter of the fees (100 of 400 power) less the community
	// tax, keeps its 10% commission and pays the rest by stake: floor(4e9 * 0.98 * 1/4 * 0.9 *
	// 1,800 / 100,001,800) = 15,875 to the virtual delegation. The epoch moves them to the reward
	// reserve and the provider credits them all to u, the only staker on the validator.
	require.Equal(t, "15875", m.delegatorShare(0, ints(4_000_000_000), ints(1_800)).String())
	require.Equal(t, "15875", m.rewardReserve().String())
	require.Equal(t, "15875", m.position(u, val).PendingRewards.String())
	recipient := m.consumer.Accounts[3]
	rbefore := balance(m.consumer, recipient.Address)
	m.deliver(m.provider, u, &exttypes.MsgWithdrawRewards{Owner: u.String(), PairingId: extPair, Validator: val, Recipient: recipient.String()})
	m.relay()
	require.Equal(t, "15875", balance(m.consumer, recipient.Address).Sub(rbefore).String(), "paid to the consumer address")
	require.Equal(t, "0", m.rewardReserve().String())
	require.Equal(t, "0", m.position(u, val).PendingRewards.String())
	m.check(ints(0), ints(0))

	m.deliver(m.provider, u, &exttypes.MsgUnstake{Owner: u.String(), PairingId: extPair, Validator: val, Amount: ints(4_000)})
	m.relay()
	require.Equal(t, "0-0", m.stake(u, val))
	m.epoch()
	require.Equal(t, before.String(), m.tokens(0).String(), "virtual stake undelegated")
	m.deliver(m.provider, u, &exttypes.MsgWithdrawUnbonded{Owner: u.String(), PairingId: extPair})
	require.Equal(t, "4000-4000", span(m.account(u).MaxLien), "nothing released before the unbonding period")
	m.wait(11 * time.Minute)
	m.deliver(m.provider, u, &exttypes.MsgWithdrawUnbonded{Owner: u.String(), PairingId: extPair})
	acc = m.account(u)
	require.Equal(t, "3000-3000", span(acc.MaxLien))
	require.Equal(t, "7000-7000", span(acc.Free))
	m.deliver(m.provider, u, &vaulttypes.MsgUnbond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 7_000)})
	end := m.provider.App.BankKeeper.GetBalance(m.provider.Context(), u.Address, provDenom).Amount
	require.Equal(t, startBalance.Sub(ints(3_000)).String(), end.String(), "all but the local stake returned")
	vs := m.virtualSupply()
	require.Equal(t, "1800 1800", vs.Minted.String()+" "+vs.Burned.String(), "virtual stake burned after unbonding")
	m.check(ints(0), sdkmath.ZeroInt())
}
