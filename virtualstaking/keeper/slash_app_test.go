package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/keeper"
)

// TestSlashAfterVirtualStakeLeftCostsOwnDelegatorsOnlyTheNominalFraction: a validator double-signs
// while it holds virtual stake; an epoch then takes the virtual stake away; then the evidence
// arrives. The virtual stake left through an unbonding entry created after the infraction, so
// x/staking slashes that entry, and the chain's own delegators (the operator and a user) lose
// exactly the nominal 5 % of their own stake; the virtual stake's 5 % is recorded as slashed. Tokens
// someone sent to the derived account meanwhile stay there: the sweep burns only the entry.
func TestSlashAfterVirtualStakeLeftCostsOwnDelegatorsOnlyTheNominalFraction(t *testing.T) {
	e := newEnv(t, 4, nil)
	app := e.chain.App
	v := e.chain.Validators[0]
	user := e.chain.Accounts[0]
	_, _, err := e.chain.DeliverTx(user, stakingtypes.NewMsgDelegate(user.Address.String(), e.val(0), e.coin(50_000_000)))
	require.NoError(t, err)
	e.pairing("a", 1_000_000_000)
	e.request("a", 0, 50_000_000)
	e.epoch()
	e.chain.NextBlocks(3) // the validator set now carries the virtual stake
	ctx := e.chain.Context()
	validator, err := app.StakingKeeper.GetValidator(ctx, v.ValAddress())
	require.NoError(t, err)
	require.Equal(t, math.NewInt(200_000_000), validator.Tokens)

	at := struct {
		height int64
		time   time.Time
	}{e.chain.Height(), e.chain.LastBlockTime()}
	set, err := e.chain.ValidatorSet(at.height)
	require.NoError(t, err)
	_, signer := set.GetByAddress(v.ConsPubKey.Address())
	require.Equal(t, int64(200), signer.VotingPower, "virtual stake counts in the power at the infraction")

	e.request("a", 0, 0)
	e.epoch()
	account := keeper.DelegatorAccount("a", 0)
	ubd, err := app.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), account, v.ValAddress())
	require.NoError(t, err, "the virtual stake left through an ordinary unbonding entry")
	require.Len(t, ubd.Entries, 1)
	require.Equal(t, math.NewInt(50_000_000), ubd.Entries[0].Balance)
	require.Greater(t, ubd.Entries[0].CreationHeight, at.height)
	donation := math.NewInt(1_000_000)
	require.NoError(t, app.BankKeeper.SendCoins(e.chain.Context(), user.Address, account, sdk.NewCoins(e.coin(1_000_000))))
	e.chain.NextBlock()
	require.Equal(t, donation, e.balance(account), "a donation is not taken for the unbonding entry")

	e.chain.InjectMisbehaviour(abci.Misbehavior{Type: abci.MisbehaviorType_DUPLICATE_VOTE,
		Validator: abci.Validator{Address: signer.Address, Power: signer.VotingPower}, Height: at.height,
		Time: at.time, TotalVotingPower: set.TotalVotingPower()})
	e.chain.NextBlock()
	ctx = e.chain.Context()
	require.True(t, app.SlashingKeeper.IsTombstoned(ctx, v.ConsAddress()))

	validator, err = app.StakingKeeper.GetValidator(ctx, v.ValAddress())
	require.NoError(t, err)
	worth := func(del sdk.AccAddress) math.Int {
		d, err := app.StakingKeeper.GetDelegation(ctx, del, v.ValAddress())
		require.NoError(t, err)
		return validator.TokensFromShares(d.Shares).TruncateInt()
	}
	require.Equal(t, math.NewInt(95_000_000), worth(sdk.AccAddress(v.ValAddress())), "operator loses exactly 5 %")
	require.Equal(t, math.NewInt(47_500_000), worth(user.Address), "user loses exactly 5 %")
	require.Equal(t, math.NewInt(142_500_000), validator.Tokens)
	ubd, err = app.StakingKeeper.GetUnbondingDelegation(ctx, account, v.ValAddress())
	require.NoError(t, err)
	require.Equal(t, math.NewInt(47_500_000), ubd.Entries[0].Balance, "the virtual entry pays its own 5 %")
	require.Equal(t, math.NewInt(2_500_000), e.supply("a").Slashed)
	e.checkInvariants()
	// The event capture reported the pairing's share to the converter, at the infraction height.
	require.Len(t, e.conv.Slashes, 1)
	reported := e.conv.Slashes[0]
	require.Equal(t, e.val(0), reported.Valoper)
	require.Equal(t, math.NewInt(2_500_000), reported.LocalAmount)
	require.Equal(t, at.height, reported.InfractionHeight)
	require.Equal(t, int64(200), reported.Power)
	require.True(t, reported.Tombstoned)

	// The entry matures and is burned: the pairing's outstanding supply returns to zero.
	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod+time.Minute))
	e.chain.NextBlocks(2)
	e.checkInvariants()
	s := e.supply("a")
	require.Equal(t, math.NewInt(50_000_000), s.Minted)
	require.Equal(t, math.NewInt(47_500_000), s.Burned)
	require.True(t, s.Outstanding().IsZero())
	require.Equal(t, donation, e.balance(account), "only the entry's 47.5M was burned, never the donation")
	_, err = app.VirtualStakingKeeper.Pending.Get(e.chain.Context(), collections.Join("a", account))
	require.ErrorIs(t, err, collections.ErrNotFound, "nothing more is owed")
}

// TestUnbondedValidatorLeavesInstantly: virtual stake on a validator x/staking has unbonded cannot
// be slashed any more, so it leaves at once and is burned from the not-bonded pool.
func TestUnbondedValidatorLeavesInstantly(t *testing.T) {
	e := newEnv(t, 4, nil)
	v := e.chain.Validators[1]
	e.pairing("a", 1_000_000_000)
	e.request("a", 1, 30_000_000)
	e.epoch()
	e.chain.SetAbsent(v)
	e.chain.NextBlocks(int(testutil.DefaultSignedBlocksWindow) + 2)
	e.chain.SetPresent(v)
	require.NoError(t, e.net.AdvanceTime(testutil.DefaultUnbondingPeriod+time.Minute))
	e.chain.NextBlock()
	validator, err := e.chain.App.StakingKeeper.GetValidator(e.chain.Context(), v.ValAddress())
	require.NoError(t, err)
	require.True(t, validator.IsUnbonded())
	slashed := e.supply("a").Slashed
	require.Equal(t, math.NewInt(300_000), slashed, "downtime took 1 % of the virtual stake")

	e.request("a", 1, 0)
	e.epoch()
	s := e.supply("a")
	require.Equal(t, math.NewInt(30_000_000).Sub(slashed), s.Burned, "burned at once")
	require.True(t, s.Outstanding().IsZero())
	_, err = e.chain.App.StakingKeeper.GetUnbondingDelegation(e.chain.Context(), keeper.DelegatorAccount("a", 0), v.ValAddress())
	require.ErrorIs(t, err, stakingtypes.ErrNoUnbondingDelegation)
}
