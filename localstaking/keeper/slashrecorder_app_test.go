package keeper_test

import (
	"testing"

	"cosmossdk.io/core/store"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/localstaking/types"
)

// TestSlashOnlyOfUnbondingEntriesIsSettled: a user unstakes all 300,000,000 of a stake before the
// validator is proven to have double-signed earlier. x/staking's 5% slash falls only on the
// unbonding entry (the validator's own tokens no longer pay any of it, so x/staking calls no
// BeforeValidatorSlashed hook); the slash recorder x/slashing slashes through saw it, so the
// vault settles the 15,000,000 loss in the next blocks.
func TestSlashOnlyOfUnbondingEntriesIsSettled(t *testing.T) {
	e := newEnv(t, noInflation, doubleSignFraction(fivePercent))
	user := e.chain.Accounts[0]
	v0 := e.chain.Validators[0]
	val := v0.ValAddress()
	before := e.now()
	e.chain.NextBlock()
	e.stakeLocal(user, 300_000_000, 300_000_000, val)
	e.unstakeAll(user, val.String(), 300_000_000)
	e.chain.NextBlocks(2)
	e.doubleSign(v0, before)
	e.chain.NextBlocks(3)
	ubd, err := e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), e.account(user.Address), val)
	require.NoError(t, err)
	require.Equal(t, int64(285_000_000), ubd.Entries[0].Balance.Int64(), "x/staking slashed the entry by 5%")
	acct := e.vaultAccount(user.Address)
	require.Equal(t, int64(285_000_000), acct.Collateral.Int64(), "the vault settled the 15,000,000 loss")
	require.Equal(t, int64(285_000_000), e.lent().Int64())
	e.checkInvariants()
}

// TestKeeperRefusesVaultWithoutSlashRecorder: a local staking keeper no slash recorder is bound to
// would miss slashes, so registering it with the vault fails with ErrNotWired and a message
// naming what to wire; a nil recorder and a recorder bound to another keeper are refused too.
func TestKeeperRefusesVaultWithoutSlashRecorder(t *testing.T) {
	e := newEnv(t)
	same := func(s store.KVStoreService) store.KVStoreService { return s }
	unwired := e.secondKeeper(same)
	err := unwired.RegisterWithVault(e.chain.App.VaultKeeper)
	require.ErrorIs(t, err, types.ErrNotWired)
	require.ErrorContains(t, err, "NewSlashRecorder")
	require.ErrorContains(t, err, "WatchSlashes")
	_, err = unwired.Vault()
	require.ErrorIs(t, err, types.ErrNoVault, "nothing was registered")

	require.ErrorIs(t, unwired.WatchSlashes(nil), types.ErrNotWired)
	recorder := keeper.NewSlashRecorder(e.chain.App.StakingKeeper)
	require.NoError(t, unwired.WatchSlashes(recorder))
	require.NoError(t, unwired.WatchSlashes(recorder), "binding the same keeper again is harmless")
	require.ErrorIs(t, e.secondKeeper(same).WatchSlashes(recorder), types.ErrNotWired)
}
