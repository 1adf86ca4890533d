package keeper_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// Failures read in the user's terms: what they asked, what they have, what to do; no source
// file positions and no internal names.
func TestFailuresReadInUserTerms(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	nobody, u := user(1), user(2)

	_, err := f.Msg.Unbond(f.Ctx, &types.MsgUnbond{Owner: nobody.String(), Amount: vtu.Coin(5)})
	require.ErrorIs(t, err, types.ErrInvalidAmount)
	require.EqualError(t, err,
		"you asked to unbond 5umesh but your collateral is 0umesh; unbond at most what you bonded: invalid amount")

	bonded(t, f, u, 300)
	stakeLocal(t, f, u, 100)
	stakeRemote(t, f, u, c1, 150)
	_, err = f.Msg.Unbond(f.Ctx, &types.MsgUnbond{Owner: u.String(), Amount: vtu.Coin(151)})
	require.EqualError(t, err, "you asked to unbond 151umesh but only 150umesh of your 300umesh collateral is free; "+
		"unstake or release liens first: collateral is locked by liens")

	_, err = f.Msg.StakeLocal(f.Ctx, &types.MsgStakeLocal{Owner: u.String(), Amount: vtu.Coin(201), Validator: "val"})
	require.ErrorIs(t, err, types.ErrInsufficientCollateral)
	require.EqualError(t, err, "you asked to stake 201umesh with local but your collateral is 300umesh, of which "+
		"150umesh is free; bond more or stake less: insufficient collateral for lien")

	f.Virtual.Refuse = errorsmod.Wrap(lienholder.ErrLienRefused, "validator val is not active")
	_, err = f.Msg.StakeRemote(f.Ctx, &types.MsgStakeRemote{Owner: u.String(), Holder: c2.String(), Amount: vtu.Coin(1), Validator: "val"})
	require.ErrorIs(t, err, lienholder.ErrLienRefused)
	require.NotContains(t, err.Error(), ".go:")
	require.NotContains(t, err.Error(), "[")
	require.Contains(t, err.Error(), "external/c2: validator val is not active")
}
