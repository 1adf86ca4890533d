package keeper_test

import (
	"flag"
	"fmt"
	"math/rand"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// bonded is each user's collateral: small enough that stakes with both pairings exceed it, so
// slashes leave users without free collateral and the vault propagates burns.
const bonded = 500

var randomSteps = flag.Int("externalstaking.steps", 5_000, "steps of the randomised external staking test")

// inFlight is a packet the provider sent that the simulated consumer has not answered yet.
type inFlight struct {
	channel string
	data    []byte
}

// randomRun drives both pairings with random operations on a simulated clock.
type randomRun struct {
	e        *env
	rng      *rand.Rand
	users    []testutil.Account
	vals     []string
	now      time.Time
	flight   []inFlight
	height   uint64
	channels int
	// closing lets pairings close and reopen; it is off for the first half of the run, which
	// builds the stakes with both pairings that slashes turn into burns (a close frees liens).
	closing  bool
	counts   map[string]int
	vaultMsg vaulttypes.MsgServer
	extMsg   types.MsgServer
}

// ctx is the chain's context at the simulated time.
func (r *randomRun) ctx() sdk.Context { return r.e.chain.Context().WithBlockTime(r.now) }

// try runs op in a cache context and keeps its writes only on success, as a transaction does.
func (r *randomRun) try(name string, op func(ctx sdk.Context) error) {
	cache, write := r.ctx().CacheContext()
	if err := op(cache); err != nil {
		r.counts[name+" refused:"+errCause(err)]++
		return
	}
	write()
	r.counts[name]++
}

// collect moves queued packets into the in-flight list.
func (r *randomRun) collect() {
	ctx := r.ctx()
	var seqs []uint64
	require.NoError(r.e.t, r.e.k.Outbox.Walk(ctx, nil, func(seq uint64, o types.OutboxPacket) (bool, error) {
		r.flight = append(r.flight, inFlight{channel: r.channelOf(o.Pairing), data: o.Data})
		if p, err := ibcproto.DecodeProviderPacket(o.Data); err == nil {
			r.counts["sent "+p.Variant()]++
		}
		seqs = append(seqs, seq)
		return false, nil
	}))
	for _, s := range seqs {
		require.NoError(r.e.t, r.e.k.Outbox.Remove(ctx, s))
	}
}

func (r *randomRun) user() testutil.Account { return r.users[r.rng.Intn(len(r.users))] }
func (r *randomRun) val() string            { return r.vals[r.rng.Intn(len(r.vals))] }
func (r *randomRun) amount(max int) sdkmath.Int {
	return sdkmath.NewInt(int64(1 + r.rng.Intn(max)))
}

// step performs one random operation.
func (r *randomRun) step() {
	ibc := r.e.ibc
	switch op := r.rng.Intn(15); op {
	case 0, 1, 14:
		u, h := r.user(), holder
		if r.rng.Intn(3) == 0 {
			h = "external/" + pairingID2
		}
		r.try("stake", func(ctx sdk.Context) error {
			_, err := r.vaultMsg.StakeRemote(ctx, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: h,
				Amount: sdk.NewCoin(denom, r.amount(80)), Validator: r.val()})
			return err
		})
	case 2:
		u := r.user()
		r.try("unstake", func(ctx sdk.Context) error {
			_, err := r.extMsg.Unstake(ctx, &types.MsgUnstake{Owner: u.String(), PairingId: pairingID, Validator: r.val(), Amount: r.amount(100)})
			return err
		})
	case 3, 4, 5:
		if len(r.flight) == 0 {
			return
		}
		i := r.rng.Intn(len(r.flight))
		f := r.flight[i]
		r.flight = append(r.flight[:i], r.flight[i+1:]...)
		packet := testPacket(f.channel, f.data)
		switch r.rng.Intn(4) {
		case 0:
			require.NoError(r.e.t, ibc.OnAcknowledgementPacket(r.ctx(), packet, ibcproto.NewErrorAck("no").Acknowledgement(), nil))
			r.counts["error ack"]++
		case 1:
			require.NoError(r.e.t, ibc.OnTimeoutPacket(r.ctx(), packet, nil))
			r.counts["timeout"]++
		default:
			require.NoError(r.e.t, ibc.OnAcknowledgementPacket(r.ctx(), packet, ibcproto.NewSuccessAck().Acknowledgement(), nil))
			r.counts["success ack"]++
		}
	case 6:
		r.receive(ibcproto.DistributePacket{Validator: r.val(), Rewards: ibcproto.NewCoin("ucons", r.amount(1_000))})
	case 7:
		u := r.user()
		r.try("withdraw rewards", func(ctx sdk.Context) error {
			_, err := r.extMsg.WithdrawRewards(ctx, &types.MsgWithdrawRewards{Owner: u.String(), PairingId: pairingID, Validator: r.val(), Recipient: consumerRecipient})
			return err
		})
	case 8:
		r.height++
		kind := []string{"0.05", "0.1", "0.01"}[r.rng.Intn(3)]
		p := ibcproto.ValsetUpdatePacket{Height: r.height, Time: uint64(r.now.Unix()), Slashed: []ibcproto.ValidatorSlashInfo{{
			Address: r.val(), InfractionHeight: r.height - uint64(r.rng.Intn(int(r.height))), InfractionTime: uint64(r.now.Add(-time.Duration(r.rng.Intn(200)) * time.Second).Unix()),
			Power: 1, SlashAmount: ibcproto.NewCoin(denom, r.amount(60)), SlashRatio: kind,
		}}}
		if r.rng.Intn(100) == 0 {
			p.Tombstoned = []string{p.Slashed[0].Address}
		}
		r.receive(p)
	case 9:
		u, id := r.user(), pairingID
		if r.rng.Intn(3) == 0 {
			id = pairingID2
		}
		r.try("withdraw unbonded", func(ctx sdk.Context) error {
			_, err := r.extMsg.WithdrawUnbonded(ctx, &types.MsgWithdrawUnbonded{Owner: u.String(), PairingId: id})
			return err
		})
	case 10:
		r.now = r.now.Add(time.Duration(1+r.rng.Intn(40)) * time.Second)
		if r.closing {
			r.pairingLifecycle()
		}
	case 11:
		r.height++
		v := r.val()
		p := ibcproto.ValsetUpdatePacket{Height: r.height, Time: uint64(r.now.Unix())}
		switch r.rng.Intn(5) {
		case 0:
			p.Jailed = []string{v}
		case 1:
			p.Removals = []string{v}
		default:
			p.Additions = []ibcproto.AddValidator{{Valoper: v, PubKey: pubKey(v)}}
		}
		r.receive(p)
	case 12:
		batch := ibcproto.DistributeBatchPacket{Denom: "ucons"}
		for n := 1 + r.rng.Intn(3); n > 0; n-- {
			batch.Rewards = append(batch.Rewards, ibcproto.RewardInfo{Validator: r.val(), Reward: r.amount(500)})
		}
		r.receive(batch)
	case 13:
		amount := ibcproto.NewCoin(denom, r.amount(20))
		r.receive(ibcproto.InternalUnstakePacket{Delegator: r.user().String(), Validator: r.val(),
			NormalizeAmount: amount, InvertedAmount: amount})
	default:
		panic(fmt.Sprintf("op %d", op))
	}
	r.collect()
}

// pairingLifecycle closes a random pairing now and then, by the authority or by a counterparty
// close, and tries to reopen a closed one, which succeeds once the unbonding period after the
// close has passed and nothing of it is pending.
func (r *randomRun) pairingLifecycle() {
	id := []string{pairingID, pairingID2}[r.rng.Intn(2)]
	p, err := r.e.k.GetPairing(r.ctx(), id)
	require.NoError(r.e.t, err)
	switch {
	case p.Status != types.PAIRING_STATUS_CLOSED && r.rng.Intn(25) != 0:
	case p.Status != types.PAIRING_STATUS_CLOSED && r.rng.Intn(2) == 0:
		r.try("close by authority", func(ctx sdk.Context) error {
			_, err := r.extMsg.ClosePairing(ctx, &types.MsgClosePairing{Authority: r.e.k.Authority(), PairingId: id})
			return err
		})
	case p.Status != types.PAIRING_STATUS_CLOSED:
		r.try("close by counterparty", func(ctx sdk.Context) error {
			return r.e.ibc.OnChanCloseConfirm(ctx, types.PortID, p.ChannelId)
		})
	default:
		r.try("reopen", func(ctx sdk.Context) error {
			if _, err := r.extMsg.ReopenPairing(ctx, &types.MsgReopenPairing{Authority: r.e.k.Authority(), PairingId: id}); err != nil {
				return err
			}
			return r.bindChannel(ctx, id)
		})
	}
}

// bindChannel gives a reopened pairing a new channel, as a completed handshake does (the
// handshake itself needs a counterparty chain, which these single-chain tests do not have).
func (r *randomRun) bindChannel(ctx sdk.Context, id string) error {
	r.channels++
	ch := fmt.Sprintf("channel-%d", 100+r.channels)
	p, err := r.e.k.GetPairing(ctx, id)
	if err != nil {
		return err
	}
	p.ChannelId = ch
	if err := r.e.k.Pairings.Set(ctx, id, p); err != nil {
		return err
	}
	return r.e.k.Channels.Set(ctx, ch, id)
}

// channelOf is the pairing's current channel.
func (r *randomRun) channelOf(id string) string {
	p, err := r.e.k.GetPairing(r.ctx(), id)
	require.NoError(r.e.t, err)
	return p.ChannelId
}

// receive delivers a consumer packet on a random pairing's channel.
func (r *randomRun) receive(p ibcproto.ConsumerPacket) {
	ch := r.channelOf(pairingID)
	if r.rng.Intn(3) == 0 {
		ch = r.channelOf(pairingID2)
	}
	data, err := ibcproto.EncodeConsumerPacket(p)
	require.NoError(r.e.t, err)
	ack := r.e.ibc.OnRecvPacket(r.ctx(), testPacket(ch, data), nil)
	r.counts[fmt.Sprintf("receive %s ok=%v", p.Variant(), ack.Success())]++
}

// checkAll runs both modules' invariants at the simulated time.
func (r *randomRun) checkAll(step int) {
	ctx := r.ctx()
	require.NoError(r.e.t, r.e.k.CheckInvariants(ctx, vaultkeeper.NewQueryServerImpl(r.e.chain.App.VaultKeeper)), "step %d", step)
	require.NoError(r.e.t, r.e.chain.App.VaultKeeper.CheckInvariants(ctx), "step %d", step)
}

// TestRandomisedCrossStaking plays the consumer by calling the IBC module's callbacks: relaying
// thousands of steps through the driver would cost blocks on two chains for each.
func TestRandomisedCrossStaking(t *testing.T) {
	e := newEnv(t)
	users := e.chain.Accounts[:4]
	e.bond(bonded, users...)
	vals := []string{"valA", "valB", "valC", "valD", "valE"}
	e.activate(1, vals...)
	for _, v := range vals {
		require.True(t, e.receiveOnPacket(channel2, ibcproto.ValsetUpdatePacket{Height: 1, Time: 1,
			Additions: []ibcproto.AddValidator{{Valoper: v, PubKey: pubKey(v)}}}).Success())
	}
	supply := e.chain.App.BankKeeper.GetSupply(e.chain.Context(), denom).Amount

	r := &randomRun{e: e, rng: rand.New(rand.NewSource(11)), users: users, vals: vals, now: e.chain.LastBlockTime(),
		height: 1, counts: map[string]int{}, vaultMsg: vaultkeeper.NewMsgServerImpl(e.chain.App.VaultKeeper),
		extMsg: keeper.NewMsgServerImpl(e.k)}
	for i := 0; i < *randomSteps; i++ {
		r.closing = i >= *randomSteps/2
		r.step()
		r.checkAll(i)
	}
	t.Logf("operations: %v", r.counts)
	for _, name := range []string{"stake", "unstake", "success ack", "error ack", "timeout", "withdraw rewards",
		"withdraw unbonded", "sent burn", "receive valset_update ok=true", "receive distribute ok=true",
		"receive distribute_batch ok=true", "receive internal_unstake ok=true", "close by authority",
		"close by counterparty", "reopen"} {
		require.Positive(t, r.counts[name], "the run exercised %s", name)
	}

	// Tokens: once every user is settled, the supply fell by exactly what the users' collateral
	// lost to slashes.
	handle, err := e.k.Vault()
	require.NoError(t, err)
	for _, u := range users {
		require.NoError(t, handle.ReportSlash(r.ctx(), pairingID, u.Address))
	}
	lost := sdkmath.ZeroInt()
	for _, u := range users {
		lost = lost.Add(ints(bonded).Sub(e.collateral(u)))
	}
	require.Equal(t, supply.Sub(lost), e.chain.App.BankKeeper.GetSupply(e.chain.Context(), denom).Amount)
}

// errCause is the registered error's description, for counting refusals by reason.
func errCause(err error) string {
	msg := err.Error()
	for i := len(msg) - 1; i > 0; i-- {
		if msg[i] == ':' {
			return msg[i+1:]
		}
	}
	return msg
}
