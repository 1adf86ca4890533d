package externalstaking_test

import (
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// permutations returns every order of 0..n-1.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, rest := range permutations(n - 1) {
		for at := 0; at <= len(rest); at++ {
			order := append(append(append([]int{}, rest[:at]...), n-1), rest[at:]...)
			out = append(out, order)
		}
	}
	return out
}

// slashEntry is a valset_update at packet height h reporting a slash of val at an infraction
// height, the whole of its 10^6 reported amount clamped by the ratio.
func slashEntry(val string, h, infraction uint64, ratio string, tombstone bool) ibcproto.ValsetUpdatePacket {
	p := ibcproto.ValsetUpdatePacket{Height: h, Time: h, Slashed: []ibcproto.ValidatorSlashInfo{{
		Address: val, InfractionHeight: infraction, InfractionTime: infraction, Power: 1,
		SlashAmount: ibcproto.NewCoin("uprov", ints(1_000_000)), SlashRatio: ratio,
	}}}
	if tombstone {
		p.Tombstoned = []string{val}
	}
	return p
}

// infractionReports are the reports about one validator whose order must not matter: a downtime
// slash at height 5, the double-sign at 15 reported as a slash that tombstones, a tombstone
// without a slash entry in an update of height 20, and the downtime slash at 5 again.
func infractionReports(val string) []ibcproto.ValsetUpdatePacket {
	return []ibcproto.ValsetUpdatePacket{
		slashEntry(val, 30, 5, "0.05", false),
		slashEntry(val, 31, 15, "0.1", true),
		{Height: 20, Time: 20, Tombstoned: []string{val}},
		slashEntry(val, 32, 5, "0.05", false),
	}
}

// TestSlashOutcomeDoesNotDependOnPacketOrder relays the four reports of infractionReports in all
// 24 orders, each order to its own validator with its own staker (1,000 staked, 200 of it
// unbonding), and requires the same figures everywhere: the downtime slash once at 5% and the
// double-sign once at 10%, on bonded (800 -> 684) and unbonding (200 -> 171) stake, so every
// staker's lien and collateral end at 855.
func TestSlashOutcomeDoesNotDependOnPacketOrder(t *testing.T) {
	orders := permutations(4)
	p := newPairWith(t, len(orders))
	pairing := p.pairing()
	pairing.UnbondingPeriod = 24 * time.Hour
	p.register(pairing)
	ch, err := p.cons.OpenChannel(p.link, p.consumer)
	require.NoError(t, err)
	vals := make([]string, len(orders))
	for i := range orders {
		vals[i] = fmt.Sprintf("val%02d", i)
	}
	p.activate(ch, 1, vals...)
	users := p.provider.Accounts[:len(orders)]
	for i, u := range users {
		require.NoError(t, p.bondAndStake(u, 1_000, 1_000, vals[i]))
		require.NoError(t, p.link.RelayAll())
	}
	for i, u := range users {
		_, _, err := p.provider.DeliverTx(u, &types.MsgUnstake{Owner: u.String(), PairingId: pairingID, Validator: vals[i], Amount: ints(200)})
		require.NoError(t, err)
		require.NoError(t, p.link.RelayAll())
	}

	for round := 0; round < 4; round++ {
		for i, order := range orders {
			require.NoError(t, p.cons.Queue(ch.ChannelA, infractionReports(vals[i])[order[round]]))
		}
		p.consumer.NextBlock()
		require.NoError(t, p.link.RelayAll())
	}
	for _, s := range p.cons.Sent() {
		require.True(t, s.Ack.Success(), "every report is accepted")
	}
	for i, u := range users {
		_, _, err := p.provider.DeliverTx(u, &types.MsgWithdrawUnbonded{Owner: u.String(), PairingId: pairingID})
		require.NoError(t, err)
		p.requireSlashedFigures(u, vals[i], orders[i])
	}
	require.NoError(t, p.provider.App.ExternalStakingKeeper.CheckInvariants(p.provider.Context(), p.vaultQueries()))
}

// requireSlashedFigures checks one staker and validator of TestSlashOutcomeDoesNotDependOnPacketOrder.
func (p *pair) requireSlashedFigures(u testutil.Account, val string, order []int) {
	p.t.Helper()
	ctx := p.provider.Context()
	k := p.provider.App.ExternalStakingKeeper
	msg := fmt.Sprintf("order %v", order)
	low, high := p.stakeOf(u, val)
	require.Equal(p.t, "684 684", low+" "+high, msg)
	v, err := k.Validators.Get(ctx, collections.Join(pairingID, val))
	require.NoError(p.t, err)
	require.Equal(p.t, "684", v.Tokens.String(), msg)
	require.True(p.t, v.Tombstoned, msg)
	require.Equal(p.t, uint64(15), v.TombstoneHeight, msg)
	require.Equal(p.t, uint64(2), v.SlashCount, msg)
	entries := p.unbondings(u, val)
	require.Len(p.t, entries, 1, msg)
	require.Equal(p.t, "171", entries[0].Amount.String(), msg)
	p.requireLien(u, "855", "855")
	acc, err := p.vaultQueries().Account(ctx, &vaulttypes.QueryAccountRequest{Address: u.String()})
	require.NoError(p.t, err)
	require.Equal(p.t, "855", acc.Collateral.String(), msg)
}
