package keeper_test

import (
	"fmt"
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
)

// withdrawRewards sends MsgWithdrawRewards and returns the queued packet's data.
func (e *env) withdrawRewards(u testutil.Account, val string) ([]byte, error) {
	err := e.deliver(u, &types.MsgWithdrawRewards{Owner: u.String(), PairingId: pairingID, Validator: val, Recipient: consumerRecipient})
	if err != nil {
		return nil, err
	}
	raw := e.clearOutbox()
	require.Len(e.t, raw, 1)
	return raw[0], nil
}

func TestRewardsRefusedOrUncredited(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA", "valB")
	e.committedStake(a, "valA", 100)

	ack := e.receive(ibcproto.DistributePacket{Validator: "valA", Rewards: ibcproto.NewCoin("uother", ints(50))})
	require.False(t, ack.Success())
	require.Contains(t, ack.ErrorMessage(), fmt.Sprintf("ABCI code: %d:", types.ErrWrongDenom.ABCICode()))
	ack = e.receive(ibcproto.DistributeBatchPacket{Denom: "uother", Rewards: []ibcproto.RewardInfo{{Validator: "valA", Reward: ints(1)}}})
	require.False(t, ack.Success())
	require.Equal(t, "0", e.rewards(a, "valA").String(), "refused packets change nothing")

	// No stake on valB: nothing is credited and nothing divides by zero.
	require.True(t, e.receive(ibcproto.DistributePacket{Validator: "valB", Rewards: ibcproto.NewCoin("ucons", ints(50))}).Success())
	v, err := e.k.Validators.Get(e.chain.Context(), collectionsPair("valB"))
	require.NoError(t, err)
	require.Equal(t, sdkmath.ZeroInt(), v.PointsPerShare)
}

func TestBadPacketsGetErrorAcksAndChangeNothing(t *testing.T) {
	e := newEnv(t)
	e.activate(1, "valA")
	before, err := e.k.ExportGenesis(e.chain.Context())
	require.NoError(t, err)

	for name, data := range map[string][]byte{
		"not json":        []byte("{"),
		"unknown variant": []byte(`{"nope":{}}`),
		"oversize":        append([]byte(`{"distribute":{"validator":"`), make([]byte, ibcproto.MaxPacketSize)...),
	} {
		ack := e.receiveRaw(data)
		require.False(t, ack.Success(), name)
	}
	// A packet on a channel of no pairing is refused too.
	data, err := ibcproto.EncodeConsumerPacket(ibcproto.DistributePacket{Validator: "valA", Rewards: ibcproto.NewCoin("ucons", ints(5))})
	require.NoError(t, err)
	ack := e.ibc.OnRecvPacket(e.chain.Context(), packetOn("channel-77", data), nil)
	require.False(t, ack.Success())

	after, err := e.k.ExportGenesis(e.chain.Context())
	require.NoError(t, err)
	require.Equal(t, before, after)
}

// A reward transfer refused after the position left (everything unstaked and withdrawn, the
// rewards reserved) gives the rewards back: the position returns holding exactly them.
func TestRefusedRewardTransferAfterPositionLeftRestoresTheRewards(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 100)
	require.True(t, e.receive(ibcproto.DistributePacket{Validator: "valA", Rewards: ibcproto.NewCoin("ucons", ints(50))}).Success())
	data, err := e.unstake(a, "valA", 100)
	require.NoError(t, err)
	e.ack(data, true)
	require.NoError(t, e.net.AdvanceTime(unbonding*2))
	refused, err := e.withdrawRewards(a, "valA")
	require.NoError(t, err)
	require.Equal(t, ints(100).String(), e.withdraw(a).String())
	has, err := e.k.Positions.Has(e.chain.Context(), collectionsKey(a))
	require.NoError(t, err)
	require.False(t, has, "nothing but reserved rewards was left")

	e.ack(refused, false)
	require.Equal(t, ints(50).String(), e.rewards(a, "valA").String())
	again, err := e.withdrawRewards(a, "valA")
	require.NoError(t, err)
	packet, err := ibcproto.DecodeProviderPacket(again)
	require.NoError(t, err)
	require.Equal(t, ints(50).String(), packet.(ibcproto.TransferRewardsPacket).Rewards.Amount.String())
	e.ack(again, true)
	require.Equal(t, ints(0).String(), e.rewards(a, "valA").String())
	has, err = e.k.Positions.Has(e.chain.Context(), collectionsKey(a))
	require.NoError(t, err)
	require.False(t, has, "the position leaves again once paid")
	e.checkInvariants()
}
