package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// fivePercent is the double-sign fraction of the burn debt tests.
var fivePercent = sdkmath.LegacyNewDecWithPrec(5, 2)

// debtEnv is a chain with a test virtual holder registered, inflation off and a 5% double-sign
// fraction.
func debtEnv(t *testing.T) (*env, *testVirtualHolder) {
	e := newEnv(t, noInflation, doubleSignFraction(fivePercent))
	holder := newTestVirtualHolder()
	handle, err := e.chain.App.VaultKeeper.RegisterHolder(testVirtualKind, holder)
	require.NoError(t, err)
	holder.vault = handle
	return e, holder
}

// unstakeAll queues amount of the user's stake with val and produces blocks until x/staking has
// the unbonding entry.
func (e *env) unstakeAll(user testutil.Account, val string, amount int64) {
	e.t.Helper()
	require.NoError(e.t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: val, Amount: coin(amount)}))
	for queuedBatchesOf(e.t, e) > 0 {
		e.chain.NextBlock()
	}
}

// TestSlashOfDebtedEntryFallsOnTheDebtFirst: a 950,000 entry carries a 50,000 debt (a propagated
// loss the vault already wrote off) when x/staking slashes it by 5%. The 2,500 destroyed of the
// debted tokens only shrink the debt; the user loses 5% of the own 900,000 (collateral 855,000),
// and the release burns the 47,500 of debt left, not 50,000.
func TestSlashOfDebtedEntryFallsOnTheDebtFirst(t *testing.T) {
	e, holder := debtEnv(t)
	user := e.chain.Accounts[0]
	v0 := e.chain.Validators[0]
	val := v0.ValAddress()
	e.stakeLocal(user, 1_000_000, 1_000_000, val)
	account := e.account(user.Address)
	before := e.now()
	e.unstakeAll(user, val.String(), 950_000)
	require.NoError(t, e.deliver(user, &vaulttypes.MsgStakeRemote{Owner: user.String(), Holder: testVirtualKind,
		Amount: coin(1_000_000), Validator: "n/a"}))
	holder.loss[user.String()] = sdkmath.NewInt(100_000)
	e.chain.NextBlock()
	require.Equal(t, int64(50_000), e.entryDebt(user.Address, val).Int64())
	require.Equal(t, int64(900_000), e.vaultAccount(user.Address).Collateral.Int64())
	require.Equal(t, int64(900_000), e.lent().Int64())
	e.checkInvariants()

	e.doubleSign(v0, before)
	e.chain.NextBlock()
	ubd, err := e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), account, val)
	require.NoError(t, err)
	require.Equal(t, int64(902_500), ubd.Entries[0].Balance.Int64(), "x/staking slashed the entry by 5%")
	require.Equal(t, int64(47_500), e.entryDebt(user.Address, val).Int64(), "the debt shrank by its 5%")
	acct := e.vaultAccount(user.Address)
	require.Equal(t, int64(855_000), acct.Collateral.Int64(), "5% of the user's own 900,000")
	require.Equal(t, int64(855_000), e.lent().Int64())
	e.checkInvariants()

	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod))
	e.chain.NextBlock()
	require.Equal(t, int64(902_500), e.balance(account).Int64())
	vaultAddr := e.chain.App.AccountKeeper.GetModuleAddress(vaulttypes.ModuleName)
	supply, vaultBalance := e.supply(), e.balance(vaultAddr)
	require.NoError(t, e.deliver(user, &types.MsgReleaseUnbonded{Owner: user.String()}))
	require.Equal(t, supply.SubRaw(47_500), e.supply(), "the release burned the 47,500 of debt left")
	require.Equal(t, vaultBalance.AddRaw(855_000), e.balance(vaultAddr), "and returned the user's 855,000")
	require.True(t, e.balance(account).IsZero())
	require.True(t, e.entryDebt(user.Address, val).IsZero())
	require.Equal(t, int64(855_000), e.vaultAccount(user.Address).Collateral.Int64())
	require.True(t, e.lent().IsZero())
	e.checkInvariants()
}

// TestDebtNeverOutlivesItsEntry: a 1,000,000 entry carries a 960,000 debt when x/staking slashes
// it by 5%. The debt's share (48,000) shrinks the debt, the user loses 2,000 of the own 40,000,
// and the release burns the 912,000 left and returns 38,000: no debt remains to take from a
// later 100,000 stake, which stays whole, and the vault's books stay backed (MsgUnbond works).
func TestDebtNeverOutlivesItsEntry(t *testing.T) {
	e, holder := debtEnv(t)
	user := e.chain.Accounts[0]
	v0, v1 := e.chain.Validators[0], e.chain.Validators[1]
	val := v0.ValAddress()
	e.stakeLocal(user, 1_000_000, 1_000_000, val)
	account := e.account(user.Address)
	before := e.now()
	e.unstakeAll(user, val.String(), 1_000_000)
	require.NoError(t, e.deliver(user, &vaulttypes.MsgStakeRemote{Owner: user.String(), Holder: testVirtualKind,
		Amount: coin(1_000_000), Validator: "n/a"}))
	holder.loss[user.String()] = sdkmath.NewInt(960_000)
	e.chain.NextBlock()
	require.Equal(t, int64(960_000), e.entryDebt(user.Address, val).Int64())
	require.Equal(t, int64(40_000), e.vaultAccount(user.Address).Collateral.Int64())
	require.Equal(t, int64(40_000), e.lent().Int64())
	e.checkInvariants()

	e.doubleSign(v0, before)
	e.chain.NextBlock()
	require.Equal(t, int64(912_000), e.entryDebt(user.Address, val).Int64(), "the debt shrank by its 48,000")
	require.Equal(t, int64(38_000), e.vaultAccount(user.Address).Collateral.Int64(), "5% of the user's own 40,000")
	require.Equal(t, int64(38_000), e.lent().Int64())
	e.checkInvariants()

	require.NoError(t, e.deliver(user, &vaulttypes.MsgBond{Owner: user.String(), Amount: coin(100_000)}))
	require.NoError(t, e.deliver(user, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(100_000),
		Validator: v1.ValAddress().String()}))
	e.checkInvariants()
	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod))
	e.chain.NextBlock()
	supply := e.supply()
	require.NoError(t, e.deliver(user, &types.MsgReleaseUnbonded{Owner: user.String()}))
	require.Equal(t, supply.SubRaw(912_000), e.supply(), "the release burned the whole debt left")
	require.True(t, e.entryDebt(user.Address, val).IsZero(), "no debt outlives the entry")
	require.Equal(t, int64(100_000), e.delegationWorth(account, v1.ValAddress()).Int64(), "the later stake is untouched")
	e.chain.NextBlocks(2)
	require.Equal(t, int64(100_000), e.delegationWorth(account, v1.ValAddress()).Int64())
	acct := e.vaultAccount(user.Address)
	require.Equal(t, int64(138_000), acct.Collateral.Int64())
	require.Equal(t, int64(100_000), e.lent().Int64())
	e.checkInvariants()
	require.NoError(t, e.deliver(user, &vaulttypes.MsgUnbond{Owner: user.String(), Amount: coin(38_000)}))
	e.checkInvariants()
}
