package converter_test

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/types"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
)

// chainSlash is a slash x/slashing reported in a block's events.
type chainSlash struct {
	valoper string
	power   int64
	reason  string
	height  int64
	time    time.Time
}

// slashesIn reads the slash events of a finalized block of the consumer.
func (p *pair) slashesIn(res *abci.ResponseFinalizeBlock) []chainSlash {
	var out []chainSlash
	for _, ev := range res.Events {
		if ev.Type != slashingtypes.EventTypeSlash {
			continue
		}
		s := chainSlash{height: p.consumer.Height(), time: p.consumer.LastBlockTime()}
		if !hasAttribute(ev, slashingtypes.AttributeKeyReason) {
			continue // the jail event shares the type
		}
		for _, a := range ev.Attributes {
			switch a.Key {
			case slashingtypes.AttributeKeyAddress:
				for i, v := range p.consumer.Validators {
					if v.ConsAddress().String() == a.Value {
						s.valoper = p.val(i)
					}
				}
			case slashingtypes.AttributeKeyPower:
				s.power, _ = strconv.ParseInt(a.Value, 10, 64)
			case slashingtypes.AttributeKeyReason:
				s.reason = a.Value
			}
		}
		require.NotEmpty(p.t, s.valoper, "slash of an unknown validator")
		out = append(out, s)
	}
	return out
}

// TestValsetReportsDowntimeAndDoubleSign has one consumer validator double-sign (real
// misbehaviour, tombstoned by x/evidence) and another miss blocks until x/slashing jails it; what
// the chain did is reported to the converter as the chain-event capture will, and the next block
// sends exactly one valset_update carrying it, which external staking applies.
func TestValsetReportsDowntimeAndDoubleSign(t *testing.T) {
	p := newPair(t)
	p.open()
	// the driver keeps the proposer of the genesis set in its headers, so a removed proposer
	// would leave light-client headers the provider refuses: neither faulty validator is it
	faulty := p.nonProposers()
	doubleSigner, downer := p.consumer.Validators[faulty[0]], p.consumer.Validators[faulty[1]]
	ds, dn := p.val(faulty[0]), p.val(faulty[1])

	require.NoError(t, p.consumer.InjectDoubleSign(doubleSigner))
	signedAt := p.consumer.Height()
	slashes := p.slashesIn(p.consumer.NextBlock())
	p.consumer.SetAbsent(downer)
	for i := 0; i < int(testutil.DefaultSignedBlocksWindow)+5 && len(slashes) < 2; i++ {
		slashes = append(slashes, p.slashesIn(p.consumer.NextBlock())...)
	}
	ctx := p.consumer.Context()
	require.True(t, p.consumer.App.SlashingKeeper.IsTombstoned(ctx, doubleSigner.ConsAddress()))
	jailed, err := p.consumer.App.StakingKeeper.GetValidator(ctx, downer.ValAddress())
	require.NoError(t, err)
	require.True(t, jailed.Jailed)
	require.Len(t, slashes, 2)
	require.Equal(t, ds, slashes[0].valoper)
	require.Equal(t, slashingtypes.AttributeValueDoubleSign, slashes[0].reason)
	require.Equal(t, dn, slashes[1].valoper)
	require.Equal(t, slashingtypes.AttributeValueMissingSignature, slashes[1].reason)
	// nothing was reported yet, so nothing was sent
	p.requireValsets(t)

	doubleRatio, err := p.consumer.App.SlashingKeeper.SlashFractionDoubleSign(ctx)
	require.NoError(t, err)
	downRatio, err := p.consumer.App.SlashingKeeper.SlashFractionDowntime(ctx)
	require.NoError(t, err)
	signTime := slashes[0].time.Add(-testutil.DefaultBlockInterval)
	k := p.keeper()
	k.ReportValidatorChange(ctx, types.ValidatorChange{Kind: types.ValidatorJailed, Valoper: ds})
	k.ReportSlash(ctx, convPairing, types.VirtualSlash{Valoper: ds, InfractionHeight: signedAt,
		InfractionTime: signTime, Power: slashes[0].power, SlashRatio: doubleRatio, LocalAmount: ints(450), Tombstoned: true})
	k.ReportValidatorChange(ctx, types.ValidatorChange{Kind: types.ValidatorJailed, Valoper: dn})
	k.ReportSlash(ctx, convPairing, types.VirtualSlash{Valoper: dn, InfractionHeight: slashes[1].height,
		InfractionTime: slashes[1].time, Power: slashes[1].power, SlashRatio: downRatio, LocalAmount: ints(100)})
	k.ReportSlash(ctx, "no-such-pairing", types.VirtualSlash{Valoper: dn, LocalAmount: ints(1)})

	p.consumer.NextBlock()
	height, now := p.now()
	p.requireValsets(t, ibcproto.ValsetUpdatePacket{
		Height: height, Time: now,
		Jailed:     []string{ds, dn},
		Tombstoned: []string{ds},
		Slashed: []ibcproto.ValidatorSlashInfo{
			// 450 local back to the provider's denom: floor(floor(450 * 2) * 1.111111111111111111) = 999
			{Address: ds, InfractionHeight: uint64(signedAt), InfractionTime: uint64(signTime.Unix()),
				Power: uint64(slashes[0].power), SlashAmount: ibcproto.NewCoin("uprov", ints(999)), SlashRatio: doubleRatio.String()},
			// floor(floor(100 * 2) * 1.111111111111111111) = 222
			{Address: dn, InfractionHeight: uint64(slashes[1].height), InfractionTime: uint64(slashes[1].time.Unix()),
				Power: uint64(slashes[1].power), SlashAmount: ibcproto.NewCoin("uprov", ints(222)), SlashRatio: downRatio.String()},
		},
	})
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, exttypes.VALIDATOR_STATUS_TOMBSTONED, p.providerStatus(ds))
	require.Equal(t, exttypes.VALIDATOR_STATUS_JAILED, p.providerStatus(dn))
	require.Equal(t, exttypes.VALIDATOR_STATUS_ACTIVE, p.providerStatus(p.val(faulty[2])))
	p.consumer.NextBlock()
	p.requireValsets(t)
}

// TestValsetResentAndMerged holds an update in flight while more changes arrive: they wait, one
// update at a time; when the update in flight times out, it is sent again merged with what
// came after, with a fresh timeout.
func TestValsetResentAndMerged(t *testing.T) {
	p := newPair(t)
	p.open()
	params := types.DefaultParams()
	params.ValsetTimeout = 2 * time.Minute
	ctx := p.consumer.Context()
	require.NoError(t, p.keeper().Params.Set(ctx, params))
	k := p.keeper()
	change := func(kind types.ValidatorChangeKind, i int) {
		k.ReportValidatorChange(p.consumer.Context(), types.ValidatorChange{Kind: kind, Valoper: p.val(i)})
	}

	// one update in flight; the next changes wait for its acknowledgement
	change(types.ValidatorJailed, 0)
	p.consumer.NextBlock()
	h1, t1 := p.now()
	first := ibcproto.ValsetUpdatePacket{Height: h1, Time: t1, Jailed: []string{p.val(0)}}
	p.requireValsets(t, first)
	change(types.ValidatorJailed, 1)
	p.consumer.NextBlock()
	p.requireValsets(t, first)

	// the acknowledgement frees the pairing: the waiting change goes out in the block that
	// delivers it, and is relayed in turn
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, exttypes.VALIDATOR_STATUS_JAILED, p.providerStatus(p.val(0)))
	require.Equal(t, exttypes.VALIDATOR_STATUS_JAILED, p.providerStatus(p.val(1)))
	p.requireValsets(t)

	// an update times out while a later change waits: one merged update is sent, with a fresh
	// timeout, in the block that delivers the timeout
	change(types.ValidatorUnjailed, 1)
	p.consumer.NextBlock()
	h2, t2 := p.now()
	p.requireValsets(t, ibcproto.ValsetUpdatePacket{Height: h2, Time: t2, Unjailed: []string{p.val(1)}})
	change(types.ValidatorRemoved, 3)
	p.consumer.NextBlock()
	pending := p.consumer.PendingPackets()
	require.Len(t, pending, 1)
	require.NoError(t, p.ch.Link.TimeoutPacket(pending[0]))
	h3, t3 := p.now()
	p.requireValsets(t, ibcproto.ValsetUpdatePacket{Height: h3, Time: t3,
		Removals: []string{p.val(3)}, Unjailed: []string{p.val(1)}})
	resent := p.consumer.PendingPackets()
	require.Len(t, resent, 1)
	require.Equal(t, uint64(p.consumer.LastBlockTime().Add(params.ValsetTimeout).UnixNano()), resent[0].TimeoutTimestamp)
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, exttypes.VALIDATOR_STATUS_UNBONDED, p.providerStatus(p.val(3)))

	out, err := p.queries().Outbox(p.consumer.Context(), &types.QueryOutboxRequest{})
	require.NoError(t, err)
	require.Empty(t, out.InFlight)
	require.Empty(t, out.ValsetDrafts)
}

func hasAttribute(ev abci.Event, key string) bool {
	for _, a := range ev.Attributes {
		if a.Key == key {
			return true
		}
	}
	return false
}

// nonProposers lists the indexes of the consumer's validators other than the current proposer.
func (p *pair) nonProposers() []int {
	set, err := p.consumer.ValidatorSet(p.consumer.Height())
	require.NoError(p.t, err)
	var out []int
	for i, v := range p.consumer.Validators {
		if !bytes.Equal(v.ConsAddress(), set.GetProposer().Address) {
			out = append(out, i)
		}
	}
	return out
}
