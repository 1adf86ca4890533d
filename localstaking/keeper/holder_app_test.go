package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/localstaking/types"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
)

// localHolder is the HolderID of local staking.
var localHolder = lienholder.HolderID{Kind: lienholder.KindLocal}

// TestMaxSlashIsLargerSlashFraction sets x/slashing's downtime fraction above its double-sign
// fraction: local stake can lose either, so MaxSlash is the downtime fraction and the vault
// reserves that much of a new local stake as slashable.
func TestMaxSlashIsLargerSlashFraction(t *testing.T) {
	downtime := sdkmath.LegacyNewDecWithPrec(2, 1)
	e := newEnv(t, downtimeFraction(downtime))
	user := e.chain.Accounts[0]
	doubleSign, err := e.chain.App.SlashingKeeper.SlashFractionDoubleSign(e.chain.Context())
	require.NoError(t, err)
	require.True(t, doubleSign.LT(downtime))

	ratio, err := e.chain.App.LocalStakingKeeper.MaxSlash(e.chain.Context(), localHolder)
	require.NoError(t, err)
	require.Equal(t, downtime, ratio)
	e.stakeLocal(user, 1_000_000, 600_000, e.chain.Validators[0].ValAddress())
	require.Equal(t, int64(120_000), e.vaultAccount(user.Address).TotalSlashable.High.Int64())
	e.checkInvariants()
}

// TestBurnStakeRefusesMoreThanPrincipal asks local staking, as the vault does when it propagates
// a loss, to burn more than the user's recorded principal: it refuses with ErrInsufficientBurn
// and burns nothing. Exactly the principal is burned by unbond-and-burn.
func TestBurnStakeRefusesMoreThanPrincipal(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	e.stakeLocal(user, 1_000_000, 600_000, val)
	k, bank := e.chain.App.LocalStakingKeeper, e.chain.App.BankKeeper
	ctx, _ := e.chain.Context().CacheContext()
	supply := bank.GetSupply(ctx, denom).Amount

	require.ErrorIs(t, k.BurnStake(ctx, localHolder, user.Address, sdkmath.NewInt(600_001)), types.ErrInsufficientBurn)
	require.Equal(t, supply, bank.GetSupply(ctx, denom).Amount)
	p, err := k.Positions.Get(ctx, collections.Join(user.Address, val))
	require.NoError(t, err)
	require.Equal(t, int64(600_000), p.Principal.Int64())

	require.NoError(t, k.BurnStake(ctx, localHolder, user.Address, sdkmath.NewInt(600_000)))
	require.Equal(t, supply.SubRaw(600_000), bank.GetSupply(ctx, denom).Amount)
	has, err := k.Positions.Has(ctx, collections.Join(user.Address, val))
	require.NoError(t, err)
	require.False(t, has)
}

// TestInvariantsReportAccounting breaks local staking's books against the vault's in two ways
// and checks each is reported as ErrAccounting: a user's recorded principal below its local lien,
// and the vault's lent figure above the recorded principal of all users.
func TestInvariantsReportAccounting(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	e.stakeLocal(user, 1_000_000, 600_000, val)
	k := e.chain.App.LocalStakingKeeper
	ledger := vaultkeeper.NewQueryServerImpl(e.chain.App.VaultKeeper)
	breaks := map[string]func(ctx sdk.Context) error{
		"principal below lien": func(ctx sdk.Context) error {
			p := types.Position{Principal: sdkmath.NewInt(500_000), Queued: sdkmath.ZeroInt()}
			return k.Positions.Set(ctx, collections.Join(user.Address, val), p)
		},
		"lent above principal": func(ctx sdk.Context) error {
			return e.chain.App.VaultKeeper.Lent.Set(ctx, lienholder.KindLocal, sdkmath.NewInt(700_000))
		},
	}
	for name, breakBooks := range breaks {
		ctx, _ := e.chain.Context().CacheContext()
		require.NoError(t, k.CheckInvariants(ctx, ledger))
		require.NoError(t, breakBooks(ctx))
		require.ErrorIs(t, k.CheckInvariants(ctx, ledger), types.ErrAccounting, name)
	}
}
