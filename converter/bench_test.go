package converter_test

import (
	"testing"

	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/types"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/storeops"
)

// Gas benchmarks on the consumer chain: the receive of a stake packet (the IBC module's callback,
// without the relay transaction's proof verification) next to x/staking's MsgDelegate, both as
// the message handler alone on a fresh gas meter and, for MsgDelegate, as a whole transaction.

// measured runs fn on a fresh gas meter of the consumer's committed state and returns its gas
// and store operations; what fn writes is committed with the next block.
func measured(p *pair, fn func(ctx sdk.Context)) (uint64, storeops.Counts) {
	var ops storeops.Counts
	meter := storeops.Wrap(storetypes.NewInfiniteGasMeter(), &ops)
	ctx := p.consumer.Context().WithGasMeter(meter)
	fn(ctx)
	return meter.GasConsumed(), ops
}

// report reports average gas and store operations per iteration.
func report(b *testing.B, gas uint64, ops storeops.Counts) {
	b.ReportMetric(float64(gas)/float64(b.N), "gas/op")
	storeops.ReportPerOp(b, ops, b.N)
}

// BenchmarkStakeReceiveVsDelegate measures, in one run, a further stake packet of a provider
// delegator on a validator it already backs, and a further native delegation of an account to
// a validator it already delegates to.
func BenchmarkStakeReceiveVsDelegate(b *testing.B) {
	p, u := refusalPair(b)
	val := p.val(0)
	module := p.ibcModule()
	data := p.encode(ibcproto.StakePacket{Delegator: u.String(), Validator: val, Stake: ibcproto.NewCoin("uprov", ints(10)), TxID: 1})
	packet := channeltypes.Packet{Sequence: 1, SourcePort: exttypes.PortID, SourceChannel: p.ch.ChannelB,
		DestinationPort: types.PortID, DestinationChannel: p.ch.ChannelA, Data: data}
	delegator := p.consumer.Accounts[0]
	delegate := stakingtypes.NewMsgDelegate(delegator.String(), val, sdk.NewInt64Coin("ucons", 1_000))
	_, _, err := p.consumer.DeliverTx(delegator, delegate)
	require.NoError(b, err)
	staking := stakingkeeper.NewMsgServerImpl(p.consumer.App.StakingKeeper)

	b.Run("stake packet receive", func(b *testing.B) {
		var gas uint64
		var ops storeops.Counts
		for i := 0; i < b.N; i++ {
			g, o := measured(p, func(ctx sdk.Context) {
				require.True(b, module.OnRecvPacket(ctx, packet, nil).Success())
			})
			gas, ops = gas+g, ops.Plus(o)
		}
		report(b, gas, ops)
	})
	b.Run("MsgDelegate handler", func(b *testing.B) {
		var gas uint64
		var ops storeops.Counts
		for i := 0; i < b.N; i++ {
			g, o := measured(p, func(ctx sdk.Context) {
				_, err := staking.Delegate(ctx, delegate)
				require.NoError(b, err)
			})
			gas, ops = gas+g, ops.Plus(o)
		}
		report(b, gas, ops)
	})
	b.Run("MsgDelegate transaction", func(b *testing.B) {
		testutil.ReportTxGas(b, p.consumer, func(int) testutil.TxCase {
			return testutil.TxCase{Signer: delegator, Msgs: []sdk.Msg{delegate}}
		})
	})
}
