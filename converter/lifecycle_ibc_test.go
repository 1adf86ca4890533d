package converter_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/types"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
)

// TestChannelOpensAndReportsTheValidatorSet opens the channel from the consumer to external
// staking: the consumer sends its whole bonded set, which the provider records as active.
func TestChannelOpensAndReportsTheValidatorSet(t *testing.T) {
	p := newPair(t)
	p.open()
	res, err := p.queries().Pairing(p.consumer.Context(), &types.QueryPairingRequest{PairingId: convPairing})
	require.NoError(t, err)
	require.True(t, res.ChannelOpen)
	require.Equal(t, p.ch.ChannelA, res.Pairing.ChannelId)
	require.False(t, res.PriceStale)
	for i := range p.consumer.Validators {
		require.Equal(t, exttypes.VALIDATOR_STATUS_ACTIVE, p.providerStatus(p.val(i)), p.val(i))
	}
	// nothing is left to send or acknowledge
	out, err := p.queries().Outbox(p.consumer.Context(), &types.QueryOutboxRequest{})
	require.NoError(t, err)
	require.Empty(t, out.Queued)
	require.Empty(t, out.ValsetDrafts)
	require.Empty(t, out.InFlight)
}

// TestStakeAndUnstakeAcrossAPriceChange stakes from the provider, prices it at 0.5 with a 0.1
// discount, changes the price and unstakes: the request is kept in the provider's denom, so the
// unstake matches the stake exactly and nothing is stranded.
func TestStakeAndUnstakeAcrossAPriceChange(t *testing.T) {
	p := newPair(t)
	p.open()
	u := p.provider.Accounts[0]
	val := p.val(0)

	p.stakeRemote(u, 10_000, 1_000, val)
	low, high, err := p.provider.App.ExternalStakingKeeper.StakeOf(p.provider.Context(), extPairing, u.Address, val)
	require.NoError(t, err)
	require.Equal(t, "1000 1000", low.String()+" "+high.String(), "stake committed on the provider")
	require.Equal(t, "1000", p.request(u.String(), val))
	targets, err := p.targets()
	require.NoError(t, err)
	// floor(floor(1000 * 0.5) * 0.9) = 450
	require.Equal(t, map[string]string{val: "450"}, targets)

	p.stakeRemote(u, 0, 333, val)
	require.Equal(t, "1333", p.request(u.String(), val))
	targets, err = p.targets()
	require.NoError(t, err)
	// floor(floor(1333 * 0.5) * 0.9) = floor(666 * 0.9) = 599
	require.Equal(t, map[string]string{val: "599"}, targets)

	require.NoError(t, p.keeper().UpdatePrice(p.consumer.Context(), convPairing, dec("0.25")))
	targets, err = p.targets()
	require.NoError(t, err)
	// floor(floor(1333 * 0.25) * 0.9) = floor(333 * 0.9) = 299
	require.Equal(t, map[string]string{val: "299"}, targets)

	_, _, err = p.provider.DeliverTx(u, &exttypes.MsgUnstake{Owner: u.String(), PairingId: extPairing, Validator: val, Amount: ints(1_333)})
	require.NoError(t, err)
	require.NoError(t, p.link.RelayAll())
	low, high, err = p.provider.App.ExternalStakingKeeper.StakeOf(p.provider.Context(), extPairing, u.Address, val)
	require.NoError(t, err)
	require.Equal(t, "0 0", low.String()+" "+high.String(), "unstake acknowledged on the provider")
	require.Equal(t, "0", p.request(u.String(), val))
	targets, err = p.targets()
	require.NoError(t, err)
	require.Empty(t, targets, "nothing stranded")
	vals, err := p.queries().ValidatorRequests(p.consumer.Context(), &types.QueryValidatorRequestsRequest{PairingId: convPairing})
	require.NoError(t, err)
	require.Empty(t, vals.Validators)
}
