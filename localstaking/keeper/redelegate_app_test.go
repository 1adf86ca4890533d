package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/internal/eventattr"
	"github.com/meshsecurity/mesh/localstaking/keeper"
	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
)

// principal is the principal local staking records for the user with val, zero when none.
func (e *env) principal(owner sdk.AccAddress, val sdk.ValAddress) sdkmath.Int {
	p, err := e.chain.App.LocalStakingKeeper.Positions.Get(e.chain.Context(), collections.Join(owner, val))
	if err != nil {
		return sdkmath.ZeroInt()
	}
	return p.Principal
}

// TestRedelegateMovesStakeAndPrincipal redelegates part of a user's stake: x/staking moves the
// delegation, the recorded principal follows it with an EventRedelegated, the vault's lien is
// unchanged, and the moved stake can be unstaked from its new validator.
func TestRedelegateMovesStakeAndPrincipal(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	v0, v1 := e.chain.Validators[0].ValAddress(), e.chain.Validators[1].ValAddress()
	e.stakeLocal(user, 1_000_000, 600_000, v0)
	account := e.account(user.Address)

	ctx, _ := e.chain.Context().CacheContext()
	res, err := keeper.NewMsgServerImpl(e.chain.App.LocalStakingKeeper).Redelegate(ctx, &types.MsgRedelegate{
		Owner: user.String(), SrcValidator: v0.String(), DstValidator: v1.String(), Amount: coin(200_000),
	})
	require.NoError(t, err)
	unbonding, err := e.chain.App.StakingKeeper.UnbondingTime(ctx)
	require.NoError(t, err)
	require.Equal(t, ctx.BlockTime().Add(unbonding), res.CompletionTime)

	_, events, err := e.chain.DeliverTx(user, &types.MsgRedelegate{Owner: user.String(), SrcValidator: v0.String(),
		DstValidator: v1.String(), Amount: coin(200_000)})
	require.NoError(t, err)
	require.Equal(t, []proto.Message{&types.EventRedelegated{Owner: user.String(), SrcValidator: v0.String(),
		DstValidator: v1.String(), Amount: "200000", CompletionTime: e.chain.LastBlockTime().Add(unbonding)}},
		typedEvents(t, events, &types.EventRedelegated{}))
	require.Equal(t, int64(400_000), e.delegationWorth(account, v0).Int64())
	require.Equal(t, int64(200_000), e.delegationWorth(account, v1).Int64())
	require.Equal(t, int64(400_000), e.principal(user.Address, v0).Int64())
	require.Equal(t, int64(200_000), e.principal(user.Address, v1).Int64())
	red, err := e.chain.App.StakingKeeper.GetRedelegation(e.chain.Context(), account, v0, v1)
	require.NoError(t, err)
	require.Len(t, red.Entries, 1)
	require.Equal(t, int64(200_000), red.Entries[0].InitialBalance.Int64())
	acct := e.vaultAccount(user.Address)
	require.Equal(t, int64(600_000), acct.MaxLien.High.Int64(), "a redelegation does not touch the lien")
	require.Equal(t, int64(600_000), e.lent().Int64())
	e.checkInvariants()

	require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: v1.String(), Amount: coin(200_000)}))
	p, err := e.chain.App.LocalStakingKeeper.Positions.Get(e.chain.Context(), collections.Join(user.Address, v1))
	require.NoError(t, err)
	require.Equal(t, int64(200_000), p.Queued.Int64(), "the moved stake is queued from its new validator")
	e.checkInvariants()
}

// TestRedelegateErrorsChangeNothing checks every error Redelegate returns, including refusals
// of x/staking, and that none of them changes state.
func TestRedelegateErrorsChangeNothing(t *testing.T) {
	e := newEnv(t)
	user, stranger := e.chain.Accounts[0], e.chain.Accounts[1]
	v0, v1, v2 := e.chain.Validators[0].ValAddress(), e.chain.Validators[1].ValAddress(), e.chain.Validators[2].ValAddress()
	e.stakeLocal(user, 1_000_000, 600_000, v0)
	require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: v0.String(), Amount: coin(100_000)}))
	for queuedBatchesOf(t, e) > 0 {
		e.chain.NextBlock()
	}
	require.NoError(t, e.deliver(user, &types.MsgRedelegate{Owner: user.String(), SrcValidator: v0.String(),
		DstValidator: v1.String(), Amount: coin(100_000)}))
	// The next batch is due a whole segment after the one just sent, long after the cases below.
	require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: v0.String(), Amount: coin(300_000)}))
	account := e.account(user.Address)
	snapshot := func() []any {
		return []any{e.delegationWorth(account, v0), e.delegationWorth(account, v1), e.delegationWorth(account, v2),
			e.principal(user.Address, v0), e.principal(user.Address, v1), e.vaultAccount(user.Address), e.lent()}
	}
	before := snapshot()
	redelegate := func(signer testutil.Account, src, dst string, amount sdk.Coin) error {
		return e.deliver(signer, &types.MsgRedelegate{Owner: signer.String(), SrcValidator: src, DstValidator: dst, Amount: amount})
	}
	unknown := sdk.ValAddress(make([]byte, 20)).String()

	cases := []struct {
		name     string
		signer   testutil.Account
		src, dst string
		amount   sdk.Coin
		want     uint32
	}{
		{"same validator", user, v0.String(), v0.String(), coin(1), types.ErrSameValidator.ABCICode()},
		{"no position", user, v2.String(), v1.String(), coin(1), types.ErrNoPosition.ABCICode()},
		{"queued stake is not free", user, v0.String(), v2.String(), coin(100_001), types.ErrInsufficientStake.ABCICode()},
		{"wrong denom", user, v0.String(), v2.String(), sdk.NewInt64Coin("other", 1), types.ErrWrongDenom.ABCICode()},
		{"zero amount", user, v0.String(), v2.String(), coin(0), types.ErrInvalidAmount.ABCICode()},
		{"bad destination", user, v0.String(), "bogus", coin(1), types.ErrInvalidAddress.ABCICode()},
		{"no account", stranger, v0.String(), v1.String(), coin(1), types.ErrNoAccount.ABCICode()},
		{"unknown destination", user, v0.String(), unknown, coin(1), types.ErrStakingFailed.ABCICode()},
		{"transitive redelegation", user, v1.String(), v2.String(), coin(1), types.ErrStakingFailed.ABCICode()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			requireCode(t, redelegate(c.signer, c.src, c.dst, c.amount), c.want)
			require.Equal(t, before, snapshot())
		})
	}
	e.checkInvariants()
}

// TestInstantUnstakeFromUnbondedValidator jails a validator for downtime and waits until
// x/staking has unbonded it; with the consensus evidence max age within the unbonding time, an
// unstake from it is then instant: the tokens leave the not-bonded pool for the user's account
// as liquid principal, no batch is queued, and a release returns them to the vault.
func TestInstantUnstakeFromUnbondedValidator(t *testing.T) {
	e := newEnv(t)
	e.setEvidenceMaxAge(testutil.DefaultUnbondingPeriod)
	user := e.chain.Accounts[0]
	v := e.chain.Validators[1]
	val := v.ValAddress()
	e.stakeLocal(user, 1_000_000, 600_000, val)
	account := e.account(user.Address)
	e.chain.SetAbsent(v)
	e.chain.NextBlocks(int(testutil.DefaultSignedBlocksWindow) + 2)
	e.chain.SetPresent(v)
	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod+time.Minute))
	e.chain.NextBlock()
	validator, err := e.chain.App.StakingKeeper.GetValidator(e.chain.Context(), val)
	require.NoError(t, err)
	require.True(t, validator.IsUnbonded(), "x/staking has unbonded the jailed validator")
	worth := e.delegationWorth(account, val)
	require.True(t, worth.LT(sdkmath.NewInt(600_000)), "downtime slashed the delegation")

	ctx := e.blockContext()
	res, err := keeper.NewMsgServerImpl(e.chain.App.LocalStakingKeeper).Unstake(ctx,
		&types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(300_000)})
	require.NoError(t, err)
	require.True(t, res.Instant)
	require.Equal(t, ctx.BlockTime(), res.DueTime)

	require.NoError(t, e.deliver(user, &types.MsgUnstake{Owner: user.String(), Validator: val.String(), Amount: coin(300_000)}))
	require.Zero(t, queuedBatchesOf(t, e), "an instant unstake queues no batch")
	paid := e.balance(account)
	require.Equal(t, worth.SubRaw(300_000), e.delegationWorth(account, val))
	require.Equal(t, int64(300_000), paid.Int64(), "x/staking paid the unbonded tokens out of the not-bonded pool")
	h, err := e.chain.App.LocalStakingKeeper.Holdings.Get(e.chain.Context(), user.Address)
	require.NoError(t, err)
	require.Equal(t, int64(300_000), h.Liquid.Int64())
	require.Equal(t, worth.SubRaw(300_000), e.principal(user.Address, val))
	e.checkInvariants()

	vaultBefore := e.balance(e.chain.App.AccountKeeper.GetModuleAddress("vault"))
	require.NoError(t, e.deliver(user, &types.MsgReleaseUnbonded{Owner: user.String()}))
	require.True(t, e.balance(account).IsZero())
	require.Equal(t, vaultBefore.Add(paid), e.balance(e.chain.App.AccountKeeper.GetModuleAddress("vault")))
	acct := e.vaultAccount(user.Address)
	require.Equal(t, worth.SubRaw(300_000), acct.MaxLien.High)
	require.Equal(t, worth.SubRaw(300_000), e.lent())
	e.checkInvariants()
}

// queuedBatchesOf is the number of batches local staking has not sent yet.
func queuedBatchesOf(t *testing.T, e *env) int {
	return queuedBatchesAt(t, e.chain.App.LocalStakingKeeper, e.chain.Context())
}

// typedEvents decodes the typed events of msg's type among events.
func typedEvents(t *testing.T, events []abci.Event, msg proto.Message) []proto.Message {
	t.Helper()
	var out []proto.Message
	for _, ev := range events {
		if ev.Type != proto.MessageName(msg) {
			continue
		}
		parsed, err := eventattr.Parse(ev)
		require.NoError(t, err)
		out = append(out, parsed)
	}
	return out
}
