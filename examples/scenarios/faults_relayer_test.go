package scenarios_test

import (
	"fmt"
	"math/rand"
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	convkeeper "github.com/meshsecurity/mesh/converter/keeper"
	convtypes "github.com/meshsecurity/mesh/converter/types"
	extkeeper "github.com/meshsecurity/mesh/externalstaking/keeper"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// figures are the observable state of both chains after a scenario, by name.
type figures map[string]string

// figures reads every user's vault account and stakes (amounts and rewards), the provider's
// view of the consumer's validators, the consumer's validator tokens, requests, reward reserve
// and virtual supply, and both bond supplies.
func (m *mesh) figures(users ...testutil.Account) figures {
	m.t.Helper()
	f := figures{}
	ext := extkeeper.NewQueryServerImpl(m.provider.App.ExternalStakingKeeper)
	for i, u := range users {
		acc := m.account(u)
		f[fmt.Sprintf("user%d vault", i)] = fmt.Sprintf("collateral %s max lien %s slashable %s free %s",
			acc.Collateral, span(acc.MaxLien), span(acc.TotalSlashable), span(acc.Free))
		stakes, err := ext.Stakes(m.provider.Context(), &exttypes.QueryStakesRequest{PairingId: extPair, Owner: u.String()})
		require.NoError(m.t, err)
		for _, s := range stakes.Stakes {
			unbonding := ints(0)
			for _, ub := range s.Unbondings {
				unbonding = unbonding.Add(ub.Amount)
			}
			f[fmt.Sprintf("user%d stake %s", i, s.Validator)] = fmt.Sprintf("%s-%s rewards %s unbonding %s",
				s.Low, s.High, s.PendingRewards, unbonding)
		}
		for v := range m.consumer.Validators {
			f[fmt.Sprintf("user%d request %d", i, v)] = m.request(u.String(), m.cval(v))
		}
	}
	vals, err := ext.Validators(m.provider.Context(), &exttypes.QueryValidatorsRequest{PairingId: extPair})
	require.NoError(m.t, err)
	for _, v := range vals.Validators {
		f["provider view of "+v.Valoper] = v.Status.String()
	}
	for v := range m.consumer.Validators {
		f[fmt.Sprintf("consumer tokens %d", v)] = m.tokens(v).String()
	}
	reserve, err := convkeeper.NewQueryServerImpl(m.consumer.App.ConverterKeeper).RewardReserve(m.consumer.Context(),
		&convtypes.QueryRewardReserveRequest{PairingId: convPair})
	require.NoError(m.t, err)
	f["reward reserve"] = reserve.Amount.String()
	vs := m.virtualSupply()
	f["virtual supply"] = fmt.Sprintf("minted %s burned %s slashed %s", vs.Minted, vs.Burned, vs.Slashed)
	f["supplies"] = m.supply(m.provider).String() + " " + m.supply(m.consumer).String()
	return f
}

// deliverShuffled relays what is pending out of order: every packet of both chains in an order
// shuffled with seed, leaving the acknowledgements pending, then every acknowledgement in an
// order shuffled again; whatever those deliveries send is relayed in order afterwards.
func (m *mesh) deliverShuffled(seed int64) {
	m.t.Helper()
	rng := rand.New(rand.NewSource(seed))
	packets := m.link.PendingPackets()
	rng.Shuffle(len(packets), func(i, j int) { packets[i], packets[j] = packets[j], packets[i] })
	for _, p := range packets {
		require.NoError(m.t, m.link.ReceivePacket(p))
	}
	acks := append(m.provider.PendingAcks(), m.consumer.PendingAcks()...)
	rng.Shuffle(len(acks), func(i, j int) { acks[i], acks[j] = acks[j], acks[i] })
	for _, ack := range acks {
		require.NoError(m.t, m.link.RelayAck(ack))
	}
	m.relay()
}

// awayRun is a mesh after relayerAway: its figures, the number of packets that had queued, and
// what x/distribution paid the virtual delegations on consumer validators 0 and 2 out of the
// fees, computed when the fees were paid.
type awayRun struct {
	*mesh
	final              figures
	queued             int
	rewards0, rewards2 sdkmath.Int
}

// awayFees is what the relayer-away scenario pays into the consumer's fee collector, each time.
var awayFees = ints(4_000_000_000)

// relayerAway cross-stakes, runs an epoch, and then lets the relayer stay away while the
// provider's users stake and unstake, fees on the consumer pay rewards and consumer validator 3
// is jailed for downtime, over three consumer epochs. deliver brings the relayer back; two epochs
// later it returns the run, after the invariants and conservation check.
func relayerAway(t *testing.T, deliver func(*mesh)) awayRun {
	m := newMesh(t)
	u, w := m.provider.Accounts[0], m.provider.Accounts[1]
	stake := func(a testutil.Account, amount int64, val int) {
		m.deliver(m.provider, a, &vaulttypes.MsgStakeRemote{Owner: a.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, amount), Validator: m.cval(val)})
	}
	unstake := func(a testutil.Account, amount int64, val int) {
		m.deliver(m.provider, a, &exttypes.MsgUnstake{Owner: a.String(), PairingId: extPair, Validator: m.cval(val), Amount: ints(amount)})
	}
	for _, a := range []testutil.Account{u, w} {
		m.deliver(m.provider, a, &vaulttypes.MsgBond{Owner: a.String(), Amount: sdk.NewInt64Coin(provDenom, 5_000)})
	}
	stake(u, 1_000, 0)
	stake(w, 600, 2)
	m.relay()
	m.epoch()

	// the relayer is away from here on
	m.payFees(awayFees)
	run := awayRun{mesh: m, rewards0: m.delegatorShare(0, awayFees, m.virtualTokens(0)),
		rewards2: m.delegatorShare(2, awayFees, m.virtualTokens(2))}
	m.consumer.SetAbsent(m.consumer.Validators[3])
	stake(u, 400, 1)
	stake(w, 300, 1)
	unstake(u, 200, 0)
	unstake(w, 100, 2)
	m.consumer.NextBlocks(3 * epochBlock)
	m.consumer.SetPresent(m.consumer.Validators[3])
	queued := len(m.link.PendingPackets())

	deliver(m)
	m.epoch()
	m.epoch()
	// validator 3 was slashed 1% for downtime by x/staking, none of it virtual stake
	m.check(ints(0), testutil.DefaultValidatorStake.QuoRaw(100))
	run.final, run.queued = m.figures(u, w), queued
	return run
}

// TestRelayerAwayThenOutOfOrder keeps the relayer away for more than a whole consumer epoch
// while both chains queue packets, then delivers them once in order and once shuffled (packets,
// then acknowledgements): both deliveries end in the same figures on both chains, but for one
// unit of reward that the shuffled delivery's rounding leaves in the consumer's reserve. Fees
// paid once more after that reach both meshes alike.
func TestRelayerAwayThenOutOfOrder(t *testing.T) {
	in := relayerAway(t, func(m *mesh) { m.relay() })
	out := relayerAway(t, func(m *mesh) { m.deliverShuffled(7) })
	m, inOrder, shuffled := in.mesh, in.final, out.final
	require.Equal(t, in.queued, out.queued)
	require.Equal(t, 6, in.queued, "two stakes and two unstakes, a reward batch, a validator update")
	require.Equal(t, in.rewards0, out.rewards0)
	require.Equal(t, in.rewards2, out.rewards2)
	// x/distribution's pay to the 450 and 270 virtual tokens on validators 0 and 2
	require.Equal(t, "3968 2381", in.rewards0.String()+" "+in.rewards2.String())

	// In order, w's unstake of 100 on validator 2 is acknowledged before the rewards of that
	// validator arrive, which are credited to the 500 shares left: 2381 * 10^18 / 500 points per
	// share, exactly. Shuffled, they arrive while it is pending and are credited to 600 shares:
	// floor(2381 * 10^18 / 600) points per share leave w 2,380.99... units, which w's rewards
	// round down to 2,380, and the unit stays in the consumer's reward reserve.
	rewardsOfW := "user1 stake " + m.cval(2)
	require.Equal(t, fmt.Sprintf("500-500 rewards %s unbonding 100", in.rewards2), inOrder[rewardsOfW])
	require.Equal(t, fmt.Sprintf("500-500 rewards %s unbonding 100", in.rewards2.SubRaw(1)), shuffled[rewardsOfW])
	shuffled[rewardsOfW] = inOrder[rewardsOfW]
	require.Equal(t, inOrder, shuffled)

	// u: 800 on validator 0 (200 unbonding), 400 on validator 1; w: 500 on validator 2 (100
	// unbonding), 300 on validator 1. Virtual stake is floor(floor(x * 0.5) * 0.9) of each
	// validator's requests: 360, 315 and 225; the 90 and 45 taken away are unbonding, not yet
	// burned. Validator 3 lost 1% to downtime and the provider knows it is jailed. The reserve
	// holds the rewards of both validators.
	for k, v := range map[string]string{
		"user0 vault":                   "collateral 5000 max lien 1400-1400 slashable 140-140 free 3600-3600",
		"user1 vault":                   "collateral 5000 max lien 900-900 slashable 90-90 free 4100-4100",
		"user0 stake " + m.cval(0):      fmt.Sprintf("800-800 rewards %s unbonding 200", in.rewards0),
		"user0 stake " + m.cval(1):      "400-400 rewards 0 unbonding 0",
		"user1 stake " + m.cval(1):      "300-300 rewards 0 unbonding 0",
		"user0 request 0":               "800",
		"user0 request 1":               "400",
		"user1 request 1":               "300",
		"user1 request 2":               "500",
		"consumer tokens 0":             "100000360",
		"consumer tokens 1":             "100000315",
		"consumer tokens 2":             "100000225",
		"consumer tokens 3":             "99000000",
		"virtual supply":                "minted 1035 burned 0 slashed 0",
		"reward reserve":                in.rewards0.Add(in.rewards2).String(),
		"provider view of " + m.cval(3): "VALIDATOR_STATUS_JAILED",
		"provider view of " + m.cval(0): "VALIDATOR_STATUS_ACTIVE",
	} {
		require.Equal(t, v, inOrder[k], k)
	}

	// Fees paid once more reach w's 225 virtual tokens on validator 2 in both meshes, now over
	// the 500 shares alone: w earns the same on both, and the shuffled mesh stays one unit short.
	more := m.delegatorShare(2, awayFees, m.virtualTokens(2))
	for _, r := range []awayRun{in, out} {
		r.payFees(awayFees)
		r.consumer.NextBlock()
		r.relay()
		r.epoch()
		r.epoch()
	}
	u, w := m.provider.Accounts[0], m.provider.Accounts[1]
	inOrder, shuffled = in.figures(u, w), out.figures(u, w)
	require.Equal(t, fmt.Sprintf("500-500 rewards %s unbonding 100", in.rewards2.Add(more)), inOrder[rewardsOfW])
	require.Equal(t, fmt.Sprintf("500-500 rewards %s unbonding 100", in.rewards2.Add(more).SubRaw(1)), shuffled[rewardsOfW])
	shuffled[rewardsOfW] = inOrder[rewardsOfW]
	require.Equal(t, inOrder, shuffled)
	in.check(ints(0), testutil.DefaultValidatorStake.QuoRaw(100))
	out.check(ints(0), testutil.DefaultValidatorStake.QuoRaw(100))
}
