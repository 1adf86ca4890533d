package scenarios_test

import (
	"fmt"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	"github.com/stretchr/testify/require"

	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// doubleSignEvidence has the consumer's i-th validator sign two conflicting precommits for the
// consumer's next block, which x/evidence never sees, and returns the provider's evidence Msg:
// the votes and the block's light-client header, trusted from the provider client's latest
// consensus state of the consumer. It returns the infraction height too.
func (m *mesh) doubleSignEvidence(i int, submitter testutil.Account) (*exttypes.MsgSubmitConsumerDoubleSign, int64) {
	m.t.Helper()
	state, ok := m.provider.App.IBCKeeper.ClientKeeper.GetClientState(m.provider.Context(), m.link.EndA.ClientID)
	require.True(m.t, ok)
	trusted := state.GetLatestHeight().(clienttypes.Height)
	m.consumer.NextBlock()
	h := m.consumer.Height()
	a, b, err := m.consumer.SignConflictingVotes(m.consumer.Validators[i], h)
	require.NoError(m.t, err)
	header, err := m.consumer.HeaderAt(h, trusted)
	require.NoError(m.t, err)
	voteA, err := a.ToProto().Marshal()
	require.NoError(m.t, err)
	voteB, err := b.ToProto().Marshal()
	require.NoError(m.t, err)
	hbz, err := header.Marshal()
	require.NoError(m.t, err)
	return &exttypes.MsgSubmitConsumerDoubleSign{Submitter: submitter.String(), PairingId: extPair,
		Validator: m.cval(i), VoteA: voteA, VoteB: voteB, Header: hbz}, h
}

// slashRecord writes what slashes did to a validator on the provider.
func slashRecord(v exttypes.Validator) string {
	return fmt.Sprintf("slashes %d at %d, shares %s, tokens %s", v.SlashCount, v.TombstoneHeight, v.Shares, v.Tokens)
}

// TestDoubleSignEvidenceOnTheProvider proves a consumer validator's double sign to the provider
// while the consumer's x/evidence never sees it: the provider slashes the cross-stake on it once
// at the pairing's double-sign ratio. When the consumer later punishes the same infraction and
// reports it, the provider slashes nothing more, and the consumer's next epoch hands the stake on
// the tombstoned validator back to the provider, which releases it at once.
func TestDoubleSignEvidenceOnTheProvider(t *testing.T) {
	m := newMesh(t)
	u, w, submitter := m.provider.Accounts[0], m.provider.Accounts[1], m.provider.Accounts[3]
	cheat := m.cval(0)
	m.deliver(m.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 10_000)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeLocal{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 3_000), Validator: m.pval(0)})
	m.deliver(m.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 4_000), Validator: cheat})
	m.deliver(m.provider, w, &vaulttypes.MsgBond{Owner: w.String(), Amount: sdk.NewInt64Coin(provDenom, 5_000)})
	m.deliver(m.provider, w, &vaulttypes.MsgStakeLocal{Owner: w.String(), Amount: sdk.NewInt64Coin(provDenom, 5_000), Validator: m.pval(0)})
	m.deliver(m.provider, w, &vaulttypes.MsgStakeRemote{Owner: w.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 5_000), Validator: cheat})
	m.relay()
	m.epoch()
	require.Equal(t, "4050", m.virtualSupply().Minted.String(), "1,800 + 2,250 virtual stake")

	msg, height := m.doubleSignEvidence(0, submitter)
	m.deliver(m.provider, submitter, msg)
	m.relay()
	// 10% of the 9,000 cross-staked on the validator: 400 of u's 4,000, 500 of w's 5,000
	view := m.providerView(cheat)
	require.Equal(t, exttypes.VALIDATOR_STATUS_TOMBSTONED, view.Status)
	slashed := fmt.Sprintf("slashes 1 at %d, shares 9000, tokens 8100", height)
	require.Equal(t, slashed, slashRecord(view.Validator))
	requireEvidenceFigures := func() {
		t.Helper()
		require.Equal(t, "3600-3600 4500-4500", m.stake(u, cheat)+" "+m.stake(w, cheat))
		acc := m.account(u)
		require.Equal(t, "9600", acc.Collateral.String())
		require.Equal(t, "3600-3600", span(acc.MaxLien))
		require.Equal(t, "510-510", span(acc.TotalSlashable), "5% of 3,000 + 10% of 3,600")
		require.Equal(t, "6000-6000", span(acc.Free))
		// w had no free collateral: the local lien is cut to the 4,500 left
		acc = m.account(w)
		require.Equal(t, "4500", acc.Collateral.String())
		require.Equal(t, "4500-4500", span(acc.MaxLien))
		require.Equal(t, "675-675", span(acc.TotalSlashable), "5% of 4,500 + 10% of 4,500")
		require.Equal(t, "0-0", span(acc.Free))
	}
	requireEvidenceFigures()
	// the consumer knows nothing: its validator is bonded, its virtual stake whole
	cons, err := m.consumer.App.StakingKeeper.GetValidator(m.consumer.Context(), m.consumer.Validators[0].ValAddress())
	require.NoError(t, err)
	require.False(t, cons.Jailed)
	require.Equal(t, testutil.DefaultValidatorStake.Add(ints(4_050)).String(), cons.Tokens.String())
	m.check(ints(900), ints(0))

	// x/evidence on the consumer punishes the same double sign, at the same height; its report
	// changes nothing here
	require.Equal(t, height, m.consumer.Height(), "the infraction height is the last committed one")
	require.NoError(t, m.consumer.InjectDoubleSign(m.consumer.Validators[0]))
	m.consumer.NextBlock()
	m.relay()
	m.epoch()
	m.epoch()
	require.True(t, m.consumer.App.SlashingKeeper.IsTombstoned(m.consumer.Context(), m.consumer.Validators[0].ConsAddress()))
	view = m.providerView(cheat)
	require.Equal(t, exttypes.VALIDATOR_STATUS_TOMBSTONED, view.Status)
	// no second slash; and once the report was acknowledged, the next epoch ended the requests on
	// the tombstoned validator with an internal_unstake each, which released what the users had left
	// there at once
	require.Equal(t, fmt.Sprintf("slashes 1 at %d, shares 0, tokens 0", height), slashRecord(view.Validator))
	require.Equal(t, "0-0 0-0", m.stake(u, cheat)+" "+m.stake(w, cheat))
	require.Equal(t, []string{"3600"}, m.unbonding(u, cheat))
	require.Equal(t, []string{"4500"}, m.unbonding(w, cheat))
	for _, a := range []testutil.Account{u, w} {
		m.deliver(m.provider, a, &exttypes.MsgWithdrawUnbonded{Owner: a.String(), PairingId: extPair})
	}
	acc := m.account(u)
	require.Equal(t, "9600 3000-3000 6600-6600", acc.Collateral.String()+" "+span(acc.MaxLien)+" "+span(acc.Free))
	acc = m.account(w)
	require.Equal(t, "4500 4500-4500 0-0", acc.Collateral.String()+" "+span(acc.MaxLien)+" "+span(acc.Free))
	// x/staking burned 5% of the validator's 100 power (10^6 tokens each), 202.5 of it virtual
	vs := m.virtualSupply()
	require.Equal(t, "203", vs.Slashed.String())
	m.check(ints(900), ints(5_000_000).Sub(vs.Slashed))
}
