package externalstaking_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/testutil/scriptedconsumer"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

const (
	pairingID2 = "cons2"
	holder2    = "external/cons2"
)

// openSecond registers a second pairing on the same connection for the other scripted consumer's
// port and opens its channel.
func (p *pair) openSecond() *testutil.Channel {
	second := p.pairing()
	second.Id, second.CounterpartyPort = pairingID2, p.other.Config().PortID
	p.register(second)
	ch, err := p.other.OpenChannel(p.link, p.consumer)
	require.NoError(p.t, err)
	return ch
}

// send has a consumer send packets on its channel and relays them and their acks.
func (p *pair) send(ch *testutil.Channel, packets ...ibcproto.ConsumerPacket) {
	p.t.Helper()
	from := p.cons
	if ch.PortA == p.other.Config().PortID {
		from = p.other
	}
	for _, pk := range packets {
		require.NoError(p.t, from.Queue(ch.ChannelA, pk))
	}
	p.consumer.NextBlock()
	require.NoError(p.t, p.link.RelayAll())
	sent := from.Sent()
	for _, s := range sent[len(sent)-len(packets):] {
		require.Equal(p.t, "acknowledged", s.Outcome.String())
		require.True(p.t, s.Ack.Success(), "%T: %s", s.Packet, s.Ack.ErrorMessage())
	}
}

// deliver sends one transaction on the provider and relays what it sent.
func (p *pair) deliver(u testutil.Account, msg sdk.Msg) {
	p.t.Helper()
	_, _, err := p.provider.DeliverTx(u, msg)
	require.NoError(p.t, err)
	require.NoError(p.t, p.link.RelayAll())
}

// settle has the vault settle users (a withdrawal that releases nothing does).
func (p *pair) settle(users ...testutil.Account) {
	for _, u := range users {
		p.deliver(u, &types.MsgWithdrawUnbonded{Owner: u.String(), PairingId: pairingID})
	}
}

// collateral is the user's collateral in the vault.
func (p *pair) collateral(u testutil.Account) string {
	res, err := p.vaultQueries().Account(p.provider.Context(), &vaulttypes.QueryAccountRequest{Address: u.String()})
	require.NoError(p.t, err)
	return res.Collateral.String()
}

// lienWith is the user's (low) lien with a holder.
func (p *pair) lienWith(u testutil.Account, holderID string) string {
	res, err := p.vaultQueries().Liens(p.provider.Context(), &vaulttypes.QueryLiensRequest{Address: u.String()})
	require.NoError(p.t, err)
	for _, l := range res.Liens {
		if l.Holder == holderID {
			return l.Lien.Amount.Low.String()
		}
	}
	return "0"
}

// unbondings returns the user's unbonding entries with a validator, as the Stakes query shows
// them.
func (p *pair) unbondings(u testutil.Account, val string) []types.Unbonding {
	res, err := keeper.NewQueryServerImpl(p.provider.App.ExternalStakingKeeper).Stakes(p.provider.Context(),
		&types.QueryStakesRequest{PairingId: pairingID, Owner: u.String()})
	require.NoError(p.t, err)
	for _, s := range res.Stakes {
		if s.Validator == val {
			return s.Unbondings
		}
	}
	return nil
}

// slashOf is a valset_update of height 50 reporting one slash.
func slashOf(val string, infraction uint64, amount int64, ratio string, tombstone bool) ibcproto.ValsetUpdatePacket {
	p := ibcproto.ValsetUpdatePacket{Height: 50, Time: 50, Slashed: []ibcproto.ValidatorSlashInfo{{
		Address: val, InfractionHeight: infraction, InfractionTime: 1, Power: 1,
		SlashAmount: ibcproto.NewCoin("uprov", ints(amount)), SlashRatio: ratio,
	}}}
	if tombstone {
		p.Tombstoned = []string{val}
	}
	return p
}

func TestCrossSlashReducesAffectedUsersToTheUnit(t *testing.T) {
	p := newPair(t)
	ch := p.open()
	ch2 := p.openSecond()
	p.activate(ch, 1, "valA", "valB")
	p.send(ch2, ibcproto.ValsetUpdatePacket{Height: 1, Time: 1,
		Additions: []ibcproto.AddValidator{{Valoper: "valZ", PubKey: ibcproto.NewEd25519PubKey(make([]byte, 32))}}})
	a, b, c, d := p.provider.Accounts[0], p.provider.Accounts[1], p.provider.Accounts[2], p.provider.Accounts[3]
	for _, s := range []struct {
		u           testutil.Account
		bond, stake int64
		val         string
	}{{a, 1_000, 200, "valA"}, {b, 1_000, 100, "valA"}, {c, 1_000, 100, "valB"}, {d, 100, 100, "valA"}} {
		require.NoError(t, p.bondAndStake(s.u, s.bond, s.stake, s.val))
		require.NoError(t, p.link.RelayAll())
	}
	p.deliver(a, &types.MsgUnstake{Owner: a.String(), PairingId: pairingID, Validator: "valA", Amount: ints(50)})
	// d has no free collateral: the same 100 also backs a stake with the second pairing.
	p.deliver(d, &vaulttypes.MsgStakeRemote{Owner: d.String(), Holder: holder2, Amount: sdk.NewInt64Coin("uprov", 100), Validator: "valZ"})
	p.requireStake(a, "valA", "150", "150")
	require.Equal(t, "100", p.lienWith(d, holder2))

	// valA holds 350 bonded; the consumer over-reports 1000 at the downtime ratio: the cut is
	// clamped to 350 * 0.05 = 17, and a's unbonding entry (started after the infraction) loses
	// floor(50 * 0.05) = 2.
	p.send(ch, slashOf("valA", 5, 1_000, "0.05", false))
	p.settle(a, b, c, d)

	p.requireStake(a, "valA", "142", "142")
	require.Len(t, p.unbondings(a, "valA"), 1)
	require.Equal(t, "48", p.unbondings(a, "valA")[0].Amount.String())
	require.Equal(t, "190", p.lienWith(a, holder))
	require.Equal(t, "990", p.collateral(a))
	p.requireStake(b, "valA", "95", "95")
	require.Equal(t, "95", p.lienWith(b, holder))
	require.Equal(t, "995", p.collateral(b))
	p.requireStake(c, "valB", "100", "100")
	require.Equal(t, "100", p.lienWith(c, holder), "users on other validators are untouched")
	require.Equal(t, "1000", p.collateral(c))

	// d lost 5 on valA; its collateral (95) no longer covers the 100 with the second pairing, so
	// the vault propagates a burn of 5 there, which the second consumer receives as a burn packet.
	require.Equal(t, "95", p.collateral(d))
	require.Equal(t, "95", p.lienWith(d, holder))
	require.Equal(t, "95", p.lienWith(d, holder2))
	low, high, err := p.provider.App.ExternalStakingKeeper.StakeOf(p.provider.Context(), pairingID2, d.Address, "valZ")
	require.NoError(t, err)
	require.Equal(t, "95 95", low.String()+" "+high.String())
	got := p.other.Received()
	require.Equal(t, ibcproto.BurnPacket{Validators: []string{"valZ"}, Burn: ibcproto.NewCoin("uprov", ints(5))},
		got[len(got)-1].Packet)
	require.NoError(t, p.provider.App.ExternalStakingKeeper.CheckInvariants(p.provider.Context(), p.vaultQueries()))

	// The same infraction reported again is applied once.
	p.send(ch, slashOf("valA", 5, 1_000, "0.05", false))
	p.settle(a, b)
	require.Equal(t, "190", p.lienWith(a, holder))
	require.Equal(t, "95", p.lienWith(b, holder))

	// A slash and a tombstone of valB in one report slash once, at most at the double-sign ratio;
	// a later bare tombstone, or a slash of an infraction after the tombstone's, is ignored.
	p.send(ch, slashOf("valB", 7, 5, "0.1", true))
	p.send(ch, ibcproto.ValsetUpdatePacket{Height: 60, Time: 60, Tombstoned: []string{"valB"}})
	p.send(ch, slashOf("valB", 8, 5, "0.1", false))
	p.settle(c)
	p.requireStake(c, "valB", "95", "95")
	require.Equal(t, "95", p.lienWith(c, holder))
	require.Equal(t, "995", p.collateral(c))
	require.NoError(t, p.provider.App.ExternalStakingKeeper.CheckInvariants(p.provider.Context(), p.vaultQueries()))
}

func TestCommitThatNoLongerFitsSaturates(t *testing.T) {
	p := newPair(t)
	ch := p.open()
	ch2 := p.openSecond()
	p.activate(ch, 1, "valA")
	p.send(ch2, ibcproto.ValsetUpdatePacket{Height: 1, Time: 1,
		Additions: []ibcproto.AddValidator{{Valoper: "valZ", PubKey: ibcproto.NewEd25519PubKey(make([]byte, 32))}}})
	d := p.provider.Accounts[0]
	require.NoError(t, p.bondAndStake(d, 100, 100, "valA"))
	require.NoError(t, p.link.RelayAll())
	// The whole collateral also backs a stake with the second pairing, whose consumer holds its
	// answer.
	p.other.AnswerNext(scriptedconsumer.Hold())
	p.deliver(d, &vaulttypes.MsgStakeRemote{Owner: d.String(), Holder: holder2, Amount: sdk.NewInt64Coin("uprov", 100), Validator: "valZ"})
	held := p.other.Received()[len(p.other.Received())-1]

	// A slash of valA takes 5 (100 * 0.05); the vault propagates the loss to the second lien,
	// whose only stake is pending, so the pending lien absorbs it.
	p.send(ch, slashOf("valA", 5, 5, "0.05", false))
	p.settle(d)
	require.Equal(t, "95", p.collateral(d))

	require.NoError(t, p.other.Acknowledge(held.ChannelID, held.Sequence, scriptedconsumer.Succeed()))
	p.consumer.NextBlock()
	require.NoError(t, p.link.RelayAll())
	low, high, err := p.provider.App.ExternalStakingKeeper.StakeOf(p.provider.Context(), pairingID2, d.Address, "valZ")
	require.NoError(t, err)
	require.Equal(t, "95 95", low.String()+" "+high.String(), "the commit saturates at what is left")
	require.Equal(t, "95", p.lienWith(d, holder2))
	got := p.other.Received()
	require.Equal(t, ibcproto.BurnPacket{Validators: []string{"valZ"}, Burn: ibcproto.NewCoin("uprov", ints(5))},
		got[len(got)-1].Packet, "the consumer burns the unbacked 5")
	require.NoError(t, p.provider.App.ExternalStakingKeeper.CheckInvariants(p.provider.Context(), p.vaultQueries()))
}
