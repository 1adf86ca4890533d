package meshapp_test

import (
	"bytes"
	"sort"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	localstakingtypes "github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// abciQuery asks the app over ABCI, as a node's gRPC and REST endpoints do, on committed state.
func abciQuery(t *testing.T, chain *testutil.Chain, method string, req, res proto.Message) {
	t.Helper()
	bz, err := proto.Marshal(req)
	require.NoError(t, err)
	out, err := chain.App.Query(chain.Context(), &abci.RequestQuery{Path: "/meshsecurity.vault.v1.Query/" + method, Data: bz})
	require.NoError(t, err)
	require.Zero(t, out.Code, out.Log)
	require.NoError(t, proto.Unmarshal(out.Value, res))
}

// TestVaultListingsThroughTheApp runs the wallet and indexer listings over ABCI on meshapp, with
// real local staking as the holder.
func TestVaultListingsThroughTheApp(t *testing.T) {
	chain := testutil.NewChain(t, testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov"})
	staker, saver := chain.Accounts[0], chain.Accounts[1]
	coin := func(v int64) sdk.Coin { return sdk.NewInt64Coin("uprov", v) }
	_, _, err := chain.DeliverTx(staker, &vaulttypes.MsgBond{Owner: staker.String(), Amount: coin(700)},
		&vaulttypes.MsgStakeLocal{Owner: staker.String(), Amount: coin(300), Validator: chain.Validators[0].ValAddress().String()})
	require.NoError(t, err)
	_, _, err = chain.DeliverTx(saver, &vaulttypes.MsgBond{Owner: saver.String(), Amount: coin(250)})
	require.NoError(t, err)

	var kinds vaulttypes.QueryHolderKindsResponse
	abciQuery(t, chain, "HolderKinds", &vaulttypes.QueryHolderKindsRequest{}, &kinds)
	require.Equal(t, []vaulttypes.HolderKind{
		{Kind: "external", Custody: "virtual", Keyed: true},
		{Kind: "local", Custody: "custodial", CustodyModule: localstakingtypes.ModuleName},
	}, kinds.Kinds)

	var active vaulttypes.QueryActiveHoldersResponse
	abciQuery(t, chain, "ActiveHolders", &vaulttypes.QueryActiveHoldersRequest{}, &active)
	require.Len(t, active.Holders, 1)
	require.Equal(t, "local", active.Holders[0].Holder)
	require.Equal(t, uint64(1), active.Holders[0].Liens)
	require.Equal(t, int64(300), active.Holders[0].Lent.Int64())

	var accounts vaulttypes.QueryAccountsResponse
	abciQuery(t, chain, "Accounts", &vaulttypes.QueryAccountsRequest{WithCollateral: true}, &accounts)
	users := []sdk.AccAddress{staker.Address, saver.Address}
	sort.Slice(users, func(i, j int) bool { return bytes.Compare(users[i], users[j]) < 0 })
	require.Equal(t, "uprov", accounts.Denom)
	require.Len(t, accounts.Accounts, 2)
	byAddress := map[string]vaulttypes.AccountEntry{}
	for i, e := range accounts.Accounts {
		require.Equal(t, users[i].String(), e.Address, "ascending address order")
		byAddress[e.Address] = e
	}
	s := byAddress[staker.String()]
	require.Equal(t, int64(700), s.Account.Collateral.Int64())
	require.Equal(t, int64(300), s.Account.MaxLien.High.Int64())
	require.Equal(t, int64(400), s.Free.Low.Int64())
	require.Equal(t, int64(250), byAddress[saver.String()].Free.High.Int64())

	var pending vaulttypes.QueryAllPendingLiensResponse
	abciQuery(t, chain, "AllPendingLiens", &vaulttypes.QueryAllPendingLiensRequest{}, &pending)
	require.Empty(t, pending.PendingLiens, "local stakes never pend")
	require.NoError(t, chain.App.VaultKeeper.CheckInvariants(chain.Context()))
}
