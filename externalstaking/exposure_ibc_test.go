package externalstaking_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
)

// exposureFigures is (cross-stake, one infraction, all at once) of an exposure.
func exposureFigures(e types.QueryExposureResponse) []string {
	return []string{e.CrossStake.String(), e.OneInfraction.String(), e.AllAtOnce.String()}
}

func (p *pair) pairingExposure() []string {
	res, err := keeper.NewQueryServerImpl(p.provider.App.ExternalStakingKeeper).PairingExposure(p.provider.Context(),
		&types.QueryPairingExposureRequest{PairingId: pairingID})
	require.NoError(p.t, err)
	return exposureFigures(*res)
}

func (p *pair) validatorExposure(val string) []string {
	res, err := keeper.NewQueryServerImpl(p.provider.App.ExternalStakingKeeper).ValidatorExposure(p.provider.Context(),
		&types.QueryValidatorExposureRequest{PairingId: pairingID, Validator: val})
	require.NoError(p.t, err)
	return exposureFigures(*res)
}

func (p *pair) userExposure(u testutil.Account) ([]string, string) {
	res, err := keeper.NewQueryServerImpl(p.provider.App.ExternalStakingKeeper).UserExposure(p.provider.Context(),
		&types.QueryUserExposureRequest{PairingId: pairingID, Owner: u.String()})
	require.NoError(p.t, err)
	return exposureFigures(res.Pairing), res.WorstCase.String()
}

func TestExposureQueriesAgreeWithARealSlash(t *testing.T) {
	p := newPairWith(t, 2)
	ch := p.open()
	p.activate(ch, 1, "valA", "valB")
	a, b := p.provider.Accounts[0], p.provider.Accounts[1]
	require.NoError(t, p.bondAndStake(a, 1_000, 333, "valA"))
	require.NoError(t, p.link.RelayAll())
	require.NoError(t, p.stakeMore(a, 257, "valB"))
	require.NoError(t, p.link.RelayAll())
	require.NoError(t, p.bondAndStake(b, 1_000, 501, "valA"))
	require.NoError(t, p.link.RelayAll())

	// What a stake adds before it is made, and the vault's worst case once it is.
	q := keeper.NewQueryServerImpl(p.provider.App.ExternalStakingKeeper)
	add, err := q.StakeExposure(p.provider.Context(), &types.QueryStakeExposureRequest{PairingId: pairingID, Owner: a.String(), Amount: "100"})
	require.NoError(t, err)
	require.Equal(t, []string{"10", "59", "69"}, []string{add.Adds.String(), add.WorstCaseBefore.String(), add.WorstCaseAfter.String()})
	require.NoError(t, p.stakeMore(a, 100, "valB"))
	require.NoError(t, p.link.RelayAll())
	_, worst := p.userExposure(a)
	require.Equal(t, "69", worst)
	_, err = q.StakeExposure(p.provider.Context(), &types.QueryStakeExposureRequest{PairingId: pairingID, Owner: a.String(), Amount: "-1"})
	require.ErrorIs(t, err, types.ErrInvalidAmount)

	// valA holds 834 and valB 357; a double-sign takes 10%, rounded down.
	require.Equal(t, []string{"1191", "83", "118"}, p.pairingExposure())
	require.Equal(t, []string{"834", "83", "83"}, p.validatorExposure("valA"))
	require.Equal(t, []string{"357", "35", "35"}, p.validatorExposure("valB"))
	// a's 333 on valA lose 34 at valA's share price (333 x 751 / 834 = 299), and 35 of 357.
	ua, _ := p.userExposure(a)
	require.Equal(t, []string{"690", "35", "69"}, ua)
	ub, _ := p.userExposure(b)
	require.Equal(t, []string{"501", "50", "50"}, ub)

	p.send(ch, everyValidatorSlashed("valA", "valB"))
	require.Equal(t, []string{"751", "322"}, p.tokensOf("valA", "valB"))
	p.settle(a, b)
	require.Equal(t, "931", p.collateral(a))
	require.Equal(t, "950", p.collateral(b))
}
