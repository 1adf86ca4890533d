package keeper_test

import (
	"math/big"
	"testing"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// pow2 is 2^n.
func pow2(n uint) sdkmath.Int {
	return sdkmath.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), n))
}

// bondBig mints amount of the bond denom to u and bonds it in the vault.
func (e *env) bondBig(u testutil.Account, amount sdkmath.Int) {
	ctx := e.chain.Context()
	coins := sdk.NewCoins(sdk.NewCoin(denom, amount))
	require.NoError(e.t, e.chain.App.BankKeeper.MintCoins(ctx, minttypes.ModuleName, coins))
	require.NoError(e.t, e.chain.App.BankKeeper.SendCoinsFromModuleToAccount(ctx, minttypes.ModuleName, u.Address, coins))
	require.NoError(e.t, e.deliver(u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewCoin(denom, amount)}))
}

// stakeBig cross-stakes amount with val.
func (e *env) stakeBig(u testutil.Account, val string, amount sdkmath.Int) error {
	return e.deliver(u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewCoin(denom, amount), Validator: val})
}

// validator reads a validator record of the test pairing.
func (e *env) validator(val string) types.Validator {
	v, err := e.k.Validators.Get(e.chain.Context(), collectionsPair(val))
	require.NoError(e.t, err)
	return v
}

// ackFallbacks answers a sent packet's data with success or an error and returns the reasons of
// the acknowledgement fallbacks the handler emitted.
func (e *env) ackFallbacks(data []byte, success bool) []string {
	ack := ibcproto.NewSuccessAck()
	if !success {
		ack = ibcproto.NewErrorAck("refused by the consumer")
	}
	ctx := e.chain.Context()
	packet := channeltypes.Packet{SourceChannel: channel, SourcePort: types.PortID, Data: data}
	require.NoError(e.t, e.ibc.OnAcknowledgementPacket(ctx, packet, ack.Acknowledgement(), nil))
	var reasons []string
	for _, ev := range ctx.EventManager().Events() {
		if ev.Type != "meshsecurity.externalstaking.v1.EventAckFallback" {
			continue
		}
		for _, a := range ev.Attributes {
			if a.Key == "reason" {
				reasons = append(reasons, a.Value)
			}
		}
	}
	return reasons
}

// TestHugeDistributeIsRefused sends a reward of 2^128-1 to a validator with 10 shares: the points
// per share it asks for would let a later stake overflow, so the packet gets an error
// acknowledgement and changes nothing, and a stake of 2^80 afterwards commits normally.
func TestHugeDistributeIsRefused(t *testing.T) {
	e := newEnv(t)
	a, b := e.chain.Accounts[0], e.chain.Accounts[1]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 10)
	huge := pow2(128).SubRaw(1)
	ack := e.receive(ibcproto.DistributePacket{Validator: "valA", Rewards: ibcproto.NewCoin("ucons", huge)})
	require.False(t, ack.Success())
	require.Contains(t, ack.ErrorMessage(), "ABCI code: 28:") // ErrOverflow
	require.Equal(t, "0", e.validator("valA").PointsPerShare.String())
	batch := ibcproto.DistributeBatchPacket{Denom: "ucons", Rewards: []ibcproto.RewardInfo{
		{Validator: "valA", Reward: ints(30)}, {Validator: "valA", Reward: huge}}}
	require.False(t, e.receive(batch).Success())
	require.Equal(t, "0", e.validator("valA").PointsPerShare.String())
	require.Equal(t, "0", e.rewards(a, "valA").String())

	big80 := pow2(80)
	e.bondBig(b, big80)
	require.NoError(t, e.stakeBig(b, "valA", big80))
	raw := e.clearOutbox()
	require.Len(t, raw, 1)
	require.Empty(t, e.ackFallbacks(raw[0], true))
	low, high := e.stakeOf(b, "valA")
	require.Equal(t, big80.String(), low.String())
	require.Equal(t, big80.String(), high.String())
	e.checkInvariants()
}

// TestStakeAtTheShareBoundIsRefused refuses a stake that would take a validator to 2^120 shares
// with a typed error, leaving the vault and the position untouched.
func TestStakeAtTheShareBoundIsRefused(t *testing.T) {
	e := newEnv(t)
	b := e.chain.Accounts[1]
	e.activate(1, "valA")
	e.bondBig(b, pow2(120))
	err := e.stakeBig(b, "valA", pow2(120))
	require.ErrorContains(t, err, types.ErrOverflow.Error())
	low, high := e.lien(b)
	require.Equal(t, "0", low.String())
	require.Equal(t, "0", high.String())
	require.Empty(t, e.clearOutbox())
}

// TestStakeOverflowingAtItsAckRollsBack commits two pending stakes of 2^119 each: the second
// would take the validator to 2^120 shares, so its success acknowledgement falls back. The
// operation does not stay pending: its lien rolls back in the vault and a burn packet takes back
// the stake the consumer bonded.
func TestStakeOverflowingAtItsAckRollsBack(t *testing.T) {
	e := newEnv(t)
	a, b := e.chain.Accounts[0], e.chain.Accounts[1]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 10)
	half := pow2(119)
	e.bondBig(b, half.MulRaw(2))
	require.NoError(t, e.stakeBig(b, "valA", half))
	require.NoError(t, e.stakeBig(b, "valA", half))
	raw := e.clearOutbox()
	require.Len(t, raw, 2)
	require.Empty(t, e.ackFallbacks(raw[0], true))
	reasons := e.ackFallbacks(raw[1], true)
	require.Len(t, reasons, 2)
	require.Contains(t, reasons[0], "amount exceeds what the accounting can hold")
	require.Contains(t, reasons[1], "rolled back")
	require.Zero(t, e.pendingTxs())
	low, high := e.stakeOf(b, "valA")
	require.Equal(t, half.String(), low.String())
	require.Equal(t, half.String(), high.String())
	lienLow, lienHigh := e.lien(b)
	require.Equal(t, half.String(), lienLow.String())
	require.Equal(t, half.String(), lienHigh.String())
	packets, _ := e.outbox()
	require.Len(t, packets, 1)
	burn, ok := packets[0].(ibcproto.BurnPacket)
	require.True(t, ok, "%T", packets[0])
	require.Equal(t, []string{"valA"}, burn.Validators)
	require.Equal(t, half.String(), burn.Burn.Amount.String())
	e.checkInvariants()
}

// pendingTxs counts the pending operations.
func (e *env) pendingTxs() int {
	n := 0
	require.NoError(e.t, e.k.PendingTxs.Walk(e.chain.Context(), nil, func(uint64, types.PendingTx) (bool, error) {
		n++
		return false, nil
	}))
	return n
}

// corruptPointsPerShare sets a validator's points per share past anything the accounting lets
// it reach, so that moving its shares panics inside the share arithmetic.
func (e *env) corruptPointsPerShare(val string) {
	v := e.validator(val)
	v.PointsPerShare = pow2(255)
	require.NoError(e.t, e.k.Validators.Set(e.chain.Context(), collectionsPair(val), v))
}

// TestPanicInReceiveIsAnErrorAck makes an internal unstake panic in the share arithmetic: the
// packet gets an error acknowledgement and changes nothing.
func TestPanicInReceiveIsAnErrorAck(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 100)
	e.corruptPointsPerShare("valA")
	ack := e.receive(ibcproto.InternalUnstakePacket{Delegator: a.String(), Validator: "valA",
		NormalizeAmount: ibcproto.NewCoin(denom, ints(50)), InvertedAmount: ibcproto.NewCoin(denom, ints(50))})
	require.False(t, ack.Success())
	require.Contains(t, ack.ErrorMessage(), "ABCI code: 25:") // ErrAccounting, the recovered panic
	low, high := e.stakeOf(a, "valA")
	require.Equal(t, "100", low.String())
	require.Equal(t, "100", high.String())
	require.Equal(t, "100", e.validator("valA").Shares.String())
}

// TestPanicInAckFallsBack makes the settlement of an unstake's success acknowledgement panic: the
// handler does not fail, an event reports the fallback, and the operation, which the consumer
// carried out, loses its record instead of staying pending.
func TestPanicInAckFallsBack(t *testing.T) {
	e := newEnv(t)
	a := e.chain.Accounts[0]
	e.bond(1_000, a)
	e.activate(1, "valA")
	e.committedStake(a, "valA", 100)
	data, err := e.unstake(a, "valA", 40)
	require.NoError(t, err)
	e.corruptPointsPerShare("valA")
	reasons := e.ackFallbacks(data, true)
	require.Len(t, reasons, 2)
	require.Contains(t, reasons[0], "settling an operation panicked")
	require.Contains(t, reasons[1], "dropped")
	require.Zero(t, e.pendingTxs())
	require.Equal(t, "100", e.validator("valA").Shares.String())
}
