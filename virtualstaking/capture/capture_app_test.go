package capture_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/virtualstaking/capture"
)

// TestGenesisValidatorsReportedWithinTheBound: the four genesis validators bond in InitChain;
// their additions, with each raw 32-byte ed25519 consensus key, reach the reporter one per block
// under a bound of one.
func TestGenesisValidatorsReportedWithinTheBound(t *testing.T) {
	e := newEnv(t, 1)
	require.Len(t, e.reporter.changes, 1, "block 1 delivers one event")
	e.next()
	e.next()
	e.next()
	e.next()
	require.Len(t, e.reporter.changes, 4)
	keys := map[string][]byte{}
	for i, c := range e.reporter.changes {
		require.Equal(t, int64(i+1), c.height, "one per block")
		require.Equal(t, convertertypes.ValidatorAdded, c.value.Kind)
		keys[c.value.Valoper] = c.value.ConsensusPubKey
	}
	for _, v := range e.chain.Validators {
		require.Len(t, keys[v.ValAddress().String()], 32)
		require.Equal(t, v.ConsPubKey.Bytes(), keys[v.ValAddress().String()])
	}
	pending, err := e.keeper.PendingEvents(e.chain.Context(), 10)
	require.NoError(t, err)
	require.Empty(t, pending)
}

// TestDowntimeSlashJailAndUnjail: a validator misses blocks until x/slashing slashes and jails
// it. The slash is reported per pairing at the infraction height (the distribution height plus
// the validator update delay), with the block time of that height, the power x/slashing used,
// the nominal downtime fraction and exactly the value each pairing lost; an unbonding entry
// created before the infraction is not slashed. Jail, removal, unjail and re-addition follow.
func TestDowntimeSlashJailAndUnjail(t *testing.T) {
	e := newEnv(t, 100)
	v := e.chain.Validators[1]
	val := v.ValAddress()
	p1, p2 := e.chain.Accounts[0], e.chain.Accounts[1]
	e.stake.pairings = []pairing{{"p1", p1.Address}, {"p2", p2.Address}}
	e.delegate(p1, val, 40_000_000)
	e.delegate(p2, val, 20_000_000)
	e.undelegate(p1, val, 5_000_000)
	e.next()
	e.next()
	e.reporter.reset()
	require.Equal(t, int64(40_000_000), e.value(p1.Address, val).Int64(), "35M delegated plus a 5M entry")

	e.chain.SetAbsent(v)
	jailedAt := int64(0)
	for i := 0; i < 40 && jailedAt == 0; i++ {
		e.next()
		if e.validator(val).Jailed {
			jailedAt = e.chain.Height()
		}
	}
	require.NotZero(t, jailedAt, "downtime jailed the validator")

	// 155M tokens: power 155; 1% of 155M is 1,550,000, all from the validator's tokens (the entry
	// predates the infraction), so every delegation loses exactly 1%.
	require.Equal(t, []string{"slash:p1", "slash:p2", "jailed", "removed"}, e.reporter.order)
	want := convertertypes.VirtualSlash{
		Valoper:          val.String(),
		InfractionHeight: jailedAt - 1,
		InfractionTime:   e.times[jailedAt-1].UTC(),
		Power:            155,
		SlashRatio:       math.LegacyNewDecWithPrec(1, 2),
		LocalAmount:      math.NewInt(350_000),
	}
	require.Equal(t, jailedAt, e.reporter.slashes[0].height)
	requireSlash(t, "p1", want, e.reporter.slashes[0].value)
	want.LocalAmount = math.NewInt(200_000)
	requireSlash(t, "p2", want, e.reporter.slashes[1].value)
	require.Equal(t, int64(39_650_000), e.value(p1.Address, val).Int64(), "34,650,000 delegated plus the whole entry")
	require.Equal(t, map[string]math.Int{"p1": math.NewInt(350_000), "p2": math.NewInt(200_000)}, e.stake.slashed,
		"slashed supply booked with virtual staking in the same block")
	require.Equal(t, val.String(), e.reporter.changes[0].value.Valoper)
	state, found, err := e.keeper.ValidatorState(e.chain.Context(), val)
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, capture.ValidatorState{Status: capture.StatusUnbonding, Height: jailedAt}, state)

	e.chain.SetPresent(v)
	require.NoError(t, e.net.AdvanceTime(11*time.Minute))
	e.reporter.reset()
	e.deliver(v.Operator, &slashingtypes.MsgUnjail{ValidatorAddr: val.String()})
	require.Equal(t, []string{"unjailed", "added"}, e.reporter.order)
	require.Equal(t, v.ConsPubKey.Bytes(), e.reporter.changes[1].value.ConsensusPubKey)
	require.Equal(t, e.chain.Height(), e.reporter.changes[1].height)
}

// TestDoubleSignSlashesEntriesAndTombstones: evidence of a double sign at an older height slashes
// the delegations and the unbonding entry created after the infraction; the slash reports the
// misbehaviour's height and time, the power at that height, the nominal 5%, exactly the value
// each pairing lost (entry included) and the tombstone, which the end-blocker detects.
func TestDoubleSignSlashesEntriesAndTombstones(t *testing.T) {
	e := newEnv(t, 100)
	v := e.chain.Validators[2]
	val := v.ValAddress()
	p1, p2 := e.chain.Accounts[0], e.chain.Accounts[1]
	e.stake.pairings = []pairing{{"p1", p1.Address}, {"p2", p2.Address}}
	e.delegate(p1, val, 40_000_000)
	e.delegate(p2, val, 20_000_000)
	e.next()
	e.next()
	infraction := e.chain.Height()
	set, err := e.chain.ValidatorSet(infraction)
	require.NoError(t, err)
	_, signer := set.GetByAddress(v.ConsPubKey.Address())
	require.Equal(t, int64(160), signer.VotingPower)
	e.next()
	e.undelegate(p1, val, 10_000_000)
	e.next()
	e.reporter.reset()

	e.chain.InjectMisbehaviour(abci.Misbehavior{
		Type:             abci.MisbehaviorType_DUPLICATE_VOTE,
		Validator:        abci.Validator{Address: signer.Address, Power: signer.VotingPower},
		Height:           infraction,
		Time:             e.times[infraction],
		TotalVotingPower: set.TotalVotingPower(),
	})
	e.next()

	// 5% of power 160 is 8,000,000: 500,000 from p1's 10M entry (created after the infraction),
	// 7,500,000 from the validator's 150M tokens (5%): p1's 30M delegation loses 1,500,000, p2's
	// 20M loses 1,000,000.
	require.Equal(t, []string{"slash:p1", "slash:p2", "jailed", "removed", "tombstoned"}, e.reporter.order)
	want := convertertypes.VirtualSlash{
		Valoper:          val.String(),
		InfractionHeight: infraction,
		InfractionTime:   e.times[infraction].UTC(),
		Power:            160,
		SlashRatio:       math.LegacyNewDecWithPrec(5, 2),
		LocalAmount:      math.NewInt(2_000_000),
		Tombstoned:       true,
	}
	requireSlash(t, "p1", want, e.reporter.slashes[0].value)
	want.LocalAmount = math.NewInt(1_000_000)
	requireSlash(t, "p2", want, e.reporter.slashes[1].value)
	require.Equal(t, map[string]math.Int{"p1": math.NewInt(2_000_000), "p2": math.NewInt(1_000_000)}, e.stake.slashed)
	ubd, err := e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), p1.Address, val)
	require.NoError(t, err)
	require.Equal(t, int64(9_500_000), ubd.Entries[0].Balance.Int64())
	require.Equal(t, int64(95_000_000), e.validator(val).TokensFromShares(math.LegacyNewDec(100_000_000)).TruncateInt().Int64(),
		"the operator's own 100M lost exactly 5%")
	require.True(t, e.chain.App.SlashingKeeper.IsTombstoned(e.chain.Context(), v.ConsAddress()))
	for _, c := range e.reporter.changes {
		require.Equal(t, val.String(), c.value.Valoper)
		require.Equal(t, e.chain.Height(), c.height)
	}
}

// TestCreatedValidatorAddedThenRemoved: a validator created after genesis is reported with its
// consensus key when it bonds; when its operator withdraws the whole self-delegation x/staking
// jails it itself and it leaves the set; once its unbonding completes with no shares left x/staking
// deletes it and the hooks forget it.
func TestCreatedValidatorAddedThenRemoved(t *testing.T) {
	e := newEnv(t, 100)
	operator := e.chain.Accounts[2]
	pv := cmtMockPV()
	require.NoError(t, e.chain.AddConsensusSigner(pv))
	pub := sdkPubKey(t, pv)
	val := valAddress(operator)
	msg, err := stakingtypes.NewMsgCreateValidator(val.String(), pub, e.coin(50_000_000),
		stakingtypes.NewDescription("new", "", "", "", ""),
		stakingtypes.NewCommissionRates(math.LegacyNewDecWithPrec(1, 1), math.LegacyOneDec(), math.LegacyZeroDec()),
		math.OneInt())
	require.NoError(t, err)
	e.next()
	e.reporter.reset()
	e.deliver(operator, msg)
	require.Equal(t, []string{"added"}, e.reporter.order)
	require.Equal(t, val.String(), e.reporter.changes[0].value.Valoper)
	require.Equal(t, pub.Bytes(), e.reporter.changes[0].value.ConsensusPubKey)
	e.next()
	e.next()

	e.reporter.reset()
	e.undelegate(operator, val, 50_000_000)
	require.Equal(t, []string{"removed"}, e.reporter.order)
	state, _, err := e.keeper.ValidatorState(e.chain.Context(), val)
	require.NoError(t, err)
	require.Equal(t, capture.StatusUnbonding, state.Status)

	// Two blocks first, so the validator has signed its last block before its unbonding ends.
	e.next()
	e.next()
	e.reporter.reset()
	require.NoError(t, e.net.AdvanceTime(11*time.Minute))
	e.next()
	_, err = e.chain.App.StakingKeeper.GetValidator(e.chain.Context(), val)
	require.ErrorIs(t, err, stakingtypes.ErrNoValidatorFound)
	_, found, err := e.keeper.ValidatorState(e.chain.Context(), val)
	require.NoError(t, err)
	require.False(t, found, "the deleted validator's record went with it")
	require.Empty(t, e.reporter.order, "removal of an unbonded validator reports nothing new")
}

func requireSlash(t *testing.T, pairing string, want convertertypes.VirtualSlash, got pairingSlash) {
	t.Helper()
	require.Equal(t, pairing, got.pairing)
	require.Equal(t, want.Valoper, got.slash.Valoper)
	require.Equal(t, want.InfractionHeight, got.slash.InfractionHeight)
	require.True(t, want.InfractionTime.Equal(got.slash.InfractionTime), "infraction time %s, want %s", got.slash.InfractionTime, want.InfractionTime)
	require.Equal(t, want.Power, got.slash.Power)
	require.True(t, want.SlashRatio.Equal(got.slash.SlashRatio), "fraction %s, want %s", got.slash.SlashRatio, want.SlashRatio)
	require.Equal(t, want.LocalAmount.String(), got.slash.LocalAmount.String())
	require.Equal(t, want.Tombstoned, got.slash.Tombstoned)
}
