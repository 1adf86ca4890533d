// Package keeper turns the converter's requests into real x/staking delegations of minted virtual
// tokens, keeps them slashable, and hands their rewards back to the converter.
package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// Config carries what NewKeeper needs. The converter may be bound later with SetConverter: the
// converter's keeper needs virtual staking in turn.
type Config struct {
	Codec         codec.BinaryCodec
	StoreService  store.KVStoreService
	Authority     string
	Bank          types.BankKeeper
	Staking       types.StakingKeeper
	Distribution  types.DistributionKeeper
	Slashing      types.SlashingKeeper
	Converter     types.ConverterKeeper
	ModuleAddress sdk.AccAddress
	// Events delivers the captured chain events; its end-blocker runs in virtual staking's,
	// after x/staking's, before the epoch work. Optional.
	Events EventsEndBlocker
}

// EventsEndBlocker is the event capture's end-blocker: it checks this block's slashes for
// tombstones and delivers up to limit captured events to the converter.
type EventsEndBlocker interface {
	EndBlock(ctx context.Context, limit uint32) error
}

// EventsBeginBlocker is implemented by an event capture that records each block's time, so a
// slash reports the time of its infraction's block. Virtual staking's begin-blocker runs it.
type EventsBeginBlocker interface {
	BeginBlock(ctx context.Context) error
}

// EventsGenesis is implemented by an event capture whose state is part of virtual staking's
// genesis: its queued events, height to time ring and validator states.
type EventsGenesis interface {
	ExportState(ctx context.Context) (types.CaptureState, error)
	ImportState(ctx context.Context, s types.CaptureState) error
}

// Keeper is the virtual staking keeper.
type Keeper struct {
	authority string
	bank      types.BankKeeper
	staking   types.StakingKeeper
	distr     types.DistributionKeeper
	slashing  types.SlashingKeeper
	converter types.ConverterKeeper
	module    sdk.AccAddress
	events    EventsEndBlocker

	Schema collections.Schema
	Params collections.Item[types.Params]
	// NextEpoch is the height at which the next epoch starts.
	NextEpoch collections.Item[int64]
	// Supplies is each pairing's virtual supply.
	Supplies collections.Map[string, types.PairingSupply]
	// Targets is each pairing's current target per validator; an entry stays while the pairing
	// holds shares there.
	Targets collections.Map[collections.Pair[string, string], math.Int]
	// Shares is the delegation shares each pairing holds per validator, over all its accounts,
	// keyed validator first so a validator's pairings are one prefix.
	Shares collections.Map[collections.Pair[string, string], math.LegacyDec]
	// Pending is what each derived account has unbonding and not yet swept, by pairing.
	Pending collections.Map[collections.Pair[string, sdk.AccAddress], math.Int]
	// Run is the running epoch's progress.
	Run collections.Item[types.EpochRun]
	// RunPairings is what the running epoch's sum phase learned per pairing.
	RunPairings collections.Map[string, types.RunPairing]
	// RunRewards is the rewards withdrawn in the running epoch per pairing and validator.
	RunRewards collections.Map[collections.Pair[string, string], math.Int]
	// Debts is the virtual stake slashed per pairing and validator that the converter has not yet
	// booked off the requests: it is subtracted from the pairing's request there, so a slash is
	// never minted back, until the converter books the slash (SettleSlash) or the request ends.
	Debts collections.Map[collections.Pair[string, string], math.Int]
	// LastValues is the value of each pairing's delegation per validator after its last
	// rebalance: only slashes lower it in between, so the drop is the slashed stake.
	LastValues collections.Map[collections.Pair[string, string], math.Int]
	// Booked is the value of each pairing's delegation per validator that its supply counts: the
	// value after its last rebalance less every slash of the delegation since. The floored live
	// value drifts from it when others delegate or undelegate at an exchange rate that is not
	// whole; the next rebalance books the drift as rounded supply.
	Booked collections.Map[collections.Pair[string, string], math.Int]
}

// NewKeeper builds the keeper.
func NewKeeper(c Config) (*Keeper, error) {
	if _, err := sdk.AccAddressFromBech32(c.Authority); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "authority: %s", err)
	}
	module := c.ModuleAddress
	if module == nil {
		module = authtypes.NewModuleAddress(types.ModuleName)
	}
	sb := collections.NewSchemaBuilder(c.StoreService)
	pairStr := collections.PairKeyCodec(collections.StringKey, collections.StringKey)
	k := &Keeper{
		authority: c.Authority, bank: c.Bank, staking: c.Staking, distr: c.Distribution,
		slashing: c.Slashing, converter: c.Converter, module: module, events: c.Events,
		Params:      collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](c.Codec)),
		NextEpoch:   collections.NewItem(sb, types.NextEpochKey, "next_epoch", collections.Int64Value),
		Supplies:    collections.NewMap(sb, types.SuppliesKey, "supplies", collections.StringKey, codec.CollValue[types.PairingSupply](c.Codec)),
		Targets:     collections.NewMap(sb, types.TargetsKey, "targets", pairStr, sdk.IntValue),
		Shares:      collections.NewMap(sb, types.SharesKey, "shares", pairStr, sdk.LegacyDecValue),
		Pending:     collections.NewMap(sb, types.PendingKey, "pending", collections.PairKeyCodec(collections.StringKey, sdk.AccAddressKey), sdk.IntValue),
		Run:         collections.NewItem(sb, types.RunKey, "run", codec.CollValue[types.EpochRun](c.Codec)),
		RunPairings: collections.NewMap(sb, types.RunPairingsKey, "run_pairings", collections.StringKey, codec.CollValue[types.RunPairing](c.Codec)),
		RunRewards:  collections.NewMap(sb, types.RunRewardsKey, "run_rewards", pairStr, sdk.IntValue),
		Debts:       collections.NewMap(sb, types.DebtsKey, "debts", pairStr, sdk.IntValue),
		LastValues:  collections.NewMap(sb, types.LastValuesKey, "last_values", pairStr, sdk.IntValue),
		Booked:      collections.NewMap(sb, types.BookedKey, "booked", pairStr, sdk.IntValue),
	}
	schema, err := sb.Build()
	if err != nil {
		return nil, err
	}
	k.Schema = schema
	return k, nil
}

// SetConverter binds the converter, for apps that build it after virtual staking.
func (k *Keeper) SetConverter(c types.ConverterKeeper) { k.converter = c }

// Authority returns the address allowed to change the parameters.
func (k *Keeper) Authority() string { return k.authority }

// ModuleAddress returns the module account, which pays the rewards to the converter.
func (k *Keeper) ModuleAddress() sdk.AccAddress { return k.module }

// GetParams returns the parameters.
func (k *Keeper) GetParams(ctx context.Context) (types.Params, error) {
	return k.Params.Get(ctx)
}

// supply returns a pairing's supply, zero for one never seen.
func (k *Keeper) supply(ctx context.Context, pairingID string) (types.PairingSupply, error) {
	s, err := k.Supplies.Get(ctx, pairingID)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return types.NewPairingSupply(), nil
	}
	return s, err
}

// bondDenom returns x/staking's bond denom.
func (k *Keeper) bondDenom(ctx context.Context) (string, error) {
	return k.staking.BondDenom(ctx)
}
