package scenarios_test

import (
	"errors"
	"fmt"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/stretchr/testify/require"

	convkeeper "github.com/meshsecurity/mesh/converter/keeper"
	convtypes "github.com/meshsecurity/mesh/converter/types"
	extkeeper "github.com/meshsecurity/mesh/externalstaking/keeper"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
)

// requireRefused requires err to be the failed transaction of a registered error.
func (m *mesh) requireRefused(err error, want *errorsmod.Error) {
	m.t.Helper()
	var txErr *testutil.TxError
	require.True(m.t, errors.As(err, &txErr), "a failed transaction, got %v", err)
	require.Equal(m.t, fmt.Sprintf("%s/%d", want.Codespace(), want.ABCICode()),
		fmt.Sprintf("%s/%d", txErr.Codespace, txErr.Code), txErr.Log)
}

// providerView is the provider's record of a consumer validator, as externalstaking's validators
// query shows it; a validator the query does not list has status UNKNOWN.
func (m *mesh) providerView(val string) exttypes.ValidatorView {
	m.t.Helper()
	res, err := extkeeper.NewQueryServerImpl(m.provider.App.ExternalStakingKeeper).Validators(m.provider.Context(),
		&exttypes.QueryValidatorsRequest{PairingId: extPair})
	require.NoError(m.t, err)
	for _, v := range res.Validators {
		if v.Valoper == val {
			return v
		}
	}
	return exttypes.ValidatorView{Valoper: val}
}

// pendingFrom lists the link's unrelayed packets that chain c sent, oldest first.
func (m *mesh) pendingFrom(c *testutil.Chain) []testutil.SentPacket {
	var out []testutil.SentPacket
	for _, p := range m.link.PendingPackets() {
		if p.Source == c {
			out = append(out, p)
		}
	}
	return out
}

// relayFrom relays, one by one with their acknowledgements, the packets chain c has pending,
// leaving the other chain's packets waiting.
func (m *mesh) relayFrom(c *testutil.Chain) {
	m.t.Helper()
	for _, p := range m.pendingFrom(c) {
		require.NoError(m.t, m.link.RelayPacket(p))
	}
}

// payFees moves amount of the consumer's bond denom from its first account into the fee
// collector, as transaction fees would, for x/distribution to pay out at the next block.
func (m *mesh) payFees(amount sdkmath.Int) {
	m.t.Helper()
	require.NoError(m.t, m.consumer.App.BankKeeper.SendCoinsFromAccountToModule(m.consumer.Context(), m.consumer.Accounts[0].Address,
		authtypes.FeeCollectorName, sdk.NewCoins(sdk.NewCoin(consDenom, amount))))
}

// virtualTokens is the virtual stake delegated to the consumer's i-th genesis validator.
func (m *mesh) virtualTokens(i int) sdkmath.Int {
	return m.tokens(i).Sub(testutil.DefaultValidatorStake)
}

// position is a provider user's position on a consumer validator as externalstaking's stakes
// query shows it (stake range, pending rewards, unbonding entries); empty when the user has none.
func (m *mesh) position(u testutil.Account, val string) exttypes.StakeView {
	m.t.Helper()
	res, err := extkeeper.NewQueryServerImpl(m.provider.App.ExternalStakingKeeper).Stakes(m.provider.Context(),
		&exttypes.QueryStakesRequest{PairingId: extPair, Owner: u.String()})
	require.NoError(m.t, err)
	for _, s := range res.Stakes {
		if s.Validator == val {
			return s
		}
	}
	return exttypes.StakeView{Validator: val}
}

// unbonding lists the amounts of a position's unbonding entries, oldest first.
func (m *mesh) unbonding(u testutil.Account, val string) []string {
	m.t.Helper()
	var out []string
	for _, e := range m.position(u, val).Unbondings {
		out = append(out, e.Amount.String())
	}
	return out
}

// rewardReserve is the consumer's reward reserve for the provider's pairing.
func (m *mesh) rewardReserve() sdkmath.Int {
	m.t.Helper()
	res, err := convkeeper.NewQueryServerImpl(m.consumer.App.ConverterKeeper).RewardReserve(m.consumer.Context(),
		&convtypes.QueryRewardReserveRequest{PairingId: convPair})
	require.NoError(m.t, err)
	return res.Amount
}

// delegatorShare is what x/distribution pays a delegation of stake tokens on the consumer's i-th
// validator out of fees collected in one block, from the chain's own figures: the fees less the
// community tax, the validator's share of the voting power, less its commission, by the
// delegation's share of its tokens, truncated.
func (m *mesh) delegatorShare(i int, fees, stake sdkmath.Int) sdkmath.Int {
	m.t.Helper()
	ctx := m.consumer.Context()
	params, err := m.consumer.App.DistrKeeper.Params.Get(ctx)
	require.NoError(m.t, err)
	v, err := m.consumer.App.StakingKeeper.GetValidator(ctx, m.consumer.Validators[i].ValAddress())
	require.NoError(m.t, err)
	total, err := m.consumer.App.StakingKeeper.GetLastTotalPower(ctx)
	require.NoError(m.t, err)
	power := sdkmath.NewInt(v.ConsensusPower(sdk.DefaultPowerReduction))
	return sdkmath.LegacyNewDecFromInt(fees).Mul(sdkmath.LegacyOneDec().Sub(params.CommunityTax)).
		MulInt(power).QuoInt(total).Mul(sdkmath.LegacyOneDec().Sub(v.Commission.Rate)).
		MulInt(stake).QuoInt(v.Tokens).TruncateInt()
}
