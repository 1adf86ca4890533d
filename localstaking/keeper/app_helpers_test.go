package keeper_test

import (
	"cosmossdk.io/collections"
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

const denom = "uprov"

// env is a meshapp provider chain driven block by block, with helpers to read the figures the
// tests assert.
type env struct {
	t     *testing.T
	net   *testutil.Network
	chain *testutil.Chain
}

func newEnv(t *testing.T, modifiers ...testutil.GenesisModifier) *env {
	net := testutil.NewNetwork(t)
	chain := net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: denom, GenesisModifiers: modifiers})
	return &env{t: t, net: net, chain: chain}
}

func coin(v int64) sdk.Coin { return sdk.NewInt64Coin(denom, v) }

func (e *env) deliver(signer testutil.Account, msgs ...sdk.Msg) error {
	_, _, err := e.chain.DeliverTx(signer, msgs...)
	return err
}

func (e *env) balance(addr sdk.AccAddress) sdkmath.Int {
	return e.chain.App.BankKeeper.GetBalance(e.chain.Context(), addr, denom).Amount
}

func (e *env) vaultAccount(owner sdk.AccAddress) *vaulttypes.QueryAccountResponse {
	res, err := vaultkeeper.NewQueryServerImpl(e.chain.App.VaultKeeper).Account(e.chain.Context(),
		&vaulttypes.QueryAccountRequest{Address: owner.String()})
	require.NoError(e.t, err)
	return res
}

func (e *env) lent() sdkmath.Int {
	res, err := vaultkeeper.NewQueryServerImpl(e.chain.App.VaultKeeper).Lent(e.chain.Context(), &vaulttypes.QueryLentRequest{})
	require.NoError(e.t, err)
	for _, h := range res.Lent {
		if h.Holder == "local" {
			return h.Amount
		}
	}
	return sdkmath.ZeroInt()
}

func (e *env) account(owner sdk.AccAddress) sdk.AccAddress {
	acc, err := e.chain.App.LocalStakingKeeper.AccountOf(e.chain.Context(), owner)
	require.NoError(e.t, err)
	return acc
}

// delegationWorth is what x/staking would pay out for the account's delegation with val.
func (e *env) delegationWorth(account sdk.AccAddress, val sdk.ValAddress) sdkmath.Int {
	ctx := e.chain.Context()
	del, err := e.chain.App.StakingKeeper.GetDelegation(ctx, account, val)
	if err != nil {
		return sdkmath.ZeroInt()
	}
	v, err := e.chain.App.StakingKeeper.GetValidator(ctx, val)
	require.NoError(e.t, err)
	return v.TokensFromShares(del.Shares).TruncateInt()
}

func (e *env) checkInvariants() {
	e.t.Helper()
	require.NoError(e.t, e.chain.App.LocalStakingKeeper.CheckInvariants(e.chain.Context(),
		vaultkeeper.NewQueryServerImpl(e.chain.App.VaultKeeper)))
	require.NoError(e.t, e.chain.App.VaultKeeper.CheckInvariants(e.chain.Context()))
}

// stakeLocal bonds collateral and stakes part of it locally with val.
func (e *env) stakeLocal(user testutil.Account, collateral, stake int64, val sdk.ValAddress) {
	e.t.Helper()
	require.NoError(e.t, e.deliver(user, &vaulttypes.MsgBond{Owner: user.String(), Amount: coin(collateral)}))
	require.NoError(e.t, e.deliver(user, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(stake), Validator: val.String()}))
}

// requireCode asserts err is the registered local staking error want.
func requireCode(t *testing.T, err error, want uint32) {
	t.Helper()
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr)
	require.Equal(t, types.ModuleName, txErr.Codespace, txErr.Error())
	require.Equal(t, want, txErr.Code, txErr.Error())
}

// entryDebt is the burn debt recorded on the user's unbonding entries with val.
func (e *env) entryDebt(owner sdk.AccAddress, val sdk.ValAddress) sdkmath.Int {
	total := sdkmath.ZeroInt()
	rng := collections.NewSuperPrefixedTripleRange[sdk.AccAddress, sdk.ValAddress, int64](owner, val)
	err := e.chain.App.LocalStakingKeeper.Unbondings.Walk(e.chain.Context(), rng,
		func(_ collections.Triple[sdk.AccAddress, sdk.ValAddress, int64], u types.Unbonding) (bool, error) {
			if !u.BurnDebt.IsNil() {
				total = total.Add(u.BurnDebt)
			}
			return false, nil
		})
	require.NoError(e.t, err)
	return total
}
