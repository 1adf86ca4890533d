package keeper_test

import (
	"errors"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

func TestBond(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	f.Fund(t, u, 500)
	_, err := f.Msg.Bond(f.Ctx, &types.MsgBond{Owner: u.String(), Amount: vtu.Coin(300)})
	require.NoError(t, err)
	require.Equal(t, int64(200), f.Balance(u).Int64())
	require.Equal(t, int64(300), f.ModuleBalance(types.ModuleName).Int64())
	requireFigures(t, f, u, figures{300, 0, 0, 0, 0, 300, 300})
	requireInvariants(t, f)

	bond := func(owner string, c sdk.Coin) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := f.Msg.Bond(ctx, &types.MsgBond{Owner: owner, Amount: c})
			return err
		}
	}
	requireFailsUnchanged(t, f, types.ErrInvalidAmount, bond(u.String(), vtu.Coin(0)), u)
	requireFailsUnchanged(t, f, types.ErrInvalidAmount, bond(u.String(), sdk.Coin{Denom: vtu.Denom, Amount: math.NewInt(-5)}), u)
	requireFailsUnchanged(t, f, types.ErrWrongDenom, bond(u.String(), sdk.NewInt64Coin("other", 5)), u)
	requireFailsUnchanged(t, f, types.ErrInvalidAddress, bond("not-an-address", vtu.Coin(5)), u)
	requireFailsUnchanged(t, f, sdkerrors.ErrInsufficientFunds, bond(u.String(), vtu.Coin(201)), u)
}

func TestUnbond(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 300)
	stakeLocal(t, f, u, 100)
	stakeRemote(t, f, u, c1, 150) // pending: counts at its worst case

	unbond := func(c sdk.Coin) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := f.Msg.Unbond(ctx, &types.MsgUnbond{Owner: u.String(), Amount: c})
			return err
		}
	}
	requireFailsUnchanged(t, f, types.ErrClaimsLocked, unbond(vtu.Coin(151)), u)
	requireFailsUnchanged(t, f, types.ErrInvalidAmount, unbond(vtu.Coin(0)), u)
	requireFailsUnchanged(t, f, types.ErrWrongDenom, unbond(sdk.NewInt64Coin("other", 1)), u)

	require.NoError(t, f.Run(unbond(vtu.Coin(150))))
	require.Equal(t, int64(150), f.Balance(u).Int64())
	require.Equal(t, int64(50), f.ModuleBalance(types.ModuleName).Int64())
	requireFigures(t, f, u, figures{150, 100, 150, 10, 25, 0, 50})
	requireInvariants(t, f)
}

func TestStakeLocal(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 200)
	_, err := f.Msg.StakeLocal(f.Ctx, &types.MsgStakeLocal{Owner: u.String(), Amount: vtu.Coin(120), Validator: "valoper1"})
	require.NoError(t, err)

	require.Len(t, f.Custodial.Accepted, 1)
	req := f.Custodial.Accepted[0]
	require.Equal(t, lienholder.LienRequest{Holder: local, Owner: u, Amount: math.NewInt(120), Denom: vtu.Denom, Validator: "valoper1"}, req)
	require.Equal(t, int64(120), f.ModuleBalance(vtu.CustodialModule).Int64(), "custodial holder received the tokens")
	require.Equal(t, int64(80), f.ModuleBalance(types.ModuleName).Int64())
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{local: {120, 120}})
	requireFigures(t, f, u, figures{200, 120, 120, 12, 12, 80, 80})
	lent, err := f.Keeper.Lent.Get(f.Ctx, local.String())
	require.NoError(t, err)
	require.Equal(t, int64(120), lent.Int64())
	requireInvariants(t, f)

	stake := func(c sdk.Coin) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := f.Msg.StakeLocal(ctx, &types.MsgStakeLocal{Owner: u.String(), Amount: c, Validator: "v"})
			return err
		}
	}
	requireFailsUnchanged(t, f, types.ErrInsufficientCollateral, stake(vtu.Coin(81)), u)
	requireFailsUnchanged(t, f, types.ErrInvalidAmount, stake(vtu.Coin(0)), u)
	requireFailsUnchanged(t, f, types.ErrWrongDenom, stake(sdk.NewInt64Coin("other", 1)), u)
	f.Custodial.Refuse = errors.New("validator not bonded")
	requireFailsUnchanged(t, f, lienholder.ErrLienRefused, stake(vtu.Coin(10)), u)
}

func TestStakeRemote(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 100)
	res, err := f.Msg.StakeRemote(f.Ctx, &types.MsgStakeRemote{
		Owner: u.String(), Holder: c1.String(), Amount: vtu.Coin(60), Validator: "consumer-val", Payload: []byte(`{"x":1}`),
	})
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.PendingId)
	require.Equal(t, lienholder.LienRequest{
		Holder: c1, Owner: u, Amount: math.NewInt(60), Denom: vtu.Denom, Validator: "consumer-val", Payload: []byte(`{"x":1}`), TxID: 1,
	}, f.Virtual.Accepted[0])
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {0, 60}})
	requireFigures(t, f, u, figures{100, 0, 60, 0, 6, 40, 100})
	require.Equal(t, int64(100), f.ModuleBalance(types.ModuleName).Int64(), "no tokens move for a virtual holder")
	pending, err := f.Query.PendingLiens(f.Ctx, &types.QueryPendingLiensRequest{Address: u.String()})
	require.NoError(t, err)
	require.Len(t, pending.PendingLiens, 1)
	require.Equal(t, types.PendingLien{Id: 1, Owner: u.String(), Holder: "external/c1", Amount: math.NewInt(60), SlashableAmount: math.NewInt(6), Absorbed: math.ZeroInt()},
		pending.PendingLiens[0])

	stake := func(holder string, amount int64) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := f.Msg.StakeRemote(ctx, &types.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: vtu.Coin(amount), Validator: "v"})
			return err
		}
	}
	requireFailsUnchanged(t, f, types.ErrUnknownHolder, stake("dao/treasury", 10), u)
	requireFailsUnchanged(t, f, types.ErrUnknownHolder, stake("Not A Holder", 10), u)
	requireFailsUnchanged(t, f, types.ErrUnknownHolder, stake("local/anything", 10), u)
	requireFailsUnchanged(t, f, types.ErrUnknownHolder, stake("external", 10), u)
	requireFailsUnchanged(t, f, types.ErrInsufficientCollateral, stake(c2.String(), 101), u)
	requireFailsUnchanged(t, f, types.ErrInvalidAmount, stake(c2.String(), 0), u)
	f.Virtual.Refuse = errors.New("validator not active")
	requireFailsUnchanged(t, f, lienholder.ErrLienRefused, stake(c2.String(), 10), u)
}

// With ratio 1 every lien is fully slashable, so the sum of liens, not only the largest, must fit.
func TestStakeRemoteTotalSlashableBound(t *testing.T) {
	f := vtu.NewFixture(t, dec("1"))
	u := user(1)
	bonded(t, f, u, 100)
	crossStake(t, f, u, c1, 60)
	requireFailsUnchanged(t, f, types.ErrInsufficientCollateral, func(ctx sdk.Context) error {
		_, err := f.Msg.StakeRemote(ctx, &types.MsgStakeRemote{Owner: u.String(), Holder: c2.String(), Amount: vtu.Coin(41), Validator: "v"})
		return err
	}, u)
	crossStake(t, f, u, c2, 40)
	requireFigures(t, f, u, figures{100, 60, 60, 100, 100, 0, 0})
}

func TestUpdateParams(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	p := types.Params{Denom: "ucollateral", MaxSettlementsPerBlock: 7}
	update := func(authority string, p types.Params) func(sdk.Context) error {
		return func(ctx sdk.Context) error {
			_, err := f.Msg.UpdateParams(ctx, &types.MsgUpdateParams{Authority: authority, Params: p})
			return err
		}
	}
	requireFailsUnchanged(t, f, types.ErrUnauthorized, update(user(1).String(), p))
	requireFailsUnchanged(t, f, types.ErrInvalidParams, update(f.Authority, types.Params{Denom: "", MaxSettlementsPerBlock: 1}))
	requireFailsUnchanged(t, f, types.ErrInvalidParams, update(f.Authority, types.Params{Denom: "x1", MaxSettlementsPerBlock: 1 << 20}))
	requireFailsUnchanged(t, f, types.ErrInvalidParams, update(f.Authority, types.Params{Denom: "x1", MaxSettlementsPerBlock: 0}))

	// the denom cannot change while collateral is bonded
	bonded(t, f, user(1), 10)
	requireFailsUnchanged(t, f, types.ErrInvalidParams, update(f.Authority, p))
	_, err := f.Msg.Unbond(f.Ctx, &types.MsgUnbond{Owner: user(1).String(), Amount: vtu.Coin(10)})
	require.NoError(t, err)
	require.NoError(t, f.Run(update(f.Authority, p)), "no collateral left")
	res, err := f.Query.Params(f.Ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, p, res.Params)
}

// A user can have at most MaxPendingLiensPerUser stakes awaiting acknowledgement; one more is
// refused and changes nothing, and an acknowledgement makes room again.
func TestStakeRemotePendingBound(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 1000)
	var first uint64
	for i := 0; i < types.MaxPendingLiensPerUser; i++ {
		id := stakeRemote(t, f, u, c1, 1)
		if i == 0 {
			first = id
		}
	}
	stake := func(ctx sdk.Context) error {
		_, err := f.Msg.StakeRemote(ctx, &types.MsgStakeRemote{Owner: u.String(), Holder: c2.String(), Amount: vtu.Coin(1), Validator: "v"})
		return err
	}
	requireFailsUnchanged(t, f, types.ErrTooManyPendingLiens, stake, u)
	require.NoError(t, f.Virtual.Vault.CommitLien(f.Ctx, c1.Key, first))
	require.NoError(t, stake(f.Ctx))
	requireInvariants(t, f)
}
