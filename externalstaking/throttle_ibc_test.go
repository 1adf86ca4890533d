package externalstaking_test

import (
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

const meterPeriod = 15 * time.Minute

// guardParams sets the slash meter and breaker parameters on the provider.
func (p *pair) guardParams(fraction, threshold string) {
	k := p.provider.App.ExternalStakingKeeper
	params, err := k.Params.Get(p.provider.Context())
	require.NoError(p.t, err)
	params.SlashMeterFraction = sdkmath.LegacyMustNewDecFromStr(fraction)
	params.SlashMeterPeriod = meterPeriod
	params.BreakerThreshold = sdkmath.LegacyMustNewDecFromStr(threshold)
	require.NoError(p.t, k.Params.Set(p.provider.Context(), params))
	// A period starts afresh with the next report.
	require.NoError(p.t, p.net.AdvanceTime(meterPeriod))
}

// tokensOf lists the bonded cross-stake of the named validators.
func (p *pair) tokensOf(vals ...string) []string {
	var out []string
	for _, name := range vals {
		v, err := p.provider.App.ExternalStakingKeeper.Validators.Get(p.provider.Context(), collections.Join(pairingID, name))
		require.NoError(p.t, err)
		out = append(out, v.Tokens.String())
	}
	return out
}

// guard reads the pairing's slash guard.
func (p *pair) guard() types.SlashGuard {
	g, err := p.provider.App.ExternalStakingKeeper.SlashGuards.Get(p.provider.Context(), pairingID)
	require.NoError(p.t, err)
	return g
}

// everyValidatorSlashed is a valset_update reporting a 10% double-sign slash of 100 and a
// tombstone for each named validator.
func everyValidatorSlashed(vals ...string) ibcproto.ValsetUpdatePacket {
	pk := ibcproto.ValsetUpdatePacket{Height: 50, Time: 50, Tombstoned: vals}
	for _, v := range vals {
		pk.Slashed = append(pk.Slashed, ibcproto.ValidatorSlashInfo{Address: v, InfractionHeight: 40,
			InfractionTime: 40, Power: 1, SlashAmount: ibcproto.NewCoin("uprov", ints(100)), SlashRatio: "0.1"})
	}
	return pk
}

var sixVals = []string{"valA", "valB", "valC", "valD", "valE", "valF"}

// sixStakers opens a pairing with six active validators, each backed by 1,000 of its own user.
func sixStakers(t *testing.T) (*pair, *testutil.Channel) {
	p := newPairWith(t, 6)
	ch := p.open()
	p.activate(ch, 1, sixVals...)
	for i, v := range sixVals {
		require.NoError(t, p.bondAndStake(p.provider.Accounts[i], 1_000, 1_000, v))
		require.NoError(t, p.link.RelayAll())
	}
	return p, ch
}

func TestLyingConsumerIsThrottledAndTripsTheBreaker(t *testing.T) {
	p, ch := sixStakers(t)
	f := p.provider.Accounts[5]
	// 3% of 6,000 is 180 per period: the first 100 goes through, the second would make 200.
	p.guardParams("0.03", "0.05")
	p.send(ch, everyValidatorSlashed(sixVals...))
	require.Equal(t, []string{"900", "1000", "1000", "1000", "1000", "1000"}, p.tokensOf(sixVals...))
	g := p.guard()
	require.Equal(t, "100", g.Spent.String())
	require.Equal(t, "500", g.Queued.String())
	require.Equal(t, "0", g.Suspect.String())
	require.Equal(t, []uint64{0, 5}, []uint64{g.Head, g.Tail})
	// 500 queued passes 5% of 6,000 = 300: the pairing paused itself and pays no rewards.
	require.True(t, g.Tripped)
	require.Equal(t, types.PAIRING_STATUS_PAUSED, p.getPairing().Status)
	queue, err := keeper.NewQueryServerImpl(p.provider.App.ExternalStakingKeeper).SlashQueue(p.provider.Context(),
		&types.QuerySlashQueueRequest{PairingId: pairingID})
	require.NoError(t, err)
	require.Len(t, queue.Queue, 5)
	require.Equal(t, "valB", queue.Queue[0].Validator)
	require.Equal(t, uint64(40), queue.Queue[0].InfractionHeight)
	require.True(t, queue.Queue[0].DoubleSign)
	require.Equal(t, "100", queue.Queue[0].Estimate.String())
	require.Equal(t, "180", queue.Allowance.String())
	// A paused pairing takes no new cross-stake, even from free collateral.
	p.deliver(f, &vaulttypes.MsgBond{Owner: f.String(), Amount: sdk.NewInt64Coin("uprov", 100)})
	err = p.stakeMore(f, 100, "valA")
	requireTxCode(t, err, vaulttypes.ErrUnknownHolder)
	require.ErrorContains(t, err, "PAIRING_STATUS_PAUSED")
	_, _, err = p.provider.DeliverTx(f, &types.MsgWithdrawRewards{Owner: f.String(), PairingId: pairingID,
		Validator: "valF", Recipient: f.String()})
	requireTxCode(t, err, types.ErrWrongPairingStatus)

	// f unstakes everything from valF while its report waits; once the unbonding matured the
	// withdrawal still releases nothing.
	p.deliver(f, &types.MsgUnstake{Owner: f.String(), PairingId: pairingID, Validator: "valF", Amount: ints(1_000)})
	p.jump(unbonding + time.Minute)
	p.settle(f)
	low, high := p.lien(f)
	require.Equal(t, []string{"1000", "1000"}, []string{low, high})
	require.Equal(t, []string{"900", "1000", "1000", "1000", "1000", "0"}, p.tokensOf(sixVals...))

	// Each later period lets one 100 through: 3% of what is left plus what the period took.
	for i, want := range [][]string{
		{"900", "900", "1000", "1000", "1000", "0"},
		{"900", "900", "900", "1000", "1000", "0"},
		{"900", "900", "900", "900", "1000", "0"},
	} {
		p.jump(meterPeriod)
		require.Equal(t, want, p.tokensOf(sixVals...), "period %d", i+2)
		require.Equal(t, fmt.Sprint(400-100*i), p.guard().Queued.String(), "period %d", i+2)
		p.settle(f)
		low, _ = p.lien(f)
		require.Equal(t, "1000", low, "period %d", i+2)
	}
	// In the fifth period valE's report takes 100, and valF's, whose stake is no longer bonded,
	// takes 10% of the unbonding entry: 100 of f's 1,000 is lost and the rest leaves.
	p.jump(meterPeriod)
	require.Equal(t, []string{"900", "900", "900", "900", "900", "0"}, p.tokensOf(sixVals...))
	g = p.guard()
	require.Equal(t, []uint64{5, 5}, []uint64{g.Head, g.Tail})
	require.Equal(t, "0", g.Queued.String())
	p.settle(f)
	low, high = p.lien(f)
	require.Equal(t, []string{"0", "0"}, []string{low, high})
	require.Equal(t, "1000", p.collateral(f), "1,100 bonded less the 100 lost")

	// The authority resumes the pairing: the breaker clears.
	require.NoError(t, p.provider.App.ExternalStakingKeeper.ReopenPairing(p.provider.Context(), pairingID))
	require.False(t, p.guard().Tripped)
	require.Equal(t, types.PAIRING_STATUS_ACTIVE, p.getPairing().Status)
}

func TestEvidenceAppliesOutsideTheMeterOnce(t *testing.T) {
	p, ch := sixStakers(t)
	p.guardParams("0.03", "0")
	p.send(ch, everyValidatorSlashed(sixVals...))
	require.Equal(t, []string{"900", "1000", "1000", "1000", "1000", "1000"}, p.tokensOf(sixVals...))
	// Verified evidence for valD takes its slash at once, whatever the meter says.
	k := p.provider.App.ExternalStakingKeeper
	require.NoError(t, k.ApplyInfraction(p.provider.Context(), pairingID, "valD", keeper.Infraction{
		Height: 40, Time: time.Unix(40, 0).UTC(), DoubleSign: true}))
	require.Equal(t, []string{"900", "1000", "1000", "900", "1000", "1000"}, p.tokensOf(sixVals...))
	require.Equal(t, types.PAIRING_STATUS_ACTIVE, p.getPairing().Status)
	// Its queued report, reached in the third period, takes nothing more.
	p.jump(meterPeriod)
	p.jump(meterPeriod)
	require.Equal(t, []string{"900", "900", "900", "900", "1000", "1000"}, p.tokensOf(sixVals...))
	p.jump(meterPeriod)
	require.Equal(t, []string{"900", "900", "900", "900", "900", "1000"}, p.tokensOf(sixVals...))
	p.jump(meterPeriod)
	require.Equal(t, []string{"900", "900", "900", "900", "900", "900"}, p.tokensOf(sixVals...))
}

func TestClosingDiscardsQueuedReports(t *testing.T) {
	p, ch := sixStakers(t)
	p.guardParams("0.03", "0")
	pk := everyValidatorSlashed(sixVals...)
	// A report for a validator never announced counts as suspect.
	pk.Slashed = append(pk.Slashed, ibcproto.ValidatorSlashInfo{Address: "valZ", InfractionHeight: 40,
		InfractionTime: 40, Power: 1, SlashAmount: ibcproto.NewCoin("uprov", ints(700)), SlashRatio: "0.1"})
	p.send(ch, pk)
	g := p.guard()
	require.Equal(t, "700", g.Suspect.String())
	require.Equal(t, []uint64{0, 6}, []uint64{g.Head, g.Tail})
	require.NoError(t, p.provider.App.ExternalStakingKeeper.ClosePairing(p.provider.Context(), pairingID, "lying consumer"))
	g = p.guard()
	require.Equal(t, []uint64{6, 6}, []uint64{g.Head, g.Tail})
	require.Equal(t, "0", g.Queued.String())
	p.jump(meterPeriod)
	require.Equal(t, []string{"900", "1000", "1000", "1000", "1000", "1000"}, p.tokensOf(sixVals...))
}

func TestVerifiedEvidenceAppliesOutsideTheMeterOnce(t *testing.T) {
	e := newEvidenceEnv(t)
	var vals []string
	for _, v := range e.consumer.Validators[1:] {
		vals = append(vals, v.ValAddress().String())
	}
	vals = append(vals, e.name)
	for i, v := range vals {
		require.NoError(t, e.bondAndStake(e.provider.Accounts[i], 1_000, 1_000, v))
		require.NoError(t, e.link.RelayAll())
	}
	e.guardParams("0.03", "0")
	e.send(e.ch, everyValidatorSlashed(vals...))
	n := len(vals)
	first := append([]string{"900"}, repeat("1000", n-1)...)
	require.Equal(t, first, e.tokensOf(vals...))
	require.Equal(t, uint64(n-1), e.guard().Tail)

	// The cheat's report waits last in the queue; its proven double-sign applies at once.
	submitter := e.provider.Accounts[n]
	voteA, voteB, header := e.doubleSign()
	_, _, err := e.provider.DeliverTx(submitter, e.msg(submitter, voteA, voteB, header))
	require.NoError(t, err)
	first[n-1] = "900"
	require.Equal(t, first, e.tokensOf(vals...))

	// The queue drains one report per period; the cheat's own report then takes nothing more.
	for i := 1; i < n-1; i++ {
		e.jump(meterPeriod)
		want := append(repeat("900", i+1), repeat("1000", n-i-2)...)
		require.Equal(t, append(want, "900"), e.tokensOf(vals...), "period %d", i+1)
	}
	e.jump(meterPeriod)
	g := e.guard()
	require.Equal(t, []uint64{uint64(n - 1), uint64(n - 1)}, []uint64{g.Head, g.Tail})
	require.Equal(t, repeat("900", n), e.tokensOf(vals...))
	v := e.validator(e.name)
	require.Equal(t, uint64(1), v.SlashCount, "the double-sign slashed once")
}

// repeat is n copies of s.
func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}
