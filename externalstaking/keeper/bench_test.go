package keeper_test

import (
	"fmt"
	"testing"

	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// Gas benchmarks: whole transactions through meshapp next to the native MsgDelegate on the same
// chain configuration, and the packet handlers (the IBC module's callbacks, without the relay
// transaction's proof verification) with their gas reported as gas/op.

// BenchmarkNativeMsgDelegate is the reference: a delegation to a bonded validator by an account
// that already delegates to it.
func BenchmarkNativeMsgDelegate(b *testing.B) {
	e := newEnv(b)
	delegator := e.chain.Accounts[0]
	validator := e.chain.Validators[0].ValAddress().String()
	testutil.ReportTxGas(b, e.chain, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: delegator, Msgs: []sdk.Msg{stakingtypes.NewMsgDelegate(delegator.String(), validator, coin(1_000))}}
	})
}

// BenchmarkMsgStakeRemote is a further cross-stake on a held position, through the vault.
func BenchmarkMsgStakeRemote(b *testing.B) {
	e := newEnv(b)
	u := e.chain.Accounts[0]
	e.bond(1_000_000_000, u)
	e.activate(1, "valA")
	e.committedStake(u, "valA", 1_000)
	testutil.ReportTxGas(b, e.chain, func(int) testutil.TxCase {
		return testutil.TxCase{Signer: u, Msgs: []sdk.Msg{&vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder,
			Amount: coin(1_000), Validator: "valA"}}}
	})
}

// handlerGas runs a callback on a fresh gas meter and returns what it consumed.
func handlerGas(e *env, run func(ctx sdk.Context)) uint64 {
	ctx := e.chain.Context().WithGasMeter(storetypes.NewInfiniteGasMeter())
	run(ctx)
	return ctx.GasMeter().GasConsumed()
}

// BenchmarkStakeAckHandler is the success acknowledgement of a stake: commit here and in the
// vault.
func BenchmarkStakeAckHandler(b *testing.B) {
	e := newEnv(b)
	u := e.chain.Accounts[0]
	e.bond(1_000_000_000, u)
	e.activate(1, "valA")
	e.committedStake(u, "valA", 1_000)
	vault := vaultkeeper.NewMsgServerImpl(e.chain.App.VaultKeeper)
	ack := ibcproto.NewSuccessAck().Acknowledgement()
	var total uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		_, err := vault.StakeRemote(e.chain.Context(), &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder,
			Amount: coin(1_000), Validator: "valA"})
		require.NoError(b, err)
		data := e.clearOutbox()[0]
		b.StartTimer()
		total += handlerGas(e, func(ctx sdk.Context) {
			require.NoError(b, e.ibc.OnAcknowledgementPacket(ctx, testPacket(channel, data), ack, nil))
		})
	}
	b.ReportMetric(float64(total)/float64(b.N), "gas/op")
}

// BenchmarkSlashValsetUpdate receives a valset_update slashing a validator with N cross-stakers:
// recording the slash is O(1) in N (each user's loss is settled later, alone).
func BenchmarkSlashValsetUpdate(b *testing.B) {
	for _, n := range []int{10, 1_000} {
		b.Run(fmt.Sprintf("stakers=%d", n), func(b *testing.B) {
			e := newEnv(b)
			e.activate(1, "valA")
			populate(b, e, n)
			var total uint64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				packet := ibcproto.ValsetUpdatePacket{Height: uint64(10 + i), Time: 10, Slashed: []ibcproto.ValidatorSlashInfo{{
					Address: "valA", InfractionHeight: uint64(5 + i), InfractionTime: 1, Power: 1,
					SlashAmount: ibcproto.NewCoin(denom, ints(10)), SlashRatio: "0.05",
				}}}
				data, err := ibcproto.EncodeConsumerPacket(packet)
				require.NoError(b, err)
				total += handlerGas(e, func(ctx sdk.Context) {
					require.True(b, e.ibc.OnRecvPacket(ctx, packetOn(channel, data), nil).Success())
				})
			}
			b.ReportMetric(float64(total)/float64(b.N), "gas/op")
		})
	}
}

// populate gives n fresh users a committed cross-stake of 1,000 on valA, writing directly
// through the keepers (no blocks), so a large staker set is cheap to build.
func populate(b *testing.B, e *env, n int) {
	ctx := e.chain.Context()
	vault := vaultkeeper.NewMsgServerImpl(e.chain.App.VaultKeeper)
	funder := e.chain.Accounts[0]
	for i := 0; i < n; i++ {
		u := testutil.NewAccount()
		require.NoError(b, e.chain.App.BankKeeper.SendCoins(ctx, funder.Address, u.Address, sdk.NewCoins(coin(10_000))))
		_, err := vault.Bond(ctx, &vaulttypes.MsgBond{Owner: u.String(), Amount: coin(10_000)})
		require.NoError(b, err)
		_, err = vault.StakeRemote(ctx, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: coin(1_000), Validator: "valA"})
		require.NoError(b, err)
		for _, data := range e.clearOutbox() {
			e.ack(data, true)
		}
	}
}
