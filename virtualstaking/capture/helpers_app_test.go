package capture_test

import (
	"context"
	"testing"
	"time"

	"cosmossdk.io/math"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/stretchr/testify/require"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/testutil"
	"github.com/meshsecurity/mesh/virtualstaking/capture"
)

const storeName = "capturetest"

// realStake values pairings as real delegators: each pairing is one account delegating through
// x/staking, and its value on a validator is its shares at the validator's exchange rate plus the
// balance of its unbonding entries from it, which is how virtual staking values its own accounts.
type realStake struct {
	staking  *stakingkeeper.Keeper
	pairings []pairing
	// slashed is what the decorator recorded per pairing, as virtual staking books slashed supply.
	slashed map[string]math.Int
}

func (r *realStake) RecordSlash(_ context.Context, pairingID, _ string, amount, _ math.Int) error {
	if r.slashed == nil {
		r.slashed = map[string]math.Int{}
	}
	prev, ok := r.slashed[pairingID]
	if !ok {
		prev = math.ZeroInt()
	}
	r.slashed[pairingID] = prev.Add(amount)
	return nil
}

type pairing struct {
	id        string
	delegator sdk.AccAddress
}

func (r *realStake) PairingValues(ctx context.Context, val sdk.ValAddress) ([]capture.PairingValue, error) {
	var values []capture.PairingValue
	for _, p := range r.pairings {
		value, err := delegatorValue(ctx, r.staking, p.delegator, val)
		if err != nil {
			return nil, err
		}
		if value.IsPositive() {
			values = append(values, capture.PairingValue{PairingID: p.id, Value: value})
		}
	}
	return values, nil
}

// delegatorValue is del's delegation to val at the current exchange rate (truncated) plus its
// unbonding entries' balance.
func delegatorValue(ctx context.Context, staking *stakingkeeper.Keeper, del sdk.AccAddress, val sdk.ValAddress) (math.Int, error) {
	value := math.ZeroInt()
	validator, err := staking.GetValidator(ctx, val)
	if err != nil {
		return value, err
	}
	delegation, err := staking.GetDelegation(ctx, del, val)
	if err == nil {
		value = validator.TokensFromShares(delegation.Shares).TruncateInt()
	}
	ubd, err := staking.GetUnbondingDelegation(ctx, del, val)
	if err == nil {
		for _, entry := range ubd.Entries {
			value = value.Add(entry.Balance)
		}
	}
	return value, nil
}

// reporter records what the capture keeper delivered, with the height of delivery.
type reporter struct {
	// panicFor makes the reporter panic on any change of this validator.
	panicFor string
	changes  []delivered[convertertypes.ValidatorChange]
	slashes  []delivered[pairingSlash]
	order    []string
}

type delivered[T any] struct {
	height int64
	value  T
}

type pairingSlash struct {
	pairing string
	slash   convertertypes.VirtualSlash
}

func (r *reporter) ReportValidatorChange(ctx context.Context, change convertertypes.ValidatorChange) {
	if change.Valoper == r.panicFor {
		panic("reporter fault")
	}
	r.changes = append(r.changes, delivered[convertertypes.ValidatorChange]{sdk.UnwrapSDKContext(ctx).BlockHeight(), change})
	r.order = append(r.order, kindName(change.Kind))
}

func (r *reporter) ReportSlash(ctx context.Context, pairingID string, slash convertertypes.VirtualSlash) {
	r.slashes = append(r.slashes, delivered[pairingSlash]{sdk.UnwrapSDKContext(ctx).BlockHeight(), pairingSlash{pairingID, slash}})
	r.order = append(r.order, "slash:"+pairingID)
}

func (r *reporter) reset() { *r = reporter{panicFor: r.panicFor} }

func kindName(k convertertypes.ValidatorChangeKind) string {
	return map[convertertypes.ValidatorChangeKind]string{
		convertertypes.ValidatorAdded:      "added",
		convertertypes.ValidatorRemoved:    "removed",
		convertertypes.ValidatorKeyUpdated: "key",
		convertertypes.ValidatorJailed:     "jailed",
		convertertypes.ValidatorUnjailed:   "unjailed",
		convertertypes.ValidatorTombstoned: "tombstoned",
	}[k]
}

// blockModule runs the capture keeper's begin- and end-blocker, after every standard module.
type blockModule struct {
	k     *capture.Keeper
	limit uint32
}

func (blockModule) Name() string                                                  { return storeName }
func (blockModule) RegisterLegacyAminoCodec(*codec.LegacyAmino)                   {}
func (blockModule) RegisterInterfaces(codectypes.InterfaceRegistry)               {}
func (blockModule) RegisterGRPCGatewayRoutes(client.Context, *gwruntime.ServeMux) {}
func (blockModule) IsOnePerModuleType()                                           {}
func (blockModule) IsAppModule()                                                  {}
func (m blockModule) BeginBlock(ctx context.Context) error                        { return m.k.BeginBlock(ctx) }
func (m blockModule) EndBlock(ctx context.Context) error                          { return m.k.EndBlock(ctx, m.limit) }

// env is a meshapp chain with the capture keeper wired as virtual staking will wire it: hooks
// after the app's, x/slashing built with its decorator, x/slashing bound late for tombstones.
type env struct {
	t        *testing.T
	net      *testutil.Network
	chain    *testutil.Chain
	keeper   *capture.Keeper
	stake    *realStake
	reporter *reporter
	times    map[int64]time.Time
}

func newEnv(t *testing.T, limit uint32) *env {
	return newEnvWith(t, limit, &reporter{})
}

// newEnvWith builds the env with reporter r; a nil r binds no reporter (e.reporter is then ready
// for a later SetReporter). The virtual stake valuation and the reporter are bound late, as a
// virtual staking keeper built after x/slashing binds them.
func newEnvWith(t *testing.T, limit uint32, r *reporter) *env {
	e := &env{t: t, reporter: r, times: map[int64]time.Time{}}
	if r == nil {
		e.reporter = &reporter{}
	}
	ext := meshapp.StakingExtension{
		StoreKeys: []string{storeName},
		Build: func(deps meshapp.StakingExtensionDeps) (meshapp.StakingExtensionParts, error) {
			e.stake = &realStake{staking: deps.StakingKeeper}
			k, err := capture.NewKeeper(capture.Config{
				StoreService:          runtime.NewKVStoreService(deps.StoreKeys[storeName]),
				StakingKeeper:         deps.StakingKeeper,
				ValidatorAddressCodec: deps.StakingKeeper.ValidatorAddressCodec(),
			})
			if err != nil {
				return meshapp.StakingExtensionParts{}, err
			}
			e.keeper = k
			return meshapp.StakingExtensionParts{
				Slashing: func(inner slashingtypes.StakingKeeper) slashingtypes.StakingKeeper { return k.Decorate(inner) },
				Hooks:    k.Hooks(),
				Module:   blockModule{k: k, limit: limit},
				Bind: func(app *meshapp.MeshApp) error {
					k.SetTombstoneChecker(app.SlashingKeeper)
					k.SetVirtualStake(e.stake)
					if r != nil {
						k.SetReporter(r)
					}
					return nil
				},
			}, nil
		},
	}
	e.net = testutil.NewNetwork(t)
	e.chain = e.net.AddChain(testutil.ChainConfig{ChainID: "capture-1", AppOptions: []meshapp.Option{meshapp.WithStakingExtension(ext)}})
	e.times[e.chain.Height()] = e.chain.LastBlockTime()
	return e
}

// next produces a block and remembers its time.
func (e *env) next() {
	e.chain.NextBlock()
	e.times[e.chain.Height()] = e.chain.LastBlockTime()
}

func (e *env) deliver(signer testutil.Account, msgs ...sdk.Msg) {
	e.t.Helper()
	_, _, err := e.chain.DeliverTx(signer, msgs...)
	require.NoError(e.t, err)
	e.times[e.chain.Height()] = e.chain.LastBlockTime()
}

func (e *env) coin(amount int64) sdk.Coin {
	return sdk.NewInt64Coin(e.chain.BondDenom(), amount)
}

func (e *env) delegate(del testutil.Account, val sdk.ValAddress, amount int64) {
	e.deliver(del, stakingtypes.NewMsgDelegate(del.String(), val.String(), e.coin(amount)))
}

func (e *env) undelegate(del testutil.Account, val sdk.ValAddress, amount int64) {
	e.deliver(del, stakingtypes.NewMsgUndelegate(del.String(), val.String(), e.coin(amount)))
}

func (e *env) validator(val sdk.ValAddress) stakingtypes.Validator {
	v, err := e.chain.App.StakingKeeper.GetValidator(e.chain.Context(), val)
	require.NoError(e.t, err)
	return v
}

func (e *env) value(del sdk.AccAddress, val sdk.ValAddress) math.Int {
	v, err := delegatorValue(e.chain.Context(), e.chain.App.StakingKeeper, del, val)
	require.NoError(e.t, err)
	return v
}

func cmtMockPV() cmttypes.PrivValidator {
	return cmttypes.NewMockPV()
}

func sdkPubKey(t *testing.T, pv cmttypes.PrivValidator) cryptotypes.PubKey {
	key, err := pv.GetPubKey()
	require.NoError(t, err)
	pub, err := cryptocodec.FromCmtPubKeyInterface(key)
	require.NoError(t, err)
	return pub
}

func valAddress(a testutil.Account) sdk.ValAddress {
	return sdk.ValAddress(a.Address)
}
