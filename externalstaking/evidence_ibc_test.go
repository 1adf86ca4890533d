package externalstaking_test

import (
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// A consumer validator double-signs and the consumer never reports it; anyone submits the votes
// and the header to the provider, which verifies them against its light client of the consumer,
// slashes the cross-stake on the validator at the pairing's double-sign ratio and tombstones it.
// The consumer's later report of the same infraction changes nothing further.
func TestDoubleSignEvidenceSlashesWithoutTheConsumer(t *testing.T) {
	e := newEvidenceEnv(t)
	a, b, c, submitter := e.provider.Accounts[0], e.provider.Accounts[1], e.provider.Accounts[2], e.provider.Accounts[3]
	other := e.consumer.Validators[1].ValAddress().String()
	require.NoError(t, e.bondAndStake(a, 1_000, 300, e.name))
	require.NoError(t, e.bondAndStake(b, 1_000, 200, e.name))
	require.NoError(t, e.bondAndStake(c, 1_000, 100, other))
	require.NoError(t, e.link.RelayAll())
	e.requireStake(a, e.name, "300", "300")

	voteA, voteB, header := e.doubleSign()
	gas, events, err := e.provider.DeliverTx(submitter, e.msg(submitter, voteA, voteB, header))
	require.NoError(t, err)
	require.Positive(t, gas)
	ev := findEvent(t, events, "meshsecurity.externalstaking.v1.EventConsumerDoubleSign")
	require.Equal(t, e.name, ev["validator"])
	require.Equal(t, fmt.Sprint(header.Header.Height), ev["infraction_height"])
	require.Equal(t, hex.EncodeToString(e.cheat.ConsPubKey.Address()), ev["consensus_address"])
	require.Equal(t, submitter.String(), ev["submitter"])
	slashed := findEvent(t, events, "meshsecurity.externalstaking.v1.EventValidatorSlashed")
	require.Equal(t, "50uprov", slashed["amount"], "500 bonded on the validator at the double-sign ratio 0.1")
	require.Equal(t, "true", slashed["tombstoned"])

	// Every user on the validator loses 10 % at settlement; the user on another validator nothing.
	e.settle(a, b, c)
	e.requireStake(a, e.name, "270", "270")
	e.requireStake(b, e.name, "180", "180")
	e.requireStake(c, other, "100", "100")
	e.requireLien(a, "270", "270")
	e.requireLien(b, "180", "180")
	e.requireLien(c, "100", "100")
	require.Equal(t, "970", e.collateral(a))
	require.Equal(t, "980", e.collateral(b))
	require.Equal(t, "1000", e.collateral(c))
	require.Equal(t, types.VALIDATOR_STATUS_TOMBSTONED, keeper.ValidatorStatus(e.validator(e.name)))
	before := e.validator(e.name)
	require.Equal(t, "450", before.Tokens.String())

	// The consumer reports the same infraction (slash and tombstone) afterwards: nothing changes.
	require.NoError(t, e.cons.Queue(e.ch.ChannelA, ibcproto.ValsetUpdatePacket{
		Height: uint64(e.consumer.Height()), Time: uint64(e.consumer.LastBlockTime().Unix()),
		Slashed: []ibcproto.ValidatorSlashInfo{{Address: e.name, InfractionHeight: uint64(header.Header.Height),
			InfractionTime: uint64(header.Header.Time.Unix()), Power: 1,
			SlashAmount: ibcproto.NewCoin("uprov", ints(50)), SlashRatio: "0.1"}},
		Tombstoned: []string{e.name},
	}))
	e.consumer.NextBlock()
	require.NoError(t, e.link.RelayAll())
	sent := e.cons.Sent()
	require.True(t, sent[len(sent)-1].Ack.Success())
	e.settle(a, b)
	require.Equal(t, before, e.validator(e.name))
	e.requireStake(a, e.name, "270", "270")
	e.requireStake(b, e.name, "180", "180")
	e.requireLien(a, "270", "270")
	e.requireLien(b, "180", "180")
	require.Equal(t, "970", e.collateral(a))
	require.Equal(t, "980", e.collateral(b))
	require.NoError(t, e.provider.App.ExternalStakingKeeper.CheckInvariants(e.provider.Context(), e.vaultQueries()))
	require.NoError(t, e.provider.App.VaultKeeper.CheckInvariants(e.provider.Context()))
}
