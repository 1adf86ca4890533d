package keeper_test

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	"time"

	sdkmath "cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/cosmos-sdk/codec"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/testutil"
)

// noWithdrawAddr disables x/distribution's withdraw addresses (withdraw_addr_enabled=false), so
// rewards are paid to the delegator itself.
func noWithdrawAddr(cdc codec.Codec, state meshapp.GenesisState) error {
	var gs distrtypes.GenesisState
	if err := cdc.UnmarshalJSON(state[distrtypes.ModuleName], &gs); err != nil {
		return err
	}
	gs.Params.WithdrawAddrEnabled = false
	raw, err := cdc.MarshalJSON(&gs)
	state[distrtypes.ModuleName] = raw
	return err
}

// downtimeFraction returns a genesis modifier that sets x/slashing's downtime slash fraction.
func downtimeFraction(fraction sdkmath.LegacyDec) testutil.GenesisModifier {
	return func(cdc codec.Codec, state meshapp.GenesisState) error {
		var gs slashingtypes.GenesisState
		if err := cdc.UnmarshalJSON(state[slashingtypes.ModuleName], &gs); err != nil {
			return err
		}
		gs.Params.SlashFractionDowntime = fraction
		raw, err := cdc.MarshalJSON(&gs)
		state[slashingtypes.ModuleName] = raw
		return err
	}
}

// unbondValidator jails v for downtime and waits until x/staking has unbonded it.
func (e *env) unbondValidator(v testutil.Validator) {
	e.t.Helper()
	e.chain.SetAbsent(v)
	e.chain.NextBlocks(int(testutil.DefaultSignedBlocksWindow) + 2)
	e.chain.SetPresent(v)
	require.NoError(e.t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod+time.Minute))
	e.chain.NextBlock()
	validator, err := e.chain.App.StakingKeeper.GetValidator(e.chain.Context(), v.ValAddress())
	require.NoError(e.t, err)
	require.True(e.t, validator.IsUnbonded(), "x/staking has unbonded the jailed validator")
}

// infraction is a height and time at which a validator is later proven to have double-signed.
type infraction struct {
	height int64
	time   time.Time
}

// now is the last committed block, as an infraction point for a later doubleSign.
func (e *env) now() infraction {
	return infraction{height: e.chain.Height(), time: e.chain.LastBlockTime()}
}

// doubleSign puts evidence that v double-signed at the infraction point into the next block and
// produces it; x/evidence slashes, jails and tombstones v, and slashes the redelegations out of
// v created at or after that point.
func (e *env) doubleSign(v testutil.Validator, at infraction) {
	e.t.Helper()
	set, err := e.chain.ValidatorSet(at.height)
	require.NoError(e.t, err)
	_, signer := set.GetByAddress(v.ConsPubKey.Address())
	require.NotNil(e.t, signer)
	e.chain.InjectMisbehaviour(abci.Misbehavior{Type: abci.MisbehaviorType_DUPLICATE_VOTE,
		Validator: abci.Validator{Address: signer.Address, Power: signer.VotingPower}, Height: at.height, Time: at.time,
		TotalVotingPower: set.TotalVotingPower()})
	e.chain.NextBlock()
	require.True(e.t, e.chain.App.SlashingKeeper.IsTombstoned(e.chain.Context(), v.ConsAddress()))
}

// doubleSignFraction returns a genesis modifier that sets x/slashing's double-sign slash fraction.
func doubleSignFraction(fraction sdkmath.LegacyDec) testutil.GenesisModifier {
	return func(cdc codec.Codec, state meshapp.GenesisState) error {
		var gs slashingtypes.GenesisState
		if err := cdc.UnmarshalJSON(state[slashingtypes.ModuleName], &gs); err != nil {
			return err
		}
		gs.Params.SlashFractionDoubleSign = fraction
		raw, err := cdc.MarshalJSON(&gs)
		state[slashingtypes.ModuleName] = raw
		return err
	}
}

// setEvidenceMaxAge sets the consensus evidence max age (duration) from the next block on.
func (e *env) setEvidenceMaxAge(age time.Duration) {
	e.t.Helper()
	ctx := e.chain.Context()
	cp, err := e.chain.App.ConsensusParamsKeeper.ParamsStore.Get(ctx)
	require.NoError(e.t, err)
	cp.Evidence.MaxAgeDuration = age
	require.NoError(e.t, e.chain.App.ConsensusParamsKeeper.ParamsStore.Set(ctx, cp))
}

// blockContext is a cached context on the committed state carrying the consensus parameters, as
// a block's context does.
func (e *env) blockContext() sdk.Context {
	ctx, _ := e.chain.Context().CacheContext()
	cp, err := e.chain.App.ConsensusParamsKeeper.ParamsStore.Get(ctx)
	require.NoError(e.t, err)
	return ctx.WithConsensusParams(cp)
}
