package scenarios_test

import (
	"context"
	"fmt"
	"testing"

	"cosmossdk.io/core/appmodule"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	convtypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/externalstaking"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/storeops"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// scaleBond and scaleStake are what each benchmark user bonds and cross-stakes.
const (
	scaleBond  = 10_000
	scaleStake = 1_000
)

// BenchmarkCrossSlashScale measures, on a provider whose N users (N = 10 and N = 1,000) are
// cross-staked to one consumer validator that is then jailed for downtime on the consumer:
//
//   - recv-*: the whole MsgRecvPacket transaction that carries the slashing valset_update, relayed
//     with its proof (ante handler and proof verification included), as gas and store operations;
//   - crank-*: the vault's EndBlock settlement crank in the provider blocks from that receive to
//     the one that applies the last user's loss, per block (gas and store operations), the
//     number of those blocks, their crank gas per user, and the crank of one more block with
//     nothing new to settle (crank-idle-gas/block);
//   - delegate-*: a further native MsgDelegate on the same provider, after the settlement.
//
// Each iteration builds its own pair of chains: the users are bonded and cross-staked through
// the provider's vault Msg server on committed state, their stake packets handed to the
// consumer's converter and its acknowledgements to external staking directly (relaying a
// thousand stakes would cost thousands of blocks); the epoch that delegates the virtual stake,
// the jailing, the relay of the slash and the settlement run in real blocks. The setup runs with
// the timer stopped; ns/op is the relayed receive alone and is not the measure.
func BenchmarkCrossSlashScale(b *testing.B) {
	for _, n := range []int{10, 1_000} {
		b.Run(fmt.Sprintf("stakers=%d", n), func(b *testing.B) {
			var recv, delegate, crank, idle gasOps
			var blocks int
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s := newScale(b, n)
				b.StartTimer()
				recv = recv.plus(s.receiveSlash())
				b.StopTimer()
				c, k := s.settle()
				crank, blocks = crank.plus(c), blocks+k
				idle = idle.plus(s.idleCrank())
				delegate = delegate.plus(s.delegate())
			}
			recv.report(b, "recv", "op", b.N)
			delegate.report(b, "delegate", "op", b.N)
			crank.report(b, "crank", "block", blocks)
			b.ReportMetric(float64(blocks)/float64(b.N), "crank-blocks/op")
			b.ReportMetric(float64(crank.gas)/float64(b.N*n), "crank-gas/user")
			b.ReportMetric(float64(idle.gas)/float64(b.N), "crank-idle-gas/block")
		})
	}
}

// gasOps is gas and the store operations it paid for.
type gasOps struct {
	gas uint64
	ops storeops.Counts
}

func (g gasOps) plus(o gasOps) gasOps { return gasOps{gas: g.gas + o.gas, ops: g.ops.Plus(o.ops)} }

// report reports g over n units as "<name>-gas/<unit>" and the store operations likewise.
func (g gasOps) report(b *testing.B, name, unit string, n int) {
	per := func(v uint64) float64 { return float64(v) / float64(n) }
	b.ReportMetric(per(g.gas), fmt.Sprintf("%s-gas/%s", name, unit))
	b.ReportMetric(per(g.ops.Reads), fmt.Sprintf("%s-reads/%s", name, unit))
	b.ReportMetric(per(g.ops.Writes), fmt.Sprintf("%s-writes/%s", name, unit))
	b.ReportMetric(per(g.ops.IterSteps), fmt.Sprintf("%s-iters/%s", name, unit))
}

// scale is a mesh whose provider has n users cross-staked to the consumer's validator 0,
// with a crank meter around the provider's vault.
type scale struct {
	*mesh
	b     *testing.B
	users []sdk.AccAddress
	crank *crankMeter
	// before is the provider's supply before the slash reached it.
	before sdkmath.Int
}

// newScale builds the mesh, cross-stakes the users, runs the epoch that delegates their virtual
// stake and jails the validator, leaving the slashing valset_update unrelayed.
func newScale(b *testing.B, n int) *scale {
	s := &scale{mesh: newMesh(b), b: b}
	s.populate(n)
	s.epoch()
	// floor(floor(1000 * 0.5) * 0.9) = 450 for each user
	require.Equal(b, testutil.DefaultValidatorStake.Add(ints(450*int64(n))).String(), s.tokens(0).String())
	s.crank = meterCrank(b, s.provider)
	down := s.consumer.Validators[0]
	s.consumer.SetAbsent(down)
	for i := 0; i < 12 && !s.jailed(0); i++ {
		s.consumer.NextBlock()
	}
	require.True(b, s.jailed(0), "jailed for downtime")
	s.consumer.SetPresent(down)
	s.consumer.NextBlock()
	s.before = s.supply(s.provider)
	return s
}

// jailed reports whether the consumer's i-th validator is jailed.
func (s *scale) jailed(i int) bool {
	v, err := s.consumer.App.StakingKeeper.GetValidator(s.consumer.Context(), s.consumer.Validators[i].ValAddress())
	require.NoError(s.b, err)
	return v.Jailed
}

// populate funds, bonds and cross-stakes the users through the provider's vault Msg server on
// committed state, and answers each stake as a relayer would, without blocks: the consumer's
// converter receives the packet's data on its channel and external staking takes the
// converter's acknowledgement.
func (s *scale) populate(n int) {
	p, c := s.provider, s.consumer
	ctx, cctx := p.Context(), c.Context()
	ext := p.App.ExternalStakingKeeper
	module := externalstaking.NewIBCModule(ext)
	vault := vaultkeeper.NewMsgServerImpl(p.App.VaultKeeper)
	for i := 0; i < n; i++ {
		u := testutil.SeededAccount(fmt.Sprintf("scale/user/%d", i)).Address
		s.users = append(s.users, u)
		require.NoError(s.b, p.App.BankKeeper.SendCoins(ctx, p.Accounts[0].Address, u, sdk.NewCoins(sdk.NewInt64Coin(provDenom, scaleBond))))
		_, err := vault.Bond(ctx, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, scaleBond)})
		require.NoError(s.b, err)
		_, err = vault.StakeRemote(ctx, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder,
			Amount: sdk.NewInt64Coin(provDenom, scaleStake), Validator: s.cval(0)})
		require.NoError(s.b, err)
		var sent []uint64
		require.NoError(s.b, ext.Outbox.Walk(ctx, nil, func(seq uint64, o exttypes.OutboxPacket) (bool, error) {
			sent = append(sent, seq)
			require.NoError(s.b, c.App.ConverterKeeper.Receive(cctx, s.ch.ChannelA, o.Data))
			packet := channeltypes.Packet{SourcePort: exttypes.PortID, SourceChannel: s.ch.ChannelB,
				DestinationPort: convtypes.PortID, DestinationChannel: s.ch.ChannelA, Data: o.Data}
			return false, module.OnAcknowledgementPacket(ctx, packet, ibcproto.NewSuccessAck().Acknowledgement(), nil)
		}))
		require.Len(s.b, sent, 1, "one stake packet per user")
		require.NoError(s.b, ext.Outbox.Remove(ctx, sent[0]))
	}
	p.NextBlock()
	c.NextBlock()
	require.Equal(s.b, "1000-1000", s.stakeAt(s.users[n-1]))
}

// stakeAt is a user's committed cross-stake on the consumer's validator 0.
func (s *scale) stakeAt(u sdk.AccAddress) string {
	low, high, err := s.provider.App.ExternalStakingKeeper.StakeOf(s.provider.Context(), extPair, u, s.cval(0))
	require.NoError(s.b, err)
	return low.String() + "-" + high.String()
}

// receiveSlash relays the consumer's pending packets to the provider, in order, and returns the
// gas and store operations of the MsgRecvPacket that carried the slash; the acknowledgements
// stay pending.
func (s *scale) receiveSlash() gasOps {
	var measured gasOps
	slashes := 0
	for _, sent := range s.consumer.PendingPackets() {
		require.NoError(s.b, s.link.ReceivePacket(sent))
		decoded, err := ibcproto.DecodeConsumerPacket(sent.GetData())
		require.NoError(s.b, err)
		if v, ok := decoded.(ibcproto.ValsetUpdatePacket); ok && len(v.Slashed) > 0 {
			slashes++
			measured = gasOps{gas: s.provider.LastTxGas(), ops: s.provider.LastTxStoreOps()}
			s.crank.from = s.provider.Height()
		}
	}
	require.Equal(s.b, 1, slashes, "one slashing valset_update")
	return measured
}

// settle produces provider blocks until every user's loss is applied (the acknowledgement of the
// slash stays unrelayed, so no other block is produced); it returns the crank's gas and store
// operations in the blocks from the receive to the last settlement, and how many blocks that was.
// Every user loses the same amount, and the provider's supply falls by the users' losses.
func (s *scale) settle() (gasOps, int) {
	limit := 10 * (len(s.users)/vaulttypes.DefaultMaxSettlementsPerBlock + 1)
	for i := 0; i < limit && s.unsettled() > 0; i++ {
		s.provider.NextBlock()
	}
	require.Zero(s.b, s.unsettled(), "every user settled")
	loss := s.lossOf(s.users[0])
	require.True(s.b, loss.IsPositive(), "the slash reached the users")
	for _, u := range s.users {
		require.Equal(s.b, loss.String(), s.lossOf(u).String())
	}
	require.Equal(s.b, s.before.Sub(loss.MulRaw(int64(len(s.users)))).String(), s.supply(s.provider).String(), "burned")
	var total gasOps
	blocks := 0
	for h := s.crank.from; h <= s.provider.Height(); h++ {
		total = total.plus(s.crank.blocks[h])
		blocks++
	}
	return total, blocks
}

// unsettled counts the users whose stored collateral the slash has not lowered yet.
func (s *scale) unsettled() int {
	n := 0
	for _, u := range s.users {
		if s.lossOf(u).IsZero() {
			n++
		}
	}
	return n
}

// lossOf is what a user's stored collateral lost, read without settling the user.
func (s *scale) lossOf(u sdk.AccAddress) sdkmath.Int {
	c, err := s.provider.App.VaultKeeper.Accounts.Get(s.provider.Context(), u)
	require.NoError(s.b, err)
	return ints(scaleBond).Sub(c)
}

// idleCrank is the crank of one more provider block, with every user settled.
func (s *scale) idleCrank() gasOps {
	s.provider.NextBlock()
	return s.crank.blocks[s.provider.Height()]
}

// delegate delivers a further native MsgDelegate to a provider validator and returns its gas and
// store operations; the first delegation of the account to it runs unmeasured.
func (s *scale) delegate() gasOps {
	d := s.provider.Accounts[1]
	msg := stakingtypes.NewMsgDelegate(d.String(), s.pval(0), sdk.NewInt64Coin(provDenom, 1_000))
	s.deliver(s.provider, d, msg)
	gas, _, err := s.provider.DeliverTx(d, msg)
	require.NoError(s.b, err)
	return gasOps{gas: gas, ops: s.provider.LastTxStoreOps()}
}

// crankMeter stands in for the vault module in the module manager and meters its EndBlock, the
// settlement crank, per height: the crank runs on the block's own gas meter, wrapped to count the
// store operations it pays for, so the block is charged exactly what it would be charged.
type crankMeter struct {
	appmodule.HasEndBlocker
	blocks map[int64]gasOps
	// from is the height of the block that received the slash.
	from int64
}

// meterCrank puts a crank meter around the chain's vault module.
func meterCrank(b *testing.B, c *testutil.Chain) *crankMeter {
	mm := c.App.ModuleManager
	inner, ok := mm.Modules[vaulttypes.ModuleName].(appmodule.HasEndBlocker)
	require.True(b, ok, "the vault has an end blocker")
	m := &crankMeter{HasEndBlocker: inner, blocks: map[int64]gasOps{}}
	mm.Modules[vaulttypes.ModuleName] = m
	return m
}

// EndBlock runs the vault's EndBlock on a counting wrapper of the block's gas meter.
func (m *crankMeter) EndBlock(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	var ops storeops.Counts
	meter := storeops.Wrap(sdkCtx.GasMeter(), &ops)
	before := meter.GasConsumed()
	err := m.HasEndBlocker.EndBlock(sdkCtx.WithGasMeter(meter))
	m.blocks[sdkCtx.BlockHeight()] = gasOps{gas: meter.GasConsumed() - before, ops: ops}
	return err
}
