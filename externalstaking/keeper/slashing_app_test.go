package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// settle makes the vault settle the user (a withdrawal that releases nothing does).
func (e *env) settle(users ...testutil.Account) {
	for _, u := range users {
		require.NoError(e.t, e.deliver(u, &types.MsgWithdrawUnbonded{Owner: u.String(), PairingId: pairingID}))
	}
}

// lienWith returns the user's committed lien with a holder.
func (e *env) lienWith(u testutil.Account, holderID string) string {
	res, err := vaultkeeper.NewQueryServerImpl(e.chain.App.VaultKeeper).Liens(e.chain.Context(),
		&vaulttypes.QueryLiensRequest{Address: u.String()})
	require.NoError(e.t, err)
	for _, l := range res.Liens {
		if l.Holder == holderID {
			return l.Lien.Amount.Low.String()
		}
	}
	return "0"
}

func slashReport(val string, height uint64, amount int64, ratio string, tombstone bool) ibcproto.ValsetUpdatePacket {
	p := ibcproto.ValsetUpdatePacket{Height: 50, Time: 50, Slashed: []ibcproto.ValidatorSlashInfo{{
		Address: val, InfractionHeight: height, InfractionTime: 1, Power: 1,
		SlashAmount: ibcproto.NewCoin(denom, ints(amount)), SlashRatio: ratio,
	}}}
	if tombstone {
		p.Tombstoned = []string{val}
	}
	return p
}

func TestCrossSlashReducesAffectedUsersToTheUnit(t *testing.T) {
	e := newEnv(t)
	a, b, c, d := e.chain.Accounts[0], e.chain.Accounts[1], e.chain.Accounts[2], e.chain.Accounts[3]
	e.bond(1_000, a, b, c)
	e.bond(100, d)
	e.activate(1, "valA", "valB")
	require.True(t, e.receiveOnPacket(channel2, ibcproto.ValsetUpdatePacket{Height: 1, Time: 1,
		Additions: []ibcproto.AddValidator{{Valoper: "valZ", PubKey: pubKey("valZ")}}}).Success())

	e.committedStake(a, "valA", 200)
	data, err := e.unstake(a, "valA", 50)
	require.NoError(t, err)
	e.ack(data, true)
	e.committedStake(b, "valA", 100)
	e.committedStake(c, "valB", 100)
	e.committedStake(d, "valA", 100)
	// d has no free collateral: the same 100 also backs a stake with the second pairing.
	require.NoError(t, e.deliver(d, &vaulttypes.MsgStakeRemote{Owner: d.String(), Holder: "external/" + pairingID2,
		Amount: coin(100), Validator: "valZ"}))
	for _, raw := range e.clearOutbox() {
		e.ackOn(channel2, raw, true)
	}
	e.checkInvariants()

	// valA holds 350 bonded; the consumer over-reports 1000 at the downtime ratio: the cut is
	// clamped to 350 * 0.05 = 17, and the unbonding entry (started after the infraction) loses
	// floor(50 * 0.05) = 2.
	require.True(t, e.receive(slashReport("valA", 5, 1_000, "0.05", false)).Success())
	e.settle(a, b, c, d)

	low, _ := e.stakeOf(a, "valA")
	require.Equal(t, "142", low.String(), "a: 150 shares of 350 at 333 tokens")
	require.Equal(t, "48", e.unbondings(a, "valA")[0].Amount.String())
	require.Equal(t, "190", e.lienWith(a, holder))
	require.Equal(t, "990", e.collateral(a).String())
	low, _ = e.stakeOf(b, "valA")
	require.Equal(t, "95", low.String())
	require.Equal(t, "95", e.lienWith(b, holder))
	require.Equal(t, "995", e.collateral(b).String())
	low, _ = e.stakeOf(c, "valB")
	require.Equal(t, "100", low.String(), "users on other validators are untouched")
	require.Equal(t, "100", e.lienWith(c, holder))
	require.Equal(t, "1000", e.collateral(c).String())

	// d lost 5 on valA; its collateral (95) no longer covers the 100 with the second pairing, so
	// the vault propagates a burn of 5 there, which reaches that consumer as a burn packet.
	require.Equal(t, "95", e.collateral(d).String())
	require.Equal(t, "95", e.lienWith(d, holder))
	require.Equal(t, "95", e.lienWith(d, "external/"+pairingID2))
	low, high, err := e.k.StakeOf(e.chain.Context(), pairingID2, d.Address, "valZ")
	require.NoError(t, err)
	requireRange(t, low, high, 95, 95, "d on the second pairing")
	packets, _ := e.outbox()
	require.Equal(t, []ibcproto.ProviderPacket{ibcproto.BurnPacket{Validators: []string{"valZ"},
		Burn: ibcproto.NewCoin(denom, ints(5))}}, packets)
	e.clearOutbox()
	e.checkInvariants()

	// The same infraction reported again is applied once.
	require.True(t, e.receive(slashReport("valA", 5, 1_000, "0.05", false)).Success())
	e.settle(a, b)
	require.Equal(t, "190", e.lienWith(a, holder))
	require.Equal(t, "95", e.lienWith(b, holder))

	// A slash and a tombstone of valB in one report slash once, at most at the double-sign ratio;
	// a later tombstone or slash report is ignored.
	require.True(t, e.receive(slashReport("valB", 7, 5, "0.1", true)).Success())
	require.True(t, e.receive(ibcproto.ValsetUpdatePacket{Height: 60, Time: 60, Tombstoned: []string{"valB"}}).Success())
	require.True(t, e.receive(slashReport("valB", 8, 5, "0.1", false)).Success())
	e.settle(c)
	low, _ = e.stakeOf(c, "valB")
	require.Equal(t, "95", low.String())
	require.Equal(t, "95", e.lienWith(c, holder))
	require.Equal(t, "995", e.collateral(c).String())
	e.checkInvariants()
}

func TestCommitThatNoLongerFitsSaturates(t *testing.T) {
	e := newEnv(t)
	d := e.chain.Accounts[0]
	e.bond(100, d)
	e.activate(1, "valA")
	require.True(t, e.receiveOnPacket(channel2, ibcproto.ValsetUpdatePacket{Height: 1, Time: 1,
		Additions: []ibcproto.AddValidator{{Valoper: "valZ", PubKey: pubKey("valZ")}}}).Success())
	e.committedStake(d, "valA", 100)
	// The whole collateral also backs a stake with the second pairing, still pending.
	require.NoError(t, e.deliver(d, &vaulttypes.MsgStakeRemote{Owner: d.String(), Holder: "external/" + pairingID2,
		Amount: coin(100), Validator: "valZ"}))
	pending := e.clearOutbox()
	require.Len(t, pending, 1)

	// A slash of valA takes 5 (100 * 0.05); the vault propagates the loss to the second lien,
	// whose only stake is pending, so the pending lien absorbs it.
	require.True(t, e.receive(slashReport("valA", 5, 5, "0.05", false)).Success())
	e.settle(d)
	require.Equal(t, "95", e.collateral(d).String())

	e.ackOn(channel2, pending[0], true)
	low, high, err := e.k.StakeOf(e.chain.Context(), pairingID2, d.Address, "valZ")
	require.NoError(t, err)
	requireRange(t, low, high, 95, 95, "the commit saturates at what is left")
	require.Equal(t, "95", e.lienWith(d, "external/"+pairingID2))
	packets, _ := e.outbox()
	require.Equal(t, []ibcproto.ProviderPacket{ibcproto.BurnPacket{Validators: []string{"valZ"},
		Burn: ibcproto.NewCoin(denom, ints(5))}}, packets, "the consumer burns the unbacked 5")
	e.checkInvariants()
}
