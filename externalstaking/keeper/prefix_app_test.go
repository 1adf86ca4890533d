package keeper_test

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// withPrefix is a 20-byte address under another bech32 prefix.
func withPrefix(t *testing.T, prefix string) string {
	addr, err := bech32.ConvertAndEncode(prefix, []byte("another-chain-addr01"))
	require.NoError(t, err)
	return addr
}

// TestWrongPrefixesRefused refuses, before anything is reserved, a rewards recipient that is not
// an account address of the consumer and a cross-stake to a validator the consumer never
// reported whose address is not a valoper address of the consumer; an unreported validator with
// the right prefix is still refused as not active.
func TestWrongPrefixesRefused(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 100)
	require.True(t, e.receive(ibcproto.DistributePacket{Validator: "valA", Rewards: ibcproto.NewCoin("ucons", ints(50))}).Success())
	require.Equal(t, "50", e.rewards(a, "valA").String())

	for _, recipient := range []string{withPrefix(t, "osmo"), sdk.ValAddress(a.Address).String(), "consumer1xyz", ""} {
		err := e.deliver(a, &types.MsgWithdrawRewards{Owner: a.String(), PairingId: pairingID, Validator: "valA", Recipient: recipient})
		require.ErrorContains(t, err, types.ErrInvalidAddress.Error(), recipient)
	}
	require.Equal(t, "50", e.rewards(a, "valA").String(), "nothing reserved")
	require.Empty(t, e.clearOutbox())

	for _, val := range []string{withPrefix(t, "osmovaloper"), a.String(), "valZ"} {
		err := e.stake(a, val, 100)
		require.ErrorContains(t, err, types.ErrInvalidAddress.Error(), val)
	}
	err := e.stake(a, withPrefix(t, "cosmosvaloper"), 100)
	require.ErrorContains(t, err, types.ErrValidatorNotActive.Error())
	low, high := e.lien(a)
	require.Equal(t, "100 100", low.String()+" "+high.String(), "no lien taken")
	require.Empty(t, e.clearOutbox())
}
