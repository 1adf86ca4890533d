package converter_test

import (
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// TestBurnThatEmptiesAValidatorRetiresItsRequests has two delegators on one validator, burns part
// of the total and then the rest: the burn that takes the total to zero retires both requests
// with the burned record. An unstake the provider sends afterwards for that stake is accepted and
// changes nothing; one for a validator with a live request of someone else is still refused.
func TestBurnThatEmptiesAValidatorRetiresItsRequests(t *testing.T) {
	p, u := refusalPair(t)
	w := p.provider.Accounts[1]
	val, other := p.val(0), p.val(1)
	p.stakeRemote(w, 10_000, 500, val)
	p.stakeRemote(w, 0, 300, other)
	ctx := p.consumer.Context
	coin := func(v int64) ibcproto.Coin { return ibcproto.NewCoin("uprov", ints(v)) }
	figures := func(v string) string {
		total, _ := p.keeper().ValidatorTotals.Get(ctx(), collections.Join(convPairing, v))
		burned, _ := p.keeper().Burned.Get(ctx(), collections.Join(convPairing, v))
		return p.request(u.String(), v) + " " + p.request(w.String(), v) + " " + total.String() + " " + burned.String()
	}
	require.Equal(t, "1000 500 1500 <nil>", figures(val))

	require.True(t, p.deliver(ibcproto.BurnPacket{Validators: []string{val}, Burn: coin(600)}).Success())
	require.Equal(t, "1000 500 900 600", figures(val))
	p.checkInvariants()
	// the provider's users unstake 700 and 100 of what is left; 100 remain
	require.True(t, p.deliver(ibcproto.UnstakePacket{Delegator: u.String(), Validator: val, Unstake: coin(700), TxID: 20}).Success())
	require.True(t, p.deliver(ibcproto.UnstakePacket{Delegator: w.String(), Validator: val, Unstake: coin(100), TxID: 21}).Success())
	require.Equal(t, "300 400 100 600", figures(val))
	require.True(t, p.deliver(ibcproto.BurnPacket{Validators: []string{val}, Burn: coin(100)}).Success())
	require.Equal(t, "0 0 <nil> <nil>", figures(val))
	require.Equal(t, "300", p.request(w.String(), other))
	p.checkInvariants()

	// an unstake of the ended stake is accepted without change
	require.True(t, p.deliver(ibcproto.UnstakePacket{Delegator: u.String(), Validator: val, Unstake: coin(50), TxID: 22}).Success())
	require.Equal(t, "0 0 <nil> <nil>", figures(val))
	// u never staked on the other validator, which still holds w's request: refused
	p.refuse(t, p.ch.ChannelA, p.encode(ibcproto.UnstakePacket{Delegator: u.String(), Validator: other,
		Unstake: coin(50), TxID: 23}), types.ErrInsufficientRequest)
}
