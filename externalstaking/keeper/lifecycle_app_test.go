package keeper_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// requireRefused asserts that the vault refused a lien because the holder returned want.
func requireRefused(t *testing.T, err error, want *errorsmod.Error) {
	t.Helper()
	requireTxErr(t, err, lienholder.ErrLienRefused)
	require.Contains(t, err.Error(), want.Error())
}

// requireTxErr asserts that a delivered transaction failed with the registered error want.
func requireTxErr(t *testing.T, err error, want *errorsmod.Error) {
	t.Helper()
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr)
	require.Equal(t, want.Codespace(), txErr.Codespace, txErr.Error())
	require.Equal(t, want.ABCICode(), txErr.Code, txErr.Error())
}

func TestStakeCommitsOnSuccessAck(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA", "valB")

	require.NoError(t, e.stake(a, "valA", 300))
	packets, raw := e.outbox()
	require.Equal(t, []ibcproto.ProviderPacket{ibcproto.StakePacket{
		Delegator: a.String(), Validator: "valA", Stake: ibcproto.NewCoin(denom, ints(300)), TxID: 1,
	}}, packets)
	low, high := e.stakeOf(a, "valA")
	requireRange(t, low, high, 0, 300, "pending stake")
	low, high = e.lien(a)
	requireRange(t, low, high, 0, 300, "pending lien")
	e.checkInvariants()

	e.clearOutbox()
	e.ack(raw[0], true)
	low, high = e.stakeOf(a, "valA")
	requireRange(t, low, high, 300, 300, "committed stake")
	low, high = e.lien(a)
	requireRange(t, low, high, 300, 300, "committed lien")
	require.Equal(t, ints(1_000), e.collateral(a))
	txs, err := e.k.PendingTxs.Iterate(e.chain.Context(), nil)
	require.NoError(t, err)
	require.False(t, txs.Valid(), "no pending operation left")
	txs.Close()
	e.checkInvariants()
}

func TestStakeRollsBackOnErrorAckAndTimeout(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA")

	require.NoError(t, e.stake(a, "valA", 300))
	require.NoError(t, e.stake(a, "valA", 200))
	raw := e.clearOutbox()
	require.Len(t, raw, 2)
	low, high := e.lien(a)
	requireRange(t, low, high, 0, 500, "two pending liens")

	e.ack(raw[0], false)
	low, high = e.stakeOf(a, "valA")
	requireRange(t, low, high, 0, 200, "after the error ack")
	low, high = e.lien(a)
	requireRange(t, low, high, 0, 200, "lien after the error ack")

	e.timeout(raw[1])
	low, high = e.stakeOf(a, "valA")
	requireRange(t, low, high, 0, 0, "after the timeout")
	low, high = e.lien(a)
	requireRange(t, low, high, 0, 0, "lien after the timeout")
	require.Equal(t, ints(1_000), e.collateral(a))
	n, err := e.k.Positions.Has(e.chain.Context(), collectionsKey(a))
	require.NoError(t, err)
	require.False(t, n, "an empty position is removed")
	e.checkInvariants()

	// A second acknowledgement of the same packet is a no-op with an event, never an error.
	e.ack(raw[0], true)
	low, high = e.lien(a)
	requireRange(t, low, high, 0, 0, "lien after a duplicate ack")
	e.checkInvariants()
}

func TestStakeRefusals(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA", "valB", "valC")
	e.receive(ibcproto.ValsetUpdatePacket{Height: 2, Time: 2, Jailed: []string{"valC"}})

	requireRefused(t, e.stake(a, sdk.ValAddress("never-reported-val01").String(), 100), types.ErrValidatorNotActive)
	requireRefused(t, e.stake(a, "valC", 100), types.ErrValidatorNotActive)
	requireRefused(t, e.stake(a, "valA", 9), types.ErrBelowMinimum)

	params := types.DefaultParams()
	params.MaxPositionsPerUser = 1
	require.NoError(t, e.k.Params.Set(e.chain.Context(), params))
	require.NoError(t, e.stake(a, "valA", 100))
	requireRefused(t, e.stake(a, "valB", 100), types.ErrTooManyPositions)
	require.NoError(t, e.stake(a, "valA", 50), "more stake on a held position is fine")

	low, high := e.lien(a)
	requireRange(t, low, high, 0, 150, "only the accepted stakes are pending")
	require.Len(t, e.clearOutbox(), 2)
	e.checkInvariants()

	// A paused pairing takes no new stake; the vault refuses the holder key.
	require.NoError(t, e.k.PausePairing(e.chain.Context(), pairingID))
	requireTxErr(t, e.stake(a, "valA", 100), vaulttypes.ErrUnknownHolder)
}
