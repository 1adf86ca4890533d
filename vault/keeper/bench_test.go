package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// handlerGas runs op with a fresh gas meter and returns the gas it consumed, the way baseapp
// meters a message handler (store reads and writes at the default KV gas costs).
func handlerGas(b *testing.B, f *vtu.Fixture, op func(ctx sdk.Context) error) uint64 {
	ctx := f.Ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
	require.NoError(b, op(ctx))
	return ctx.GasMeter().GasConsumed()
}

func reportGas(b *testing.B, total uint64) {
	b.ReportMetric(float64(total)/float64(b.N), "gas/op")
}

// BenchmarkHandlerGas reports the handler gas of the vault's Bond, StakeRemote and Settle next to
// the handler gas of a native x/bank send measured the same way, in one run.
func BenchmarkHandlerGas(b *testing.B) {
	b.Run("bank_send", func(b *testing.B) {
		f := vtu.NewFixture(b, dec("0.1"))
		from, to := user(1), user(2)
		f.Fund(b, from, int64(b.N)+1)
		f.Fund(b, to, 1)
		bank := bankkeeper.NewMsgServerImpl(f.Bank)
		var total uint64
		for i := 0; i < b.N; i++ {
			total += handlerGas(b, f, func(ctx sdk.Context) error {
				_, err := bank.Send(ctx, &banktypes.MsgSend{FromAddress: from.String(), ToAddress: to.String(), Amount: sdk.NewCoins(vtu.Coin(1))})
				return err
			})
		}
		reportGas(b, total)
	})
	b.Run("vault_bond", func(b *testing.B) {
		f := vtu.NewFixture(b, dec("0.1"))
		u := user(1)
		f.Fund(b, u, int64(b.N)+1)
		var total uint64
		for i := 0; i < b.N; i++ {
			total += handlerGas(b, f, func(ctx sdk.Context) error {
				_, err := f.Msg.Bond(ctx, &types.MsgBond{Owner: u.String(), Amount: vtu.Coin(1)})
				return err
			})
		}
		reportGas(b, total)
	})
	b.Run("vault_stake_remote", func(b *testing.B) {
		f := vtu.NewFixture(b, dec("0.1"))
		u := user(1)
		bondedB(b, f, u, int64(b.N)+1000)
		stakeLocalB(b, f, u, 500)
		var total uint64
		for i := 0; i < b.N; i++ {
			total += handlerGas(b, f, func(ctx sdk.Context) error {
				_, err := f.Msg.StakeRemote(ctx, &types.MsgStakeRemote{Owner: u.String(), Holder: c1.String(), Amount: vtu.Coin(1), Validator: "v"})
				return err
			})
		}
		reportGas(b, total)
	})
	b.Run("vault_settle_cross_slash", func(b *testing.B) {
		f := vtu.NewFixture(b, dec("0.1"))
		u := user(1)
		bondedB(b, f, u, 1_000_000_000)
		stakeLocalB(b, f, u, 900_000_000)
		id, err := f.Msg.StakeRemote(f.Ctx, &types.MsgStakeRemote{Owner: u.String(), Holder: c1.String(), Amount: vtu.Coin(900_000_000), Validator: "v"})
		require.NoError(b, err)
		require.NoError(b, f.Virtual.Vault.CommitLien(f.Ctx, c1.Key, id.PendingId))
		var total uint64
		for i := 0; i < b.N; i++ {
			require.NoError(b, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(10)))
			total += handlerGas(b, f, func(ctx sdk.Context) error { return f.Keeper.Settle(ctx, u) })
		}
		reportGas(b, total)
	})
}

func bondedB(b *testing.B, f *vtu.Fixture, u sdk.AccAddress, amount int64) {
	f.Fund(b, u, amount)
	_, err := f.Msg.Bond(f.Ctx, &types.MsgBond{Owner: u.String(), Amount: vtu.Coin(amount)})
	require.NoError(b, err)
}

func stakeLocalB(b *testing.B, f *vtu.Fixture, u sdk.AccAddress, amount int64) {
	_, err := f.Msg.StakeLocal(f.Ctx, &types.MsgStakeLocal{Owner: u.String(), Amount: vtu.Coin(amount), Validator: "v"})
	require.NoError(b, err)
}
