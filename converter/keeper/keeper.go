// Package keeper holds the converter's state and logic: provider pairings, their price feeds,
// the requests received over IBC, the reporting queue and the outbox towards the providers.
package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/converter/types"
)

// Config groups what NewKeeper needs.
type Config struct {
	// Codec encodes the stored types.
	Codec codec.BinaryCodec
	// StoreService opens the module's store.
	StoreService store.KVStoreService
	// Authority manages pairings, prices and parameters (normally the gov module account).
	Authority string
	// AccountKeeper gives the address codec and the module account.
	AccountKeeper types.AccountKeeper
	// BankKeeper moves reward tokens.
	BankKeeper types.BankKeeper
	// StakingKeeper reads validators and the bond denom.
	StakingKeeper types.StakingKeeper
	// VirtualStaking unwinds a closed pairing; it may be set later with SetVirtualStaking.
	VirtualStaking types.VirtualStakingKeeper
	// IBC gives the channel, connection and client keepers, the port keeper and the capability
	// scope; it may be set later with SetIBC, since the IBC keeper is built after the converter.
	IBC *IBCKeepers
}

// IBCKeepers are the ibc-go keepers the consumer end of the channel uses.
type IBCKeepers struct {
	// Channels sends packets and closes the module's channel ends (ibc-go's channel keeper).
	Channels types.ChannelKeeper
	// Connections reads the connection a channel is opened on.
	Connections types.ConnectionKeeper
	// Clients reads the light client behind a connection, for its chain id.
	Clients types.ClientKeeper
	// Ports binds the module's port.
	Ports types.PortKeeper
	// Scoped is the module's capability scope.
	Scoped types.ScopedKeeper
}

// Keeper is the converter: the consumer end of every provider pairing's channel.
type Keeper struct {
	cdc          codec.BinaryCodec
	authority    string
	addressCodec address.Codec
	bank         types.BankKeeper
	staking      types.StakingKeeper
	accounts     types.AccountKeeper
	refs         *refs

	// Schema lists every collection, for genesis and prefix tests.
	Schema collections.Schema
	// Params holds the parameters.
	Params collections.Item[types.Params]
	// PairingStore maps a pairing id to the pairing.
	PairingStore collections.Map[string, types.ProviderPairing]
	// Channels maps a pairing's channel to the pairing.
	Channels collections.Map[string, string]
	// Opening holds the channels whose handshake has not completed.
	Opening collections.KeySet[string]
	// Requests maps (pairing, delegator, validator) to the stake requested, in the provider's
	// denom exactly as received.
	Requests collections.Map[collections.Triple[string, string, string], math.Int]
	// RequestIndex holds (pairing, validator, delegator) for every request, so a validator's
	// requests can be found without walking the pairing's.
	RequestIndex collections.KeySet[collections.Triple[string, string, string]]
	// ValidatorTotals maps (pairing, validator) to the validator's requests less burns.
	ValidatorTotals collections.Map[collections.Pair[string, string], math.Int]
	// PairingTotals maps a pairing to the sum of its validator totals.
	PairingTotals collections.Map[string, math.Int]
	// Burned maps (pairing, validator) to what burns took from requests that are still recorded.
	Burned collections.Map[collections.Pair[string, string], math.Int]
	// Retiring holds the (pairing, validator) pairs whose total burns and booked slashes emptied
	// and whose requests end a batch per block.
	Retiring collections.KeySet[collections.Pair[string, string]]
	// RewardReserve maps a pairing to the rewards it holds for its providers' stakers, in the
	// bond denom, in the module account.
	RewardReserve collections.Map[string, math.Int]
	// PendingRewards maps (pairing, validator) to rewards of failed batches, sent with the next.
	PendingRewards collections.Map[collections.Pair[string, string], math.Int]
	// Reports queues validator changes and slashes for the next valset updates.
	Reports collections.Map[uint64, types.Report]
	// ReportSeq numbers the reports.
	ReportSeq collections.Sequence
	// Outbox holds internal_unstake and distribute_batch packets waiting to be sent, in order.
	Outbox collections.Map[uint64, types.OutboxPacket]
	// OutboxSeq numbers the outbox.
	OutboxSeq collections.Sequence
	// ValsetDrafts maps a pairing to the valset_update it sends next (encoded).
	ValsetDrafts collections.Map[string, []byte]
	// InFlight maps (channel, sequence) to a sent packet waiting for its acknowledgement.
	InFlight collections.Map[collections.Pair[string, uint64], types.OutboxPacket]
	// ValsetInFlight maps a pairing to the sequence of its unacknowledged valset_update.
	ValsetInFlight collections.Map[string, uint64]
}

// refs holds what is bound after construction, shared by every copy of the keeper.
type refs struct {
	virtual types.VirtualStakingKeeper
	ibc     *IBCKeepers
	noPort  bool
}

// NewKeeper builds the keeper and its collections.
func NewKeeper(cfg Config) (*Keeper, error) {
	if cfg.Codec == nil || cfg.StoreService == nil || cfg.AccountKeeper == nil || cfg.BankKeeper == nil || cfg.StakingKeeper == nil {
		return nil, fmt.Errorf("converter keeper: codec, store, account, bank and staking keepers are required")
	}
	addrCodec := cfg.AccountKeeper.AddressCodec()
	if _, err := addrCodec.StringToBytes(cfg.Authority); err != nil {
		return nil, fmt.Errorf("converter keeper: invalid authority %q: %w", cfg.Authority, err)
	}
	sb := collections.NewSchemaBuilder(cfg.StoreService)
	pairKey := collections.PairKeyCodec(collections.StringKey, collections.StringKey)
	k := &Keeper{
		cdc: cfg.Codec, authority: cfg.Authority, addressCodec: addrCodec,
		bank: cfg.BankKeeper, staking: cfg.StakingKeeper, accounts: cfg.AccountKeeper,
		refs:         &refs{virtual: cfg.VirtualStaking, ibc: cfg.IBC},
		Params:       collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cfg.Codec)),
		PairingStore: collections.NewMap(sb, types.PairingsKey, "pairings", collections.StringKey, codec.CollValue[types.ProviderPairing](cfg.Codec)),
		Channels:     collections.NewMap(sb, types.ChannelsKey, "channels", collections.StringKey, collections.StringValue),
		Opening:      collections.NewKeySet(sb, types.OpeningKey, "opening", collections.StringKey),
		Requests: collections.NewMap(sb, types.RequestsKey, "requests",
			collections.TripleKeyCodec(collections.StringKey, collections.StringKey, collections.StringKey), sdk.IntValue),
		RequestIndex: collections.NewKeySet(sb, types.RequestIndexKey, "request_index",
			collections.TripleKeyCodec(collections.StringKey, collections.StringKey, collections.StringKey)),
		ValidatorTotals: collections.NewMap(sb, types.ValidatorTotalsKey, "validator_totals", pairKey, sdk.IntValue),
		PairingTotals:   collections.NewMap(sb, types.PairingTotalsKey, "pairing_totals", collections.StringKey, sdk.IntValue),
		Burned:          collections.NewMap(sb, types.BurnedKey, "burned", pairKey, sdk.IntValue),
		Retiring:        collections.NewKeySet(sb, types.RetiringKey, "retiring", pairKey),
		RewardReserve:   collections.NewMap(sb, types.RewardReserveKey, "reward_reserve", collections.StringKey, sdk.IntValue),
		PendingRewards:  collections.NewMap(sb, types.PendingRewardsKey, "pending_rewards", pairKey, sdk.IntValue),
		Reports:         collections.NewMap(sb, types.ReportsKey, "reports", collections.Uint64Key, codec.CollValue[types.Report](cfg.Codec)),
		ReportSeq:       collections.NewSequence(sb, types.ReportSeqKey, "report_seq"),
		Outbox:          collections.NewMap(sb, types.OutboxKey, "outbox", collections.Uint64Key, codec.CollValue[types.OutboxPacket](cfg.Codec)),
		OutboxSeq:       collections.NewSequence(sb, types.OutboxSeqKey, "outbox_seq"),
		ValsetDrafts:    collections.NewMap(sb, types.ValsetDraftsKey, "valset_drafts", collections.StringKey, collections.BytesValue),
		InFlight: collections.NewMap(sb, types.InFlightKey, "in_flight",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key), codec.CollValue[types.OutboxPacket](cfg.Codec)),
		ValsetInFlight: collections.NewMap(sb, types.ValsetInFlightKey, "valset_in_flight", collections.StringKey, collections.Uint64Value),
	}
	schema, err := sb.Build()
	if err != nil {
		return nil, err
	}
	k.Schema = schema
	return k, nil
}

// SetIBC binds the ibc-go keepers; call it once while building the app, after the IBC keeper.
func (k *Keeper) SetIBC(ibc *IBCKeepers) { k.refs.ibc = ibc }

// LeavePort makes the module leave its port unbound, for an app in which another application
// (a test double of the consumer end) owns the protocol's consumer port.
func (k *Keeper) LeavePort() { k.refs.noPort = true }

// SetVirtualStaking binds virtual staking, which is built after the converter.
func (k *Keeper) SetVirtualStaking(v types.VirtualStakingKeeper) { k.refs.virtual = v }

// Authority returns the address that manages pairings, prices and parameters.
func (k *Keeper) Authority() string { return k.authority }

// GetParams returns the parameters.
func (k *Keeper) GetParams(ctx context.Context) (types.Params, error) { return k.Params.Get(ctx) }

// GetPairing returns a pairing or ErrUnknownPairing.
func (k *Keeper) GetPairing(ctx context.Context, id string) (types.ProviderPairing, error) {
	p, err := k.PairingStore.Get(ctx, id)
	if err != nil {
		return types.ProviderPairing{}, types.ErrUnknownPairing.Wrapf("%q", id)
	}
	return p, nil
}

// ModuleAddress is the account that holds the reward reserves.
func (k *Keeper) ModuleAddress() sdk.AccAddress { return k.accounts.GetModuleAddress(types.ModuleName) }

// checkAuthority refuses a signer other than the authority.
func (k *Keeper) checkAuthority(signer string) error {
	if signer != k.authority {
		return types.ErrUnauthorized.Wrapf("expected %s, got %s", k.authority, signer)
	}
	return nil
}

// getInt reads an amount, zero when absent.
func getInt[K any](ctx context.Context, m collections.Map[K, math.Int], key K) (math.Int, error) {
	v, err := m.Get(ctx, key)
	if err != nil {
		if isNotFound(err) {
			return math.ZeroInt(), nil
		}
		return math.Int{}, err
	}
	return v, nil
}

// setInt stores an amount, removing it at zero so iterations only see live entries.
func setInt[K any](ctx context.Context, m collections.Map[K, math.Int], key K, v math.Int) error {
	if v.IsZero() {
		return m.Remove(ctx, key)
	}
	return m.Set(ctx, key, v)
}
