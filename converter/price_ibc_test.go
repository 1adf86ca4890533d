package converter_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// TestStalePriceRefusesStakeOnly lets the price grow older than its limit: new stake is refused
// (the provider rolls it back), and targets are withheld, while unstake, burn, reward transfers
// and validator reports go on. A new price lets stake in again.
func TestStalePriceRefusesStakeOnly(t *testing.T) {
	p, u := refusalPair(t)
	val := p.val(0)
	terms := p.pairing()
	terms.FixedPrice.MaxAge = 30 * time.Second
	require.NoError(t, p.keeper().UpdatePairing(p.consumer.Context(), terms))
	p.consumer.NextBlocks(7) // 35 s later
	res, err := p.queries().Pairing(p.consumer.Context(), &types.QueryPairingRequest{PairingId: convPairing})
	require.NoError(t, err)
	require.True(t, res.PriceStale)

	// stake from the provider: error-acknowledged, rolled back there, nothing recorded here
	p.stakeRemote(u, 0, 500, val)
	low, high, err := p.provider.App.ExternalStakingKeeper.StakeOf(p.provider.Context(), extPairing, u.Address, val)
	require.NoError(t, err)
	require.Equal(t, "1000 1000", low.String()+" "+high.String())
	require.Equal(t, "1000", p.request(u.String(), val))
	p.refuse(t, p.ch.ChannelA, p.encode(ibcproto.StakePacket{Delegator: u.String(), Validator: val,
		Stake: ibcproto.NewCoin("uprov", ints(5)), TxID: 3}), types.ErrStalePrice)
	_, err = p.targets()
	require.ErrorIs(t, err, types.ErrStalePrice)

	// everything else works
	require.True(t, p.deliver(ibcproto.UnstakePacket{Delegator: u.String(), Validator: val,
		Unstake: ibcproto.NewCoin("uprov", ints(100)), TxID: 4}).Success())
	require.Equal(t, "900", p.request(u.String(), val))
	require.True(t, p.deliver(ibcproto.BurnPacket{Validators: []string{val}, Burn: ibcproto.NewCoin("uprov", ints(50))}).Success())
	recipient := p.consumer.Accounts[2]
	before := p.consumer.App.BankKeeper.GetBalance(p.consumer.Context(), recipient.Address, "ucons").Amount
	require.True(t, p.deliver(ibcproto.TransferRewardsPacket{Rewards: ibcproto.NewCoin("ucons", ints(40)),
		Recipient: recipient.String(), TxID: 5}).Success())
	after := p.consumer.App.BankKeeper.GetBalance(p.consumer.Context(), recipient.Address, "ucons").Amount
	require.Equal(t, "40", after.Sub(before).String())
	p.keeper().ReportValidatorChange(p.consumer.Context(), types.ValidatorChange{Kind: types.ValidatorJailed, Valoper: val})
	p.consumer.NextBlock()
	height, now := p.now()
	p.requireValsets(t, ibcproto.ValsetUpdatePacket{Height: height, Time: now, Jailed: []string{val}})

	// a fresh price takes stake again, at the new price: 900 - 50 burned + 100 = 950 remote
	require.NoError(t, p.keeper().UpdatePrice(p.consumer.Context(), convPairing, dec("2")))
	require.True(t, p.deliver(ibcproto.StakePacket{Delegator: u.String(), Validator: val,
		Stake: ibcproto.NewCoin("uprov", ints(100)), TxID: 6}).Success())
	targets, err := p.targets()
	require.NoError(t, err)
	// floor(floor(950 * 2) * 0.9) = 1710
	require.Equal(t, map[string]string{val: "1710"}, targets)
}
