package keeper_test

import (
	"sort"
	"testing"

	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/virtualstaking/keeper"
)

// withdrawn reads, from a transaction's events, what each MsgWithdrawDelegatorReward paid, by
// validator.
func withdrawn(t *testing.T, events []abci.Event, denom string) map[string]math.Int {
	out := map[string]math.Int{}
	for _, ev := range events {
		if ev.Type != distrtypes.EventTypeWithdrawRewards {
			continue
		}
		var val string
		amount := math.ZeroInt()
		for _, a := range ev.Attributes {
			switch a.Key {
			case distrtypes.AttributeKeyValidator:
				val = a.Value
			case sdk.AttributeKeyAmount:
				coins, err := sdk.ParseCoinsNormalized(a.Value)
				require.NoError(t, err)
				amount = coins.AmountOf(denom)
			}
		}
		out[val] = amount
	}
	return out
}

// TestRewardsReachConverterOncePerEpochPerValidator: a user delegates exactly what the epoch
// delegates virtually, to the same two validators and in the same block, and withdraws in each
// later epoch block. Each epoch the converter receives one DistributeRewards for the pairing whose
// amount per validator equals, to the unit, what the user withdrew from that validator; all of it
// reaches the converter's reserve, nothing stays with virtual staking and nothing is paid twice.
func TestRewardsReachConverterOncePerEpochPerValidator(t *testing.T) {
	e := newEnv(t, 4, nil)
	alice := e.chain.Accounts[0]
	denom := e.chain.BondDenom()
	e.untilEpochNext()
	e.pairing("a", 1_000_000_000)
	e.request("a", 1, 10_000_000)
	e.request("a", 2, 20_000_000)
	// One block: the user delegates (in its transaction) and virtual staking delegates (in
	// EndBlock), both after the block's reward allocation, so both start at the same point.
	_, _, err := e.chain.DeliverTx(alice,
		stakingtypes.NewMsgDelegate(alice.Address.String(), e.val(1), e.coin(10_000_000)),
		stakingtypes.NewMsgDelegate(alice.Address.String(), e.val(2), e.coin(20_000_000)))
	require.NoError(t, err)
	require.Equal(t, math.NewInt(30_000_000), e.supply("a").Minted)
	require.Empty(t, e.conv.Rewards)

	paid := math.ZeroInt()
	for epoch := 0; epoch < 3; epoch++ {
		e.untilEpochNext()
		calls := len(e.conv.Rewards)
		_, events, err := e.chain.DeliverTx(alice,
			distrtypes.NewMsgWithdrawDelegatorReward(alice.Address.String(), e.val(1)),
			distrtypes.NewMsgWithdrawDelegatorReward(alice.Address.String(), e.val(2)))
		require.NoError(t, err)
		e.checkInvariants()
		user := withdrawn(t, events, denom)
		require.True(t, user[e.val(1)].IsPositive())
		require.Len(t, e.conv.Rewards, calls+1, "one DistributeRewards per epoch")
		call := e.conv.Rewards[calls]
		require.Equal(t, "a", call.PairingID)
		require.Equal(t, e.chain.Height(), call.Height)
		want := []convertertypes.ValidatorReward{
			{Valoper: e.val(1), Amount: user[e.val(1)]},
			{Valoper: e.val(2), Amount: user[e.val(2)]},
		}
		sort.Slice(want, func(i, j int) bool { return want[i].Valoper < want[j].Valoper })
		require.Equal(t, want, call.Rewards, "in ascending validator order")
		paid = paid.Add(user[e.val(1)]).Add(user[e.val(2)])
		require.Equal(t, paid, e.balance(e.conv.Reserve), "all rewards reached the reserve")
		require.True(t, e.balance(e.k.ModuleAddress()).IsZero())
		for i := uint32(0); i < 4; i++ {
			require.True(t, e.balance(keeper.DelegatorAccount("a", i)).IsZero())
		}
	}
}
