package meshapp_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	ibctransfertypes "github.com/cosmos/ibc-go/v8/modules/apps/transfer/types"

	"github.com/meshsecurity/mesh/examples/meshapp"
	localstakingtypes "github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

func TestChainUsesItsOwnDenomEverywhere(t *testing.T) {
	chain := testutil.NewChain(t, testutil.ChainConfig{ChainID: "denom-1", BondDenom: "uown"})
	ctx := chain.Context()

	stakingParams, err := chain.App.StakingKeeper.GetParams(ctx)
	require.NoError(t, err)
	require.Equal(t, "uown", stakingParams.BondDenom)
	require.Equal(t, testutil.DefaultUnbondingPeriod, stakingParams.UnbondingTime)

	mintParams, err := chain.App.MintKeeper.Params.Get(ctx)
	require.NoError(t, err)
	require.Equal(t, "uown", mintParams.MintDenom)

	govParams, err := chain.App.GovKeeper.Params.Get(ctx)
	require.NoError(t, err)
	require.Equal(t, "uown", govParams.MinDeposit[0].Denom)

	for _, account := range chain.Accounts {
		require.Equal(t, testutil.DefaultAccountBalance, chain.App.BankKeeper.GetBalance(ctx, account.Address, "uown").Amount)
	}
}

func TestNativeTransactionsThroughTheApp(t *testing.T) {
	chain := testutil.NewChain(t, testutil.ChainConfig{ChainID: "tx-1", BondDenom: "utx"})
	from, to := chain.Accounts[0], chain.Accounts[1]
	coins := sdk.NewCoins(sdk.NewCoin("utx", sdkmath.NewInt(42)))

	gas, _, err := chain.DeliverTx(from, banktypes.NewMsgSend(from.Address, to.Address, coins))
	require.NoError(t, err)
	require.Positive(t, gas)
	require.Equal(t, testutil.DefaultAccountBalance.AddRaw(42),
		chain.App.BankKeeper.GetBalance(chain.Context(), to.Address, "utx").Amount)

	// A failing message reports a typed error and leaves the balance unchanged.
	tooMuch := sdk.NewCoins(sdk.NewCoin("utx", testutil.DefaultAccountBalance.MulRaw(2)))
	_, _, err = chain.DeliverTx(from, banktypes.NewMsgSend(from.Address, to.Address, tooMuch))
	var txErr *testutil.TxError
	require.ErrorAs(t, err, &txErr)
	require.Equal(t, "sdk", txErr.Codespace)
	require.Equal(t, testutil.DefaultAccountBalance.AddRaw(42),
		chain.App.BankKeeper.GetBalance(chain.Context(), to.Address, "utx").Amount)
}

func TestModuleAccountPermissions(t *testing.T) {
	perms := meshapp.ModuleAccountPermissions()
	require.Equal(t, []string{authtypes.Minter}, perms[minttypes.ModuleName])
	require.ElementsMatch(t, []string{authtypes.Burner, authtypes.Staking}, perms[stakingtypes.BondedPoolName])
	require.ElementsMatch(t, []string{authtypes.Burner, authtypes.Staking}, perms[stakingtypes.NotBondedPoolName])
	require.ElementsMatch(t, []string{authtypes.Minter, authtypes.Burner}, perms[ibctransfertypes.ModuleName])
	require.Equal(t, []string{authtypes.Burner}, perms[govtypes.ModuleName])
	require.ElementsMatch(t, []string{authtypes.Burner, authtypes.Staking}, perms[vaulttypes.ModuleName])
	require.Equal(t, []string{authtypes.Burner}, perms[localstakingtypes.ModuleName])
}

func TestExportAfterBlocks(t *testing.T) {
	chain := testutil.NewChain(t, testutil.ChainConfig{ChainID: "export-1", BondDenom: "uexp"})
	chain.NextBlocks(3)

	exported, err := chain.App.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	require.Equal(t, chain.Height()+1, exported.Height)
	require.Len(t, exported.Validators, len(chain.Validators))

	var state meshapp.GenesisState
	require.NoError(t, json.Unmarshal(exported.AppState, &state))
	var staking stakingtypes.GenesisState
	require.NoError(t, chain.App.AppCodec().UnmarshalJSON(state[stakingtypes.ModuleName], &staking))
	require.Equal(t, "uexp", staking.Params.BondDenom)
	require.Len(t, staking.Validators, len(chain.Validators))

	_, err = chain.App.ExportAppStateAndValidators(true, nil, nil)
	require.Error(t, err)
}
