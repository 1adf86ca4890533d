package keeper_test

import (
	"context"
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// testVirtualKind is the kind the test's virtual lien holder registers.
const testVirtualKind = "testvirtual"

// testVirtualHolder is a virtual lien holder whose losses the test sets. It keeps its state in
// Go memory, so the test changes it only right before a block whose settlement commits, and the
// vault mutates it (SlashSettled) only while settling, which the crank commits on success.
type testVirtualHolder struct {
	vault lienholder.Vault
	loss  map[string]sdkmath.Int
}

func newTestVirtualHolder() *testVirtualHolder {
	return &testVirtualHolder{loss: map[string]sdkmath.Int{}}
}

// Custody implements lienholder.LienHolder: no tokens move.
func (h *testVirtualHolder) Custody() lienholder.Custody { return lienholder.Virtual }

// MaxSlash implements lienholder.LienHolder.
func (h *testVirtualHolder) MaxSlash(context.Context, lienholder.HolderID) (sdkmath.LegacyDec, error) {
	return sdkmath.LegacyNewDecWithPrec(1, 1), nil
}

// AcceptLien implements lienholder.LienHolder: the lien is committed at once.
func (h *testVirtualHolder) AcceptLien(ctx context.Context, req lienholder.LienRequest) error {
	return h.vault.CommitLien(ctx, req.Holder.Key, req.TxID)
}

// PendingSlash implements lienholder.LienHolder: the loss the test set.
func (h *testVirtualHolder) PendingSlash(_ context.Context, _ lienholder.HolderID, owner sdk.AccAddress) (sdkmath.Int, error) {
	if l, ok := h.loss[owner.String()]; ok {
		return l, nil
	}
	return sdkmath.ZeroInt(), nil
}

// SlashSettled implements lienholder.LienHolder.
func (h *testVirtualHolder) SlashSettled(ctx context.Context, id lienholder.HolderID, owner sdk.AccAddress, amount sdkmath.Int) error {
	l, err := h.PendingSlash(ctx, id, owner)
	if err != nil {
		return err
	}
	h.loss[owner.String()] = l.Sub(amount)
	return nil
}

// BurnStake implements lienholder.LienHolder; the test's scenario never burns this holder.
func (h *testVirtualHolder) BurnStake(context.Context, lienholder.HolderID, sdk.AccAddress, sdkmath.Int) error {
	return nil
}

// TestPropagatedLossUnbondsAndBurnsLocalStake gives a user's virtual lien a loss the collateral
// cannot absorb, so the vault propagates a burn to the user's local stake. Local staking destroys
// what is still delegated by unbond-and-burn (the bonded pool and the supply drop at once) and
// records the rest, held in an unbonding entry, as a burn debt paid when the entry matures.
func TestPropagatedLossUnbondsAndBurnsLocalStake(t *testing.T) {
	e := newEnv(t, noInflation)
	holder := newTestVirtualHolder()
	handle, err := e.chain.App.VaultKeeper.RegisterHolder(testVirtualKind, holder)
	require.NoError(t, err)
	holder.vault = handle
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	e.stakeLocal(user, 1_000_000, 1_000_000, val)
	account := e.account(user.Address)
	require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(950_000)}))
	for queuedBatchesOf(t, e) > 0 {
		e.chain.NextBlock()
	}
	require.NoError(t, e.deliver(user, &vaulttypes.MsgStakeRemote{Owner: user.String(), Holder: testVirtualKind,
		Amount: coin(1_000_000), Validator: "n/a"}))
	require.Equal(t, int64(50_000), e.delegationWorth(account, val).Int64())
	bondedPool := e.chain.App.AccountKeeper.GetModuleAddress(stakingtypes.BondedPoolName)
	bonded, supply := e.balance(bondedPool), e.supply()

	holder.loss[user.String()] = sdkmath.NewInt(100_000)
	e.chain.NextBlock()
	require.True(t, holder.loss[user.String()].IsZero(), "the crank settled the loss")
	require.True(t, e.delegationWorth(account, val).IsZero(), "the delegation was unbonded and burned")
	_, err = e.chain.App.LocalStakingKeeper.Positions.Get(e.chain.Context(), collections.Join(user.Address, val))
	require.ErrorIs(t, err, collections.ErrNotFound)
	require.Equal(t, bonded.SubRaw(50_000), e.balance(bondedPool), "burned in the bonded pool, no unbonding entry")
	require.Equal(t, supply.SubRaw(50_000), e.supply())
	require.Equal(t, int64(50_000), e.entryDebt(user.Address, val).Int64(), "what only an unbonding entry holds becomes its debt")
	ubd, err := e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), account, val)
	require.NoError(t, err)
	require.Len(t, ubd.Entries, 1)
	require.Equal(t, int64(950_000), ubd.Entries[0].Balance.Int64())
	acct := e.vaultAccount(user.Address)
	require.Equal(t, int64(900_000), acct.Collateral.Int64())
	require.Equal(t, int64(900_000), acct.MaxLien.High.Int64())
	require.Equal(t, int64(900_000), e.lent().Int64(), "lent dropped by the whole propagated burn")
	e.checkInvariants()

	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod))
	e.chain.NextBlock()
	require.Equal(t, int64(950_000), e.balance(account).Int64())
	vaultBalance := e.balance(e.chain.App.AccountKeeper.GetModuleAddress(vaulttypes.ModuleName))
	require.NoError(t, e.deliver(user, &types.MsgReleaseUnbonded{Owner: user.String()}))
	require.True(t, e.balance(account).IsZero())
	require.Equal(t, supply.SubRaw(100_000), e.supply(), "the debt was burned from the matured tokens")
	require.Equal(t, vaultBalance.AddRaw(900_000), e.balance(e.chain.App.AccountKeeper.GetModuleAddress(vaulttypes.ModuleName)))
	_, err = e.chain.App.LocalStakingKeeper.Holdings.Get(e.chain.Context(), user.Address)
	require.ErrorIs(t, err, collections.ErrNotFound, "nothing is left liquid")
	require.True(t, e.entryDebt(user.Address, val).IsZero(), "the debt is paid with its entry")
	acct = e.vaultAccount(user.Address)
	require.Equal(t, int64(900_000), acct.Collateral.Int64())
	require.True(t, e.lent().IsZero())
	e.checkInvariants()
}

// noInflation turns x/mint's inflation off, so the supply changes only by burns.
func noInflation(cdc codec.Codec, state meshapp.GenesisState) error {
	var gs minttypes.GenesisState
	if err := cdc.UnmarshalJSON(state[minttypes.ModuleName], &gs); err != nil {
		return err
	}
	gs.Minter = minttypes.NewMinter(sdkmath.LegacyZeroDec(), sdkmath.LegacyZeroDec())
	gs.Params.InflationMin, gs.Params.InflationMax = sdkmath.LegacyZeroDec(), sdkmath.LegacyZeroDec()
	gs.Params.InflationRateChange = sdkmath.LegacyZeroDec()
	raw, err := cdc.MarshalJSON(&gs)
	state[minttypes.ModuleName] = raw
	return err
}

// supply is the chain's total supply of the bond denom.
func (e *env) supply() sdkmath.Int {
	return e.chain.App.BankKeeper.GetSupply(e.chain.Context(), denom).Amount
}
