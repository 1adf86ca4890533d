package vault_test

import (
	"testing"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/meshsecurity/mesh/vault"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
	"github.com/meshsecurity/mesh/vault/types/modulev1"
)

// TestProvideModule builds the keeper and module the way depinject does.
func TestProvideModule(t *testing.T) {
	f := vtu.NewFixture(t, math.LegacyMustNewDecFromStr("0.1"))
	enc := moduletestutil.MakeTestEncodingConfig(vault.AppModuleBasic{})
	out, err := vault.ProvideModule(vault.ModuleInputs{
		Config: &modulev1.Module{}, Cdc: enc.Codec,
		StoreService:  runtime.NewKVStoreService(storetypes.NewKVStoreKey("vault2")),
		AccountKeeper: f.Accounts, BankKeeper: f.Bank,
	})
	require.NoError(t, err)
	require.Equal(t, f.Authority, out.Keeper.Authority())
	require.NotNil(t, out.Module)
}

// TestAutoCLIMethodsExist checks every AutoCLI entry names a real RPC of its service.
func TestAutoCLIMethodsExist(t *testing.T) {
	opts := vault.AppModule{}.AutoCLIOptions()
	for _, svc := range []string{opts.Query.Service, opts.Tx.Service} {
		_, err := gogoproto.HybridResolver.FindDescriptorByName(protoreflect.FullName(svc))
		require.NoError(t, err, svc)
	}
	for _, o := range append(opts.Query.RpcCommandOptions, opts.Tx.RpcCommandOptions...) {
		found := false
		for _, svc := range []string{opts.Query.Service, opts.Tx.Service} {
			if _, err := gogoproto.HybridResolver.FindDescriptorByName(protoreflect.FullName(svc + "." + o.RpcMethod)); err == nil {
				found = true
			}
		}
		require.True(t, found, o.RpcMethod)
	}
}

// TestModuleGenesisJSON checks the default genesis validates through the module's JSON path.
func TestModuleGenesisJSON(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig(vault.AppModuleBasic{})
	basic := vault.AppModuleBasic{}
	bz := basic.DefaultGenesis(enc.Codec)
	require.NoError(t, basic.ValidateGenesis(enc.Codec, nil, bz))
	require.Error(t, basic.ValidateGenesis(enc.Codec, nil, []byte(`{"params":{"denom":""}}`)))
	require.Equal(t, types.ModuleName, basic.Name())
}
