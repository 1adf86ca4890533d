package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

var (
	local = lienholder.HolderID{Kind: lienholder.KindLocal}
	c1    = lienholder.HolderID{Kind: lienholder.KindExternal, Key: "c1"}
	c2    = lienholder.HolderID{Kind: lienholder.KindExternal, Key: "c2"}
	c3    = lienholder.HolderID{Kind: lienholder.KindExternal, Key: "c3"}
)

func dec(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

func user(i byte) sdk.AccAddress { return sdk.AccAddress(append([]byte("mesh-test-user-"), i)) }

// bonded funds and bonds amount for a fresh user.
func bonded(t *testing.T, f *vtu.Fixture, u sdk.AccAddress, amount int64) {
	t.Helper()
	f.Fund(t, u, amount)
	_, err := f.Msg.Bond(f.Ctx, &types.MsgBond{Owner: u.String(), Amount: vtu.Coin(amount)})
	require.NoError(t, err)
}

func stakeLocal(t *testing.T, f *vtu.Fixture, u sdk.AccAddress, amount int64) {
	t.Helper()
	_, err := f.Msg.StakeLocal(f.Ctx, &types.MsgStakeLocal{Owner: u.String(), Amount: vtu.Coin(amount), Validator: "val"})
	require.NoError(t, err)
}

// stakeRemote opens a pending lien with holder and returns its id.
func stakeRemote(t *testing.T, f *vtu.Fixture, u sdk.AccAddress, holder lienholder.HolderID, amount int64) uint64 {
	t.Helper()
	res, err := f.Msg.StakeRemote(f.Ctx, &types.MsgStakeRemote{
		Owner: u.String(), Holder: holder.String(), Amount: vtu.Coin(amount), Validator: "val",
	})
	require.NoError(t, err)
	return res.PendingId
}

// crossStake opens and commits a lien with a virtual holder.
func crossStake(t *testing.T, f *vtu.Fixture, u sdk.AccAddress, holder lienholder.HolderID, amount int64) {
	t.Helper()
	id := stakeRemote(t, f, u, holder, amount)
	require.NoError(t, f.Virtual.Vault.CommitLien(f.Ctx, holder.Key, id))
}

// figures is a user's account as (collateral, max lien low/high, slashable low/high, free low/high).
type figures struct {
	collateral, maxLow, maxHigh, slashLow, slashHigh, freeLow, freeHigh int64
}

func requireFigures(t *testing.T, f *vtu.Fixture, u sdk.AccAddress, want figures) {
	t.Helper()
	a := f.Account(t, u)
	got := figures{
		a.Collateral.Int64(), a.MaxLien.Low.Int64(), a.MaxLien.High.Int64(), a.TotalSlashable.Low.Int64(),
		a.TotalSlashable.High.Int64(), a.Free.Low.Int64(), a.Free.High.Int64(),
	}
	require.Equal(t, want, got)
}

// requireLiens checks the user's lien amounts by holder (settled ranges given as low == high).
func requireLiens(t *testing.T, f *vtu.Fixture, u sdk.AccAddress, want map[lienholder.HolderID][2]int64) {
	t.Helper()
	res, err := f.Query.Liens(f.Ctx, &types.QueryLiensRequest{Address: u.String()})
	require.NoError(t, err)
	got := map[lienholder.HolderID][2]int64{}
	for _, l := range res.Liens {
		id, err := lienholder.ParseHolderID(l.Holder)
		require.NoError(t, err)
		got[id] = [2]int64{l.Lien.Amount.Low.Int64(), l.Lien.Amount.High.Int64()}
	}
	require.Equal(t, want, got)
}

func requireInvariants(t *testing.T, f *vtu.Fixture) {
	t.Helper()
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
}

func supply(f *vtu.Fixture) math.Int { return f.Bank.GetSupply(f.Ctx, vtu.Denom).Amount }

func mathInt(v int64) math.Int { return math.NewInt(v) }
