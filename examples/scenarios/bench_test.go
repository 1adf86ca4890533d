package scenarios_test

import (
	"fmt"
	"testing"

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
//     nothing new to settle: its gas, the users it visited and its gas per visited user;
//   - delegate-*: a further native MsgDelegate on the same provider, after the settlement.
//
// Each iteration builds its own pair of chains: the users are bonded and cross-staked through
// the provider's vault Msg server on committed state, their stake packets handed to the
// consumer's converter and its acknowledgements to external staking directly (relaying a
// thousand stakes would cost thousands of blocks); the epoch that delegates the virtual stake,
// the jailing, the relay of the slash and the settlement run in real blocks. Each iteration ends
// with the invariants of both chains and the token-conservation check.
//
// The timer runs through the whole iteration, setup included, so ns/op is the time of one
// iteration (under a second at N = 10, several seconds at N = 1,000 on two cores), not a
// measure of the protocol. That keeps the run short at any -benchtime: the default one-second
// target takes a few iterations at N = 10 and one at N = 1,000. make bench runs it with
// -benchtime 1x.
func BenchmarkCrossSlashScale(b *testing.B) {
	for _, n := range []int{10, 1_000} {
		b.Run(fmt.Sprintf("stakers=%d", n), func(b *testing.B) {
			var recv, delegate, crank, idle gasOps
			var blocks, idleUsers int
			for i := 0; i < b.N; i++ {
				s := newScale(b, n)
				recv = recv.plus(s.receiveSlash())
				c, k := s.settle()
				crank, blocks = crank.plus(c), blocks+k
				g, u := s.idleCrank()
				idle, idleUsers = idle.plus(g), idleUsers+u
				delegate = delegate.plus(s.delegate())
				s.checkConservation()
			}
			recv.report(b, "recv", "op", b.N)
			delegate.report(b, "delegate", "op", b.N)
			crank.report(b, "crank", "block", blocks)
			b.ReportMetric(float64(blocks)/float64(b.N), "crank-blocks/op")
			b.ReportMetric(float64(crank.gas)/float64(b.N*n), "crank-gas/user")
			b.ReportMetric(float64(idle.gas)/float64(b.N), "crank-idle-gas/block")
			b.ReportMetric(float64(idleUsers)/float64(b.N), "crank-idle-users/block")
			b.ReportMetric(float64(idle.gas)/float64(idleUsers), "crank-idle-gas/user")
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
	// burned is what x/staking burned of the consumer validator's tokens when it was jailed.
	burned sdkmath.Int
	// reported is the slash ratio of the consumer's report of the jailing.
	reported sdkmath.LegacyDec
	// loss is what each user loses: the reported ratio of its cross-stake.
	loss sdkmath.Int
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
	bonded := s.tokens(0)
	s.consumer.SetAbsent(down)
	for i := 0; i < 12 && !s.jailed(0); i++ {
		s.consumer.NextBlock()
	}
	require.True(b, s.jailed(0), "jailed for downtime")
	s.consumer.SetPresent(down)
	s.consumer.NextBlock()
	s.burned = bonded.Sub(s.tokens(0))
	// x/slashing's downtime fraction of the validator's consensus power at the infraction
	fraction, err := s.consumer.App.SlashingKeeper.SlashFractionDowntime(s.consumer.Context())
	require.NoError(b, err)
	power := sdk.TokensToConsensusPower(bonded, sdk.DefaultPowerReduction)
	require.Equal(b, fraction.MulInt(sdk.TokensFromConsensusPower(power, sdk.DefaultPowerReduction)).TruncateInt().String(),
		s.burned.String(), "x/staking's burn")
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
// stay pending. It records the ratio the consumer reported: x/slashing's downtime fraction.
func (s *scale) receiveSlash() gasOps {
	var measured gasOps
	var slashes []ibcproto.ValidatorSlashInfo
	for _, sent := range s.consumer.PendingPackets() {
		require.NoError(s.b, s.link.ReceivePacket(sent))
		decoded, err := ibcproto.DecodeConsumerPacket(sent.GetData())
		require.NoError(s.b, err)
		if v, ok := decoded.(ibcproto.ValsetUpdatePacket); ok && len(v.Slashed) > 0 {
			slashes = append(slashes, v.Slashed...)
			measured = gasOps{gas: s.provider.LastTxGas(), ops: s.provider.LastTxStoreOps()}
			s.crank.from = s.provider.Height()
		}
	}
	require.Len(s.b, slashes, 1, "one slash, in one valset_update")
	require.Equal(s.b, s.cval(0), slashes[0].Address)
	var err error
	s.reported, err = ibcproto.ParseSlashRatio(slashes[0].SlashRatio)
	require.NoError(s.b, err)
	fraction, err := s.consumer.App.SlashingKeeper.SlashFractionDowntime(s.consumer.Context())
	require.NoError(s.b, err)
	require.Equal(s.b, fraction.String(), s.reported.String())
	// the provider applies the reported ratio, within the pairing's downtime ratio
	ratio := sdkmath.LegacyMinDec(s.reported, s.extPairing().DowntimeRatio)
	s.loss = ratio.MulInt64(scaleStake).TruncateInt()
	return measured
}

// settle produces provider blocks until every user's loss is applied (the acknowledgement of the
// slash stays unrelayed, so no other block is produced); it returns the crank's gas and store
// operations in the blocks from the receive to the last settlement, and how many blocks that was:
// at most one more than the users over the vault's max_settlements_per_block, rounded up. Every
// user loses exactly the reported ratio of its cross-stake.
func (s *scale) settle() (gasOps, int) {
	res, err := vaultkeeper.NewQueryServerImpl(s.provider.App.VaultKeeper).Params(s.provider.Context(), &vaulttypes.QueryParamsRequest{})
	require.NoError(s.b, err)
	perBlock := int(res.Params.MaxSettlementsPerBlock)
	bound := (len(s.users)+perBlock-1)/perBlock + 1
	for s.provider.Height()-s.crank.from+1 < int64(bound) && s.unsettled() > 0 {
		s.provider.NextBlock()
	}
	require.Zero(s.b, s.unsettled(), "every user settled within %d blocks", bound)
	require.Equal(s.b, "10", s.loss.String(), "1% of 1,000")
	for _, u := range s.users {
		require.Equal(s.b, s.loss.String(), s.lossOf(u).String())
	}
	var total gasOps
	blocks := 0
	for h := s.crank.from; h <= s.provider.Height(); h++ {
		total = total.plus(s.crank.blocks[h])
		blocks++
	}
	require.LessOrEqual(s.b, blocks, bound)
	return total, blocks
}

// checkConservation runs the invariants of both chains and the conservation check: the provider
// burned every user's loss, the consumer x/staking's burn less the virtual stake's part of it.
func (s *scale) checkConservation() {
	provBurned := s.loss.MulRaw(int64(len(s.users)))
	s.check(provBurned, s.burned.Sub(s.virtualSupply().Slashed))
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

// idleCrank is the crank of one more provider block, with every user settled, and how many
// users it visited.
func (s *scale) idleCrank() (gasOps, int) {
	before := crankCursor(s.b, s.provider)
	s.provider.NextBlock()
	return s.crank.blocks[s.provider.Height()], visited(s.b, s.provider, before, crankCursor(s.b, s.provider))
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
