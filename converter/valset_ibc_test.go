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

// virtualStakeOn is the value of the consumer pairing's virtual stake on validator i.
func (p *pair) virtualStakeOn(i int) string {
	values, err := p.consumer.App.VirtualStakingKeeper.PairingValues(p.consumer.Context(), p.consumer.Validators[i].ValAddress())
	require.NoError(p.t, err)
	for _, v := range values {
		if v.PairingID == convPairing {
			return v.Value.String()
		}
	}
	return "0"
}

// stakeOn is a provider user's bonded cross-stake on a consumer validator.
func (p *pair) stakeOn(u testutil.Account, val string) string {
	low, _, err := p.provider.App.ExternalStakingKeeper.StakeOf(p.provider.Context(), extPairing, u.Address, val)
	require.NoError(p.t, err)
	return low.String()
}

// withVirtualStake cross-stakes 1,000 uprov from two provider users on the consumer validators
// at the given indexes and runs one virtual staking epoch, due 5 blocks later, so each carries 450 ucons of
// virtual stake: floor(floor(1000 * 0.5) * 0.9).
func (p *pair) withVirtualStake(a, b int) (testutil.Account, testutil.Account) {
	ctx := p.consumer.Context()
	vsParams, err := p.consumer.App.VirtualStakingKeeper.Params.Get(ctx)
	require.NoError(p.t, err)
	vsParams.EpochLength = 5
	require.NoError(p.t, p.consumer.App.VirtualStakingKeeper.Params.Set(ctx, vsParams))
	require.NoError(p.t, p.consumer.App.VirtualStakingKeeper.NextEpoch.Set(ctx, p.consumer.Height()+5))
	u, w := p.provider.Accounts[0], p.provider.Accounts[1]
	p.stakeRemote(u, 10_000, 1_000, p.val(a))
	p.stakeRemote(w, 10_000, 1_000, p.val(b))
	for i := 0; i < 12 && p.virtualStakeOn(b) == "0"; i++ {
		p.consumer.NextBlock()
	}
	require.Equal(p.t, "450", p.virtualStakeOn(a))
	require.Equal(p.t, "450", p.virtualStakeOn(b))
	// no further epoch in the test, so no reward batch joins the valset updates
	require.NoError(p.t, p.consumer.App.VirtualStakingKeeper.NextEpoch.Set(p.consumer.Context(), p.consumer.Height()+1000))
	require.NoError(p.t, p.link.RelayAll())
	return u, w
}

// TestValsetReportsDowntimeAndDoubleSign cross-stakes from the provider onto two consumer
// validators, lets an epoch give them virtual stake, then has one double-sign (real misbehaviour,
// tombstoned by x/evidence) and the other miss blocks until x/slashing jails it. The chain-event
// capture reports each to the converter, which sends exactly one valset_update in the block,
// with the slash converted back to the provider's denom, and external staking applies it to the
// cross-stakes.
func TestValsetReportsDowntimeAndDoubleSign(t *testing.T) {
	p := newPair(t)
	p.open()
	faulty := p.nonProposers()
	doubleSigner, downer := p.consumer.Validators[faulty[0]], p.consumer.Validators[faulty[1]]
	ds, dn := p.val(faulty[0]), p.val(faulty[1])
	u, w := p.withVirtualStake(faulty[0], faulty[1])
	p.requireValsets(t)
	ctx := p.consumer.Context()
	doubleRatio, err := p.consumer.App.SlashingKeeper.SlashFractionDoubleSign(ctx)
	require.NoError(t, err)
	downRatio, err := p.consumer.App.SlashingKeeper.SlashFractionDowntime(ctx)
	require.NoError(t, err)
	require.Equal(t, "0.050000000000000000 0.010000000000000000", doubleRatio.String()+" "+downRatio.String())

	// the double-sign: slashed, jailed and tombstoned in one block, reported in that block
	require.NoError(t, p.consumer.InjectDoubleSign(doubleSigner))
	signedAt, signTime := p.consumer.Height(), p.consumer.LastBlockTime()
	slashes := p.slashesIn(p.consumer.NextBlock())
	require.True(t, p.consumer.App.SlashingKeeper.IsTombstoned(p.consumer.Context(), doubleSigner.ConsAddress()))
	require.Len(t, slashes, 1)
	require.Equal(t, ds, slashes[0].valoper)
	require.Equal(t, slashingtypes.AttributeValueDoubleSign, slashes[0].reason)
	height, now := p.now()
	p.requireValsets(t, ibcproto.ValsetUpdatePacket{
		// a jailed validator leaves the active set, so it is sent in removals too
		Height: height, Time: now, Removals: []string{ds}, Jailed: []string{ds}, Tombstoned: []string{ds},
		Slashed: []ibcproto.ValidatorSlashInfo{
			// x/staking cuts the validator's tokens by 5% and the pairing's delegation, valued
			// rounding down, goes from 450 to 427: 23 ucons of virtual stake, worth
			// floor(floor(23 * 2) * 1.111111111111111111) = 51 uprov
			{Address: ds, InfractionHeight: uint64(signedAt), InfractionTime: uint64(signTime.Unix()),
				Power: uint64(slashes[0].power), SlashAmount: ibcproto.NewCoin("uprov", ints(51)), SlashRatio: doubleRatio.String()},
		},
	})
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, exttypes.VALIDATOR_STATUS_TOMBSTONED, p.providerStatus(ds))
	// min(1000 * 0.05, 51) = 50 taken from the cross-stake
	require.Equal(t, "950", p.stakeOn(u, ds))
	require.Equal(t, "1000", p.stakeOn(w, dn))

	// the downtime: jailed and slashed at the end of the signing window, reported in that block
	p.consumer.SetAbsent(downer)
	var lastSigned int64
	var lastSignedTime time.Time
	for i := 0; i < int(testutil.DefaultSignedBlocksWindow)+5 && len(slashes) < 2; i++ {
		// x/slashing slashes downtime at the block before the one that jails (its distribution
		// height plus the validator update delay)
		lastSigned, lastSignedTime = p.consumer.Height(), p.consumer.LastBlockTime()
		slashes = append(slashes, p.slashesIn(p.consumer.NextBlock())...)
		if len(slashes) < 2 {
			p.requireValsets(t)
		}
	}
	jailed, err := p.consumer.App.StakingKeeper.GetValidator(p.consumer.Context(), downer.ValAddress())
	require.NoError(t, err)
	require.True(t, jailed.Jailed)
	require.Len(t, slashes, 2)
	require.Equal(t, dn, slashes[1].valoper)
	require.Equal(t, slashingtypes.AttributeValueMissingSignature, slashes[1].reason)
	height, now = p.now()
	p.requireValsets(t, ibcproto.ValsetUpdatePacket{
		Height: height, Time: now, Removals: []string{dn}, Jailed: []string{dn},
		Slashed: []ibcproto.ValidatorSlashInfo{
			// the delegation goes from 450 to 445: 5 ucons, worth
			// floor(floor(5 * 2) * 1.111111111111111111) = 11 uprov
			{Address: dn, InfractionHeight: uint64(lastSigned), InfractionTime: uint64(lastSignedTime.Unix()),
				Power: uint64(slashes[1].power), SlashAmount: ibcproto.NewCoin("uprov", ints(11)), SlashRatio: downRatio.String()},
		},
	})
	require.NoError(t, p.link.RelayAll())
	require.Equal(t, exttypes.VALIDATOR_STATUS_JAILED, p.providerStatus(dn))
	require.Equal(t, exttypes.VALIDATOR_STATUS_ACTIVE, p.providerStatus(p.val(faulty[2])))
	// min(1000 * 0.01, 11) = 10 taken from the cross-stake
	require.Equal(t, "990", p.stakeOn(w, dn))
	require.Equal(t, "950", p.stakeOn(u, ds))
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
