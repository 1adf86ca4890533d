package keeper_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
)

// Failures read in the user's terms (what they asked, what they have, what to do), with no
// source file positions, through a real transaction's log.
func TestFailuresReadInUserTerms(t *testing.T) {
	e := newEnv(t)
	owner := e.chain.Accounts[0]
	val, other := e.chain.Validators[0].ValAddress(), e.chain.Validators[1].ValAddress()
	e.stakeLocal(owner, 1_000_000, 500_000, val)
	denom := coin(1).Denom

	txLog := func(err error) string {
		t.Helper()
		var txErr *testutil.TxError
		require.ErrorAs(t, err, &txErr)
		require.NotContains(t, txErr.Log, ".go:")
		return strings.TrimPrefix(txErr.Log, "failed to execute message; message index: 0: ")
	}
	require.Equal(t, "you asked to unstake 500001"+denom+" from "+val.String()+" but only 500000"+denom+
		" of your stake there is not already unbonding: insufficient stake",
		txLog(e.deliver(owner, &types.MsgUnstake{Owner: owner.String(), Validator: val.String(), Amount: coin(500_001)})))
	require.Equal(t, "you have no local stake with "+other.String()+": no stake with this validator",
		txLog(e.deliver(owner, &types.MsgUnstake{Owner: owner.String(), Validator: other.String(), Amount: coin(1)})))
	require.Equal(t, "you asked to redelegate 500001"+denom+" from "+val.String()+" but only 500000"+denom+
		" of your stake there is not already unbonding: insufficient stake",
		txLog(e.deliver(owner, &types.MsgRedelegate{Owner: owner.String(), SrcValidator: val.String(),
			DstValidator: other.String(), Amount: coin(500_001)})))
	require.Equal(t, "none of "+owner.String()+"'s local stake has finished unbonding; release it after the "+
		"unbonding period: nothing matured to release",
		txLog(e.deliver(owner, &types.MsgReleaseUnbonded{Owner: owner.String()})))
}
