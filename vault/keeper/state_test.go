package keeper_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// snapshot is everything a failed operation must leave untouched.
type snapshot struct {
	genesis  *types.GenesisState
	balances map[string]string
}

func takeSnapshot(t *testing.T, f *vtu.Fixture, addrs ...sdk.AccAddress) snapshot {
	t.Helper()
	gs, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	s := snapshot{genesis: gs, balances: map[string]string{}}
	addrs = append(addrs, f.Accounts.GetModuleAddress(types.ModuleName), f.Accounts.GetModuleAddress(vtu.CustodialModule))
	for _, a := range addrs {
		s.balances[a.String()] = f.Bank.GetAllBalances(f.Ctx, a).String()
	}
	s.balances["supply"] = f.Bank.GetSupply(f.Ctx, vtu.Denom).String()
	return s
}

// requireFailsUnchanged runs op directly on the fixture's context, with no cache context of its
// own (so a write made before the failure would persist), and checks it fails with want, a
// registered error, and leaves the vault state and the balances as they were.
func requireFailsUnchanged(t *testing.T, f *vtu.Fixture, want error, op func(ctx sdk.Context) error, addrs ...sdk.AccAddress) {
	t.Helper()
	before := takeSnapshot(t, f, addrs...)
	err := op(f.Ctx)
	require.ErrorIs(t, err, want)
	codespace, _, _ := errorsmod.ABCIInfo(err, false)
	require.NotEqual(t, errorsmod.UndefinedCodespace, codespace, "a registered error")
	require.Equal(t, before, takeSnapshot(t, f, addrs...))
}
