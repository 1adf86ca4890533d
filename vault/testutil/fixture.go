package testutil

import (
	"testing"

	corestore "cosmossdk.io/core/store"
	"cosmossdk.io/log"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdktestutil "github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	"github.com/cosmos/cosmos-sdk/x/auth"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/auth/vesting"
	"github.com/cosmos/cosmos-sdk/x/bank"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault"
	"github.com/meshsecurity/mesh/vault/keeper"
	"github.com/meshsecurity/mesh/vault/types"
)

const (
	// Denom is the collateral denom of the fixture.
	Denom = "umesh"
	// CustodialModule is the module account of the custodial fake.
	CustodialModule = "fakecustody"
	// SecondCustodialModule is a module account (with burner permission) for a second custodial
	// fake a test registers itself.
	SecondCustodialModule = "fakecustody2"
	// FakeStoreKey is the store the fakes keep their state in.
	FakeStoreKey = "fakeholders"
	// CustodialKind and VirtualKind are the fakes' holder kinds.
	CustodialKind = lienholder.KindLocal
	VirtualKind   = lienholder.KindExternal
)

// Fixture is a vault keeper over real x/auth and x/bank keepers on an in-memory store, with a
// custodial fake holder registered as kind "local" and a virtual one as kind "external".
type Fixture struct {
	Ctx       sdk.Context
	Keeper    *keeper.Keeper
	Bank      bankkeeper.BaseKeeper
	Accounts  authkeeper.AccountKeeper
	Msg       types.MsgServer
	Query     types.QueryServer
	Custodial *FakeHolder
	Virtual   *FakeHolder
	Authority string
	// HolderStore is a store for test holders' own state; the fakes use the prefixes 1 and 2.
	HolderStore corestore.KVStoreService
}

// NewFixture builds a fixture whose fakes both have max slash ratio.
func NewFixture(t testing.TB, ratio math.LegacyDec) *Fixture {
	t.Helper()
	keys := storetypes.NewKVStoreKeys(authtypes.StoreKey, banktypes.StoreKey, types.StoreKey, FakeStoreKey)
	ctx := sdktestutil.DefaultContextWithKeys(keys, nil, nil)
	enc := moduletestutil.MakeTestEncodingConfig(auth.AppModuleBasic{}, bank.AppModuleBasic{}, vesting.AppModuleBasic{},
		vault.AppModuleBasic{})
	authority := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	perms := map[string][]string{
		types.ModuleName:      {authtypes.Burner, authtypes.Staking},
		CustodialModule:       {authtypes.Burner},
		SecondCustodialModule: {authtypes.Burner},
		"mint":                {authtypes.Minter},
	}
	ak := authkeeper.NewAccountKeeper(enc.Codec, runtime.NewKVStoreService(keys[authtypes.StoreKey]),
		authtypes.ProtoBaseAccount, perms, addresscodec.NewBech32Codec("cosmos"), "cosmos", authority)
	bk := bankkeeper.NewBaseKeeper(enc.Codec, runtime.NewKVStoreService(keys[banktypes.StoreKey]), ak,
		map[string]bool{}, authority, log.NewNopLogger())
	require.NoError(t, bk.SetParams(ctx, banktypes.DefaultParams()))
	for name := range perms {
		ak.GetModuleAccount(ctx, name)
	}
	k, err := keeper.NewKeeper(keeper.Config{
		Codec: enc.Codec, StoreService: runtime.NewKVStoreService(keys[types.StoreKey]), Authority: authority,
		AccountKeeper: ak, BankKeeper: bk,
	})
	require.NoError(t, err)
	gs := types.DefaultGenesis()
	gs.Params.Denom = Denom
	require.NoError(t, k.InitGenesis(ctx, *gs))

	f := &Fixture{Ctx: ctx, Keeper: k, Bank: bk, Accounts: ak, Authority: authority,
		Msg: keeper.NewMsgServerImpl(k), Query: keeper.NewQueryServerImpl(k)}
	fakeStore := runtime.NewKVStoreService(keys[FakeStoreKey])
	f.HolderStore = fakeStore
	f.Custodial, err = NewCustodialHolder(ratio, fakeStore, 1, CustodialModule, Denom, bk)
	require.NoError(t, err)
	f.Virtual, err = NewVirtualHolder(ratio, fakeStore, 2)
	require.NoError(t, err)
	f.Custodial.Vault, err = k.RegisterHolder(CustodialKind, f.Custodial)
	require.NoError(t, err)
	f.Virtual.Vault, err = k.RegisterHolder(VirtualKind, f.Virtual)
	require.NoError(t, err)
	return f
}

// Fund mints amount of the collateral denom to addr.
func (f *Fixture) Fund(t testing.TB, addr sdk.AccAddress, amount int64) {
	t.Helper()
	coins := sdk.NewCoins(sdk.NewInt64Coin(Denom, amount))
	require.NoError(t, f.Bank.MintCoins(f.Ctx, "mint", coins))
	require.NoError(t, f.Bank.SendCoinsFromModuleToAccount(f.Ctx, "mint", addr, coins))
}

// Balance returns addr's balance of the collateral denom.
func (f *Fixture) Balance(addr sdk.AccAddress) math.Int {
	return f.Bank.GetBalance(f.Ctx, addr, Denom).Amount
}

// ModuleBalance returns a module account's balance of the collateral denom.
func (f *Fixture) ModuleBalance(name string) math.Int {
	return f.Balance(f.Accounts.GetModuleAddress(name))
}

// Coin returns amount of the collateral denom.
func Coin(amount int64) sdk.Coin { return sdk.NewInt64Coin(Denom, amount) }

// Run executes fn in a cache context and commits only on success, as baseapp does for a message.
func (f *Fixture) Run(fn func(ctx sdk.Context) error) error {
	cacheCtx, write := f.Ctx.CacheContext()
	if err := fn(cacheCtx); err != nil {
		return err
	}
	write()
	return nil
}

// Account returns the settled account figures through the query service.
func (f *Fixture) Account(t testing.TB, addr sdk.AccAddress) *types.QueryAccountResponse {
	t.Helper()
	res, err := f.Query.Account(f.Ctx, &types.QueryAccountRequest{Address: addr.String()})
	require.NoError(t, err)
	return res
}
