package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/testutil/storeops"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// handlerCost sums the gas and store operations of measured handler calls.
type handlerCost struct {
	gas uint64
	ops storeops.Counts
}

// measure runs op with a fresh gas meter, the way baseapp meters a message handler (store reads
// and writes at the default KV gas costs), and adds what it consumed.
func (c *handlerCost) measure(b *testing.B, f *vtu.Fixture, op func(ctx sdk.Context) error) {
	var ops storeops.Counts
	ctx := f.Ctx.WithGasMeter(storeops.Wrap(storetypes.NewInfiniteGasMeter(), &ops))
	require.NoError(b, op(ctx))
	c.gas += ctx.GasMeter().GasConsumed()
	c.ops = c.ops.Plus(ops)
}

// report reports the averages over the benchmark's b.N calls.
func (c handlerCost) report(b *testing.B) {
	b.ReportMetric(float64(c.gas)/float64(b.N), "gas/op")
	storeops.ReportPerOp(b, c.ops, b.N)
}

// BenchmarkHandlerGas reports the handler gas and store operations of the vault's Bond, StakeRemote and Settle next to
// the handler gas of a native x/bank send measured the same way, in one run.
func BenchmarkHandlerGas(b *testing.B) {
	b.Run("bank_send", func(b *testing.B) {
		f := vtu.NewFixture(b, dec("0.1"))
		from, to := user(1), user(2)
		f.Fund(b, from, int64(b.N)+1)
		f.Fund(b, to, 1)
		bank := bankkeeper.NewMsgServerImpl(f.Bank)
		var cost handlerCost
		for i := 0; i < b.N; i++ {
			cost.measure(b, f, func(ctx sdk.Context) error {
				_, err := bank.Send(ctx, &banktypes.MsgSend{FromAddress: from.String(), ToAddress: to.String(), Amount: sdk.NewCoins(vtu.Coin(1))})
				return err
			})
		}
		cost.report(b)
	})
	b.Run("vault_bond", func(b *testing.B) {
		f := vtu.NewFixture(b, dec("0.1"))
		u := user(1)
		f.Fund(b, u, int64(b.N)+1)
		var cost handlerCost
		for i := 0; i < b.N; i++ {
			cost.measure(b, f, func(ctx sdk.Context) error {
				_, err := f.Msg.Bond(ctx, &types.MsgBond{Owner: u.String(), Amount: vtu.Coin(1)})
				return err
			})
		}
		cost.report(b)
	})
	b.Run("vault_stake_remote", func(b *testing.B) {
		f := vtu.NewFixture(b, dec("0.1"))
		u := user(1)
		bondedB(b, f, u, int64(b.N)+1000)
		stakeLocalB(b, f, u, 500)
		var cost handlerCost
		for i := 0; i < b.N; i++ {
			cost.measure(b, f, func(ctx sdk.Context) error {
				_, err := f.Msg.StakeRemote(ctx, &types.MsgStakeRemote{Owner: u.String(), Holder: c1.String(), Amount: vtu.Coin(1), Validator: "v"})
				return err
			})
		}
		cost.report(b)
	})
	b.Run("vault_settle_cross_slash", func(b *testing.B) {
		f := vtu.NewFixture(b, dec("0.1"))
		u := user(1)
		bondedB(b, f, u, 1_000_000_000)
		stakeLocalB(b, f, u, 900_000_000)
		id, err := f.Msg.StakeRemote(f.Ctx, &types.MsgStakeRemote{Owner: u.String(), Holder: c1.String(), Amount: vtu.Coin(900_000_000), Validator: "v"})
		require.NoError(b, err)
		require.NoError(b, f.Virtual.Vault.CommitLien(f.Ctx, c1.Key, id.PendingId))
		var cost handlerCost
		for i := 0; i < b.N; i++ {
			require.NoError(b, f.Virtual.Slash(f.Ctx, c1, u, math.NewInt(10)))
			cost.measure(b, f, func(ctx sdk.Context) error { return f.Keeper.Settle(ctx, u) })
		}
		cost.report(b)
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
