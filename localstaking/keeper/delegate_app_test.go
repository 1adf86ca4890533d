package keeper_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// pools are the balances a local stake moves tokens between (the supply grows by each block's
// mint, so conservation shows as the vault's loss being exactly a pool's gain).
type pools struct {
	vault, bonded, notBonded sdkmath.Int
}

func (e *env) pools() pools {
	ak := e.chain.App.AccountKeeper
	return pools{
		vault:     e.balance(ak.GetModuleAddress(vaulttypes.ModuleName)),
		bonded:    e.balance(ak.GetModuleAddress(stakingtypes.BondedPoolName)),
		notBonded: e.balance(ak.GetModuleAddress(stakingtypes.NotBondedPoolName)),
	}
}

// requireStakingInvariants checks x/staking's own books: each pool holds exactly the tokens of
// the validators (and entries) it backs, and every validator's shares are those of its delegations.
func (e *env) requireStakingInvariants() {
	e.t.Helper()
	for _, inv := range []sdk.Invariant{
		stakingkeeper.ModuleAccountInvariants(e.chain.App.StakingKeeper),
		stakingkeeper.DelegatorSharesInvariant(e.chain.App.StakingKeeper),
	} {
		msg, broken := inv(e.chain.Context())
		require.False(e.t, broken, msg)
	}
}

// delegateEvents returns the delegate events of a transaction's events.
func delegateEvents(events []abci.Event) []abci.Event {
	var out []abci.Event
	for _, ev := range events {
		if ev.Type == stakingtypes.EventTypeDelegate {
			out = append(out, ev)
		}
	}
	return out
}

// attributes lists an event's attributes as key=value pairs, in order.
func attributes(ev abci.Event) []string {
	var out []string
	for _, a := range ev.Attributes {
		if a.Key != "msg_index" {
			out = append(out, a.Key+"="+a.Value)
		}
	}
	return out
}

// TestStakeLocalMovesTokensOnce: the vault sends a local stake straight to the bonded pool and the
// derived account delegates it there, so the derived account never holds it, the supply and
// x/staking's pool books are right, and the transaction carries the same delegate event a native
// MsgDelegate of the derived account would.
func TestStakeLocalMovesTokensOnce(t *testing.T) {
	e := newEnv(t)
	user, native := e.chain.Accounts[0], e.chain.Accounts[1]
	val := e.chain.Validators[0].ValAddress()
	require.NoError(t, e.deliver(user, &vaulttypes.MsgBond{Owner: user.String(), Amount: coin(1_000_000)}))
	before := e.pools()

	_, events, err := e.chain.DeliverTx(user, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(600_000), Validator: val.String()})
	require.NoError(t, err)
	account := e.account(user.Address)
	after := e.pools()
	require.Equal(t, before.vault.SubRaw(600_000), after.vault)
	require.Equal(t, before.bonded.AddRaw(600_000), after.bonded)
	require.Equal(t, before.notBonded, after.notBonded)
	require.True(t, e.balance(account).IsZero())
	require.Equal(t, int64(600_000), e.delegationWorth(account, val).Int64())
	for _, ev := range events {
		if ev.Type == "transfer" || ev.Type == "coin_received" {
			require.NotContains(t, attributes(ev), "recipient="+account.String(), "the derived account never receives the stake")
			require.NotContains(t, attributes(ev), "receiver="+account.String(), "the derived account never receives the stake")
		}
	}
	local := delegateEvents(events)
	require.Len(t, local, 1)
	require.Equal(t, []string{
		"validator=" + val.String(), "delegator=" + account.String(), "amount=600000" + denom,
		"new_shares=600000.000000000000000000",
	}, attributes(local[0]))

	_, events, err = e.chain.DeliverTx(native, stakingtypes.NewMsgDelegate(native.String(), val.String(), coin(600_000)))
	require.NoError(t, err)
	reference := delegateEvents(events)
	require.Len(t, reference, 1)
	require.Equal(t, []string{
		"validator=" + val.String(), "delegator=" + native.String(), "amount=600000" + denom,
		"new_shares=600000.000000000000000000",
	}, attributes(reference[0]), "x/staking's own event has the same form")
	e.checkInvariants()
	e.requireStakingInvariants()
}

// TestStakeLocalWithUnbondedValidator: a stake with a validator that is not bonded ends in the
// not-bonded pool, where x/staking keeps that validator's tokens.
func TestStakeLocalWithUnbondedValidator(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	v := e.chain.Validators[1]
	e.unbondValidator(v)
	require.NoError(t, e.deliver(user, &vaulttypes.MsgBond{Owner: user.String(), Amount: coin(1_000_000)}))
	before := e.pools()

	require.NoError(t, e.deliver(user, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(400_000), Validator: v.ValAddress().String()}))
	after := e.pools()
	require.Equal(t, before.vault.SubRaw(400_000), after.vault)
	require.Equal(t, before.bonded, after.bonded)
	require.Equal(t, before.notBonded.AddRaw(400_000), after.notBonded)
	account := e.account(user.Address)
	require.True(t, e.balance(account).IsZero())
	require.Equal(t, int64(400_000), e.delegationWorth(account, v.ValAddress()).Int64())
	require.Equal(t, int64(400_000), e.lent().Int64())
	e.checkInvariants()
	e.requireStakingInvariants()
}

// TestStakeLocalWithUnknownValidatorChangesNothing: a stake x/staking refuses leaves the vault's
// tokens and figures where they were.
func TestStakeLocalWithUnknownValidatorChangesNothing(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	require.NoError(t, e.deliver(user, &vaulttypes.MsgBond{Owner: user.String(), Amount: coin(1_000_000)}))
	before := e.pools()
	unknown := sdk.ValAddress(testutil.NewAccount().Address).String()

	err := e.deliver(user, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(400_000), Validator: unknown})
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr)
	require.Contains(t, txErr.Log, "validator does not exist")
	require.Equal(t, before, e.pools())
	require.True(t, e.lent().IsZero())
	require.Equal(t, int64(1_000_000), e.vaultAccount(user.Address).Free.Low.Int64())
	e.checkInvariants()
	e.requireStakingInvariants()
}

// TestStakeLocalRefusesForeignTokens: should x/staking's bond denom change under the vault, a
// local stake is refused (ErrDenomMismatch) before any of the vault's tokens could back a
// delegation, and nothing changes.
func TestStakeLocalRefusesForeignTokens(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	require.NoError(t, e.deliver(user, &vaulttypes.MsgBond{Owner: user.String(), Amount: coin(1_000_000)}))
	ctx, _ := e.chain.Context().CacheContext()
	sk := e.chain.App.StakingKeeper
	params, err := sk.GetParams(ctx)
	require.NoError(t, err)
	params.BondDenom = "uother"
	require.NoError(t, sk.SetParams(ctx, params))
	vaultBefore := e.chain.App.BankKeeper.GetAllBalances(ctx, e.chain.App.AccountKeeper.GetModuleAddress(vaulttypes.ModuleName))

	_, err = vaultkeeper.NewMsgServerImpl(e.chain.App.VaultKeeper).StakeLocal(ctx,
		&vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(400_000), Validator: val.String()})
	require.ErrorIs(t, err, lienholder.ErrLienRefused)
	require.Contains(t, err.Error(), types.ErrDenomMismatch.Error())
	require.Contains(t, err.Error(), "the vault sent "+denom+", x/staking bonds uother")
	require.Equal(t, vaultBefore, e.chain.App.BankKeeper.GetAllBalances(ctx, e.chain.App.AccountKeeper.GetModuleAddress(vaulttypes.ModuleName)))
	_, err = e.chain.App.LocalStakingKeeper.AccountOf(ctx, user.Address)
	require.ErrorIs(t, err, types.ErrNoAccount, "the derived account creation is reverted too")
}
