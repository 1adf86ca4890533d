package scenarios_test

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	convtypes "github.com/meshsecurity/mesh/converter/types"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// records lists what the consumer still holds for validator i: the converter's requests on it,
// its total and burned record, and virtual staking's debt, target and live value there.
func (m *mesh) records(i int) string {
	m.t.Helper()
	ctx, conv, vs := m.consumer.Context(), m.consumer.App.ConverterKeeper, m.consumer.App.VirtualStakingKeeper
	val := m.cval(i)
	requests := 0
	rng := collections.NewSuperPrefixedTripleRange[string, string, string](convPair, val)
	require.NoError(m.t, conv.RequestIndex.Walk(ctx, rng, func(collections.Triple[string, string, string]) (bool, error) {
		requests++
		return false, nil
	}))
	amount := func(store collections.Map[collections.Pair[string, string], sdkmath.Int], key collections.Pair[string, string]) string {
		v, err := store.Get(ctx, key)
		if errors.Is(err, collections.ErrNotFound) {
			return "-"
		}
		return v.String()
	}
	live := "0"
	values, err := vs.PairingValues(ctx, m.consumer.Validators[i].ValAddress())
	require.NoError(m.t, err)
	for _, v := range values {
		if v.PairingID == convPair {
			live = v.Value.String()
		}
	}
	return "requests " + strconv.Itoa(requests) +
		" total " + amount(conv.ValidatorTotals, collections.Join(convPair, val)) +
		" burned " + amount(conv.Burned, collections.Join(convPair, val)) +
		" debt " + amount(vs.Debts, collections.Join(convPair, val)) +
		" target " + amount(vs.Targets, collections.Join(convPair, val)) +
		" live " + live
}

// pauseEpochs moves virtual staking's next epoch far away; resumeEpochs brings it to the next
// block.
func (m *mesh) pauseEpochs() {
	require.NoError(m.t, m.consumer.App.VirtualStakingKeeper.NextEpoch.Set(m.consumer.Context(), m.consumer.Height()+10_000))
}

func (m *mesh) resumeEpochs() {
	require.NoError(m.t, m.consumer.App.VirtualStakingKeeper.NextEpoch.Set(m.consumer.Context(), m.consumer.Height()+1))
}

// TestSlashedStakeEndsWithTheRequests jails one consumer validator for downtime and tombstones
// another for double-signing while no epoch runs. The converter books each reported slash off its
// validator's total as the provider applies it, and virtual staking's debt for it is settled, so
// the next epoch's target is what the provider's remaining stake backs. After the provider's users
// unstake everything left, the requests, totals, burned records and debts are all gone and no
// virtual stake stays on either validator.
func TestSlashedStakeEndsWithTheRequests(t *testing.T) {
	m := newMesh(t)
	u, w := m.provider.Accounts[0], m.provider.Accounts[1]
	m.deliver(m.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 10_000)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 4_000), Validator: m.cval(1)})
	m.deliver(m.provider, w, &vaulttypes.MsgBond{Owner: w.String(), Amount: sdk.NewInt64Coin(provDenom, 10_000)})
	m.deliver(m.provider, w, &vaulttypes.MsgStakeRemote{Owner: w.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 5_000), Validator: m.cval(2)})
	m.relay()
	m.epoch()
	// floor(floor(4000 * 0.5) * 0.9) = 1800 and floor(floor(5000 * 0.5) * 0.9) = 2250
	require.Equal(t, "requests 1 total 4000 burned - debt - target 1800 live 1800", m.records(1))
	require.Equal(t, "requests 1 total 5000 burned - debt - target 2250 live 2250", m.records(2))

	m.pauseEpochs()
	m.consumer.SetAbsent(m.consumer.Validators[1])
	require.NoError(t, m.consumer.InjectDoubleSign(m.consumer.Validators[2]))
	for i := 0; i < 12; i++ {
		m.consumer.NextBlock()
		m.relay()
	}
	m.consumer.SetPresent(m.consumer.Validators[1])
	// The provider takes min(ratio * stake, reported amount): downtime 1% of 1,800 virtual stake
	// is 18, reported as floor(floor(18 * 2) * 1.111111111111111111) = 39, below 1% of 4,000; the
	// double-sign's 5% of 5,000 is 250, below the reported amount. The converter books
	// the same figures off the totals, and virtual staking's debt for each slash is settled.
	require.Equal(t, "3961-3961", m.stake(u, m.cval(1)))
	require.Equal(t, "4750-4750", m.stake(w, m.cval(2)))
	require.Equal(t, "requests 1 total 3961 burned 39 debt - target 1800 live 1782", m.records(1))
	require.Equal(t, "requests 1 total 4750 burned 250 debt - target 2250 live 2137", m.records(2))
	vs := m.virtualSupply()
	require.Equal(t, "131", vs.Slashed.String())
	consBurned := ints(6_000_000).Sub(vs.Slashed)
	m.check(ints(39+250), consBurned)

	// w unstakes everything the provider still holds on the tombstoned validator
	m.deliver(m.provider, w, &exttypes.MsgUnstake{Owner: w.String(), PairingId: extPair, Validator: m.cval(2), Amount: ints(4_750)})
	m.relay()
	require.Equal(t, "requests 0 total - burned - debt - target 2250 live 2137", m.records(2))
	// an epoch: the target on the jailed validator is what u's 3,961 back,
	// floor(floor(3961 * 0.5) * 0.9) = 1,782, exactly its value, so nothing is minted or taken;
	// the slash is not held back a second time
	m.resumeEpochs()
	m.epoch()
	require.Equal(t, "requests 1 total 3961 burned 39 debt - target 1782 live 1782", m.records(1))
	require.Equal(t, "requests 0 total - burned - debt - target - live 2137", m.records(2), "unbonding")
	// u unstakes everything too
	m.deliver(m.provider, u, &exttypes.MsgUnstake{Owner: u.String(), PairingId: extPair, Validator: m.cval(1), Amount: ints(3_961)})
	m.relay()
	require.Equal(t, "requests 0 total - burned - debt - target 1782 live 1782", m.records(1))
	m.epoch()
	m.wait(11 * time.Minute)
	m.epoch()
	require.Equal(t, "requests 0 total - burned - debt - target - live 0", m.records(1))
	require.Equal(t, "requests 0 total - burned - debt - target - live 0", m.records(2))
	for _, a := range []int{0, 1} {
		acc := m.provider.Accounts[a]
		m.deliver(m.provider, acc, &exttypes.MsgWithdrawUnbonded{Owner: acc.String(), PairingId: extPair})
	}
	require.Equal(t, "9961-9961", span(m.account(u).Free))
	require.Equal(t, "9750-9750", span(m.account(w).Free))
	vs = m.virtualSupply()
	require.Equal(t, "4050 3919 131", vs.Minted.String()+" "+vs.Burned.String()+" "+vs.Slashed.String())
	m.check(ints(39+250), consBurned)
}

// TestTombstonedAndRemovedValidatorsEndTheirRequests tombstones one consumer validator with a
// real double-sign and removes another whose operator unbonds its whole self-delegation while a
// cross-stake to it is on its way. At the next epoch, once the provider has acknowledged the
// reports, the converter ends the requests on both with an internal_unstake each, so the provider
// releases the stake at once.
func TestTombstonedAndRemovedValidatorsEndTheirRequests(t *testing.T) {
	m := newMesh(t)
	u, w := m.provider.Accounts[0], m.provider.Accounts[1]
	m.deliver(m.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 10_000)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 5_000), Validator: m.cval(2)})
	m.relay()
	m.epoch()
	require.Equal(t, "requests 1 total 5000 burned - debt - target 2250 live 2250", m.records(2))

	// the tombstone: the provider slashes 250 of 5,000, then the next epoch ends the request
	m.pauseEpochs()
	require.NoError(t, m.consumer.InjectDoubleSign(m.consumer.Validators[2]))
	m.consumer.NextBlock()
	m.relay()
	require.Equal(t, "4750-4750", m.stake(u, m.cval(2)))
	require.Equal(t, "requests 1 total 4750 burned 250 debt - target 2250 live 2137", m.records(2))
	m.resumeEpochs()
	m.epoch()
	require.Equal(t, "0-0", m.stake(u, m.cval(2)), "released by the internal_unstake")
	require.Equal(t, "requests 0 total - burned - debt - target - live 2137", m.records(2), "unbonding")
	m.deliver(m.provider, u, &exttypes.MsgWithdrawUnbonded{Owner: u.String(), PairingId: extPair})
	require.Equal(t, "9750-9750", span(m.account(u).Free), "withdrawn at once")
	require.Equal(t, "9750", m.account(u).Collateral.String())

	// the removal: w cross-stakes on validator 3 while its operator unbonds everything; the
	// request arrives while it is unbonding, and it is removed before any epoch delegates to it
	m.pauseEpochs()
	m.deliver(m.provider, w, &vaulttypes.MsgBond{Owner: w.String(), Amount: sdk.NewInt64Coin(provDenom, 10_000)})
	m.deliver(m.provider, w, &vaulttypes.MsgStakeRemote{Owner: w.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 3_000), Validator: m.cval(3)})
	op := m.consumer.Validators[3].Operator
	m.deliver(m.consumer, op, &stakingtypes.MsgUndelegate{DelegatorAddress: op.String(), ValidatorAddress: m.cval(3),
		Amount: sdk.NewCoin(consDenom, ints(100_000_000))})
	m.relay()
	require.Equal(t, "3000-3000", m.stake(w, m.cval(3)))
	require.Equal(t, "requests 1 total 3000 burned - debt - target - live 0", m.records(3))
	m.wait(11 * time.Minute)
	_, err := m.consumer.App.StakingKeeper.GetValidator(m.consumer.Context(), m.consumer.Validators[3].ValAddress())
	require.ErrorIs(t, err, stakingtypes.ErrNoValidatorFound)
	m.resumeEpochs()
	m.epoch()
	require.Equal(t, "0-0", m.stake(w, m.cval(3)), "released by the internal_unstake")
	require.Equal(t, "requests 0 total - burned - debt - target - live 0", m.records(3))
	m.deliver(m.provider, w, &exttypes.MsgWithdrawUnbonded{Owner: w.String(), PairingId: extPair})
	require.Equal(t, "10000-10000", span(m.account(w).Free))

	// the tombstoned validator's virtual stake was unbonding; it matures and is burned
	m.epoch()
	require.Equal(t, "requests 0 total - burned - debt - target - live 0", m.records(2))
	vs := m.virtualSupply()
	require.Equal(t, "2250 2137 113", vs.Minted.String()+" "+vs.Burned.String()+" "+vs.Slashed.String())
	m.check(ints(250), ints(5_000_000).Sub(vs.Slashed))
}

// TestUnbookedSlashStaysHeldBack raises the price to 1,000 so that rounding a slash to remote
// units matters: u's 5,000 cross-stake is a target of floor(5,000,000 * 0.9) = 4,500,000, a
// downtime slash takes 44,785 of it, and the provider and the converter book only 48 remote of it,
// worth 43,200 off the target. Virtual staking settles those 43,200 of its debt and holds the
// other 1,585 back, so the next epoch's target is the delegation's value and nothing slashed is
// minted back.
func TestUnbookedSlashStaysHeldBack(t *testing.T) {
	m := newMesh(t)
	msgs, gov := m.convGov()
	_, err := msgs.UpdatePrice(m.consumer.Context(), &convtypes.MsgUpdatePrice{Authority: gov, PairingId: convPair, Price: dec("1000")})
	require.NoError(t, err)
	u := m.provider.Accounts[0]
	m.deliver(m.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 10_000)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 5_000), Validator: m.cval(1)})
	m.relay()
	m.epoch()
	require.Equal(t, "requests 1 total 5000 burned - debt - target 4500000 live 4500000", m.records(1))
	minted := m.virtualSupply().Minted

	m.pauseEpochs()
	m.consumer.SetAbsent(m.consumer.Validators[1])
	for i := 0; i < 12; i++ {
		m.consumer.NextBlock()
		m.relay()
	}
	m.consumer.SetPresent(m.consumer.Validators[1])
	// x/staking slashes 1% of the validator's power of 104 at the infraction, 1,040,000 of its
	// 104,500,000 tokens, 44,785 of the delegation, reported as
	// floor(floor(44,785 / 1,000) * 1.111111111111111111) = 48 remote; booking 48 lowers the
	// target to floor(4,952,000 * 0.9) = 4,456,800, so 43,200 of the debt is settled and 1,585 stay
	require.Equal(t, "4952-4952", m.stake(u, m.cval(1)))
	require.Equal(t, "requests 1 total 4952 burned 48 debt 1585 target 4500000 live 4455215", m.records(1))

	m.resumeEpochs()
	m.epoch()
	require.Equal(t, "requests 1 total 4952 burned 48 debt 1585 target 4455215 live 4455215", m.records(1))
	require.Equal(t, minted.String(), m.virtualSupply().Minted.String(), "nothing minted back")
	vs := m.virtualSupply()
	m.check(ints(48), ints(1_040_000).Sub(vs.Slashed))
}

// TestTombstonedRequestWorthNothingEnds tombstones a consumer validator whose only request, 1
// remote, is worth floor(floor(1 * 0.5) * 0.9) = 0 local tokens: no virtual stake is delegated
// there, yet the next epoch still ends the request and the provider releases the stake.
func TestTombstonedRequestWorthNothingEnds(t *testing.T) {
	m := newMesh(t)
	u := m.provider.Accounts[0]
	m.deliver(m.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 10_000)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 1), Validator: m.cval(2)})
	m.relay()
	m.epoch()
	require.Equal(t, "requests 1 total 1 burned - debt - target - live 0", m.records(2))

	m.pauseEpochs()
	require.NoError(t, m.consumer.InjectDoubleSign(m.consumer.Validators[2]))
	m.consumer.NextBlock()
	m.relay()
	require.Equal(t, "1-1", m.stake(u, m.cval(2)))
	m.resumeEpochs()
	m.epoch()
	require.Equal(t, "0-0", m.stake(u, m.cval(2)), "released by the internal_unstake")
	require.Equal(t, "requests 0 total - burned - debt - target - live 0", m.records(2))
	m.deliver(m.provider, u, &exttypes.MsgWithdrawUnbonded{Owner: u.String(), PairingId: extPair})
	require.Equal(t, "10000-10000", span(m.account(u).Free))
}
