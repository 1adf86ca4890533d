package converter_test

import (
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
)

// TestBurnThatEmptiesAValidatorRetiresItsRequests has two delegators on one validator, burns part
// of the total and then the rest: the burn that takes the total to zero retires both requests
// with the burned record. An unstake the provider sends afterwards for that stake is accepted and
// changes nothing, also once someone else stakes on the validator again; an unstake over a
// request lowers it to zero and leaves every other request as it was.
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
	// w stakes on the validator again; u's unstake of stake whose request was retired is still
	// accepted and leaves w's request and the total as they were
	p.stakeRemote(w, 0, 200, val)
	require.Equal(t, "0 200 200 <nil>", figures(val))
	require.True(t, p.deliver(ibcproto.UnstakePacket{Delegator: u.String(), Validator: val, Unstake: coin(300), TxID: 23}).Success())
	require.Equal(t, "0 200 200 <nil>", figures(val))
	p.checkInvariants()
	// u stakes 100 again, then unstakes 150 (50 of them retired): the request falls to zero, by
	// 100, and w's stays
	p.stakeRemote(u, 0, 100, val)
	require.Equal(t, "100 200 300 <nil>", figures(val))
	require.True(t, p.deliver(ibcproto.UnstakePacket{Delegator: u.String(), Validator: val, Unstake: coin(150), TxID: 24}).Success())
	require.Equal(t, "0 200 200 <nil>", figures(val))
	require.Equal(t, "300", p.request(w.String(), other))
	p.checkInvariants()
}

// TestRetirementEndsABatchPerBlock has 150 delegators on one validator, more than a batch: the
// burn that empties the total ends the first 100 requests, EndBlock the other 50 in the next
// block. While the validator retires, a stake on it is refused, an unstake of a request still
// recorded is accepted, and the invariants hold after each block.
func TestRetirementEndsABatchPerBlock(t *testing.T) {
	p, u := refusalPair(t)
	val := p.val(0)
	coin := func(v int64) ibcproto.Coin { return ibcproto.NewCoin("uprov", ints(v)) }
	delegators := make([]string, 150)
	for i := range delegators {
		delegators[i] = sdk.AccAddress(testutil.NewAccount().Address).String()
		require.True(t, p.deliver(ibcproto.StakePacket{Delegator: delegators[i], Validator: val, Stake: coin(10), TxID: uint64(100 + i)}).Success())
	}
	valKey := collections.Join(convPairing, val)
	left := func() string {
		n := 0
		rng := collections.NewSuperPrefixedTripleRange[string, string, string](convPairing, val)
		require.NoError(t, p.keeper().RequestIndex.Walk(p.consumer.Context(), rng, func(collections.Triple[string, string, string]) (bool, error) {
			n++
			return false, nil
		}))
		total, _ := p.keeper().ValidatorTotals.Get(p.consumer.Context(), valKey)
		burned, _ := p.keeper().Burned.Get(p.consumer.Context(), valKey)
		retiring, err := p.keeper().Retiring.Has(p.consumer.Context(), valKey)
		require.NoError(t, err)
		return fmt.Sprintf("requests %d total %s burned %s retiring %t", n, total, burned, retiring)
	}
	require.True(t, p.deliver(ibcproto.UnstakePacket{Delegator: u.String(), Validator: val, Unstake: coin(1_000), TxID: 99}).Success())
	require.Equal(t, "requests 150 total 1500 burned <nil> retiring false", left())

	require.True(t, p.deliver(ibcproto.BurnPacket{Validators: []string{val}, Burn: coin(1_500)}).Success())
	require.Equal(t, "requests 50 total <nil> burned 500 retiring true", left())
	p.checkInvariants()
	p.refuse(t, p.ch.ChannelA, p.encode(ibcproto.StakePacket{Delegator: u.String(), Validator: val, Stake: coin(10), TxID: 300}),
		types.ErrValidatorRetiring)
	var still string
	rng := collections.NewSuperPrefixedTripleRange[string, string, string](convPairing, val)
	require.NoError(t, p.keeper().RequestIndex.Walk(p.consumer.Context(), rng, func(key collections.Triple[string, string, string]) (bool, error) {
		still = key.K3()
		return true, nil
	}))
	require.Equal(t, "10", p.request(still, val))
	require.True(t, p.deliver(ibcproto.UnstakePacket{Delegator: still, Validator: val, Unstake: coin(10), TxID: 301}).Success())
	require.Equal(t, "requests 49 total <nil> burned 490 retiring true", left())
	p.checkInvariants()

	p.consumer.NextBlock()
	require.Equal(t, "requests 0 total <nil> burned <nil> retiring false", left())
	p.checkInvariants()
	require.True(t, p.deliver(ibcproto.StakePacket{Delegator: u.String(), Validator: val, Stake: coin(10), TxID: 302}).Success())
	require.Equal(t, "requests 1 total 10 burned <nil> retiring false", left())
}
