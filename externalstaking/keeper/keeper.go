package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/lienholder"
)

// Config groups what NewKeeper needs.
type Config struct {
	// Codec encodes the stored types.
	Codec codec.BinaryCodec
	// StoreService opens the module's store.
	StoreService store.KVStoreService
	// Authority manages pairings and parameters (normally the gov module account).
	Authority string
	// AccountKeeper gives the address codec.
	AccountKeeper types.AccountKeeper
	// CollateralDenom returns the vault's collateral denom, in which cross-stake is counted.
	CollateralDenom func(ctx context.Context) (string, error)
	// IBC gives the channel, connection and client keepers, the port keeper and the capability
	// scope; it may be set later with SetIBC, since the IBC keeper is built after the vault.
	IBC *IBCKeepers
}

// IBCKeepers are the ibc-go keepers the provider end of the channel uses.
type IBCKeepers struct {
	// Channels sends packets, reads channels and closes the module's channel ends (ibc-go's
	// channel keeper).
	Channels types.ChannelKeeper
	// Connections reads the connection a channel proposal arrives on.
	Connections types.ConnectionKeeper
	// Clients reads the light client behind a connection: its chain id and its status.
	Clients types.ClientKeeper
	// Ports binds the module's port.
	Ports types.PortKeeper
	// Scoped is the module's capability scope.
	Scoped types.ScopedKeeper
}

// Keeper is the external staking lien holder: one holder {external, <pairing>} per consumer
// pairing, and the provider end of each pairing's channel.
type Keeper struct {
	cdc          codec.BinaryCodec
	authority    string
	addressCodec address.Codec
	denom        func(ctx context.Context) (string, error)
	refs         *refs

	// Schema lists every collection, for genesis and prefix tests.
	Schema collections.Schema
	// Params holds the parameters.
	Params collections.Item[types.Params]
	// Pairings maps a pairing id to the pairing.
	Pairings collections.Map[string, types.ConsumerPairing]
	// Channels maps an established channel to its pairing.
	Channels collections.Map[string, string]
	// Positions maps (pairing, user, validator) to the user's stake there.
	Positions collections.Map[collections.Triple[string, sdk.AccAddress, string], types.Position]
	// PositionCount counts a user's positions per pairing, for the per-user bound.
	PositionCount collections.Map[collections.Pair[string, sdk.AccAddress], uint32]
	// Validators maps (pairing, valoper) to the reported validator and its cross-stake totals.
	Validators collections.Map[collections.Pair[string, string], types.Validator]
	// Slashes maps (pairing, valoper, index) to a recorded slash.
	Slashes collections.Map[collections.Triple[string, string, uint64], types.SlashRecord]
	// SlashedHeights holds (pairing, valoper, infraction height) of the downtime slashes applied.
	SlashedHeights collections.KeySet[collections.Triple[string, string, uint64]]
	// Opening holds the channels bound at TRY whose handshake has not confirmed yet.
	Opening collections.KeySet[string]
	// PendingTxs maps a pending operation's id to it.
	PendingTxs collections.Map[uint64, types.PendingTx]
	// PendingByUser indexes pending operations by (pairing, owner, id).
	PendingByUser collections.KeySet[collections.Triple[string, string, uint64]]
	// TxSeq numbers the module's own pending operations.
	TxSeq collections.Sequence
	// Outbox holds packets waiting to be sent, in order.
	Outbox collections.Map[uint64, types.OutboxPacket]
	// OutboxSeq numbers the outbox.
	OutboxSeq collections.Sequence
	// OutboxCursor is where the next block's outbox scan starts (0: the oldest packet).
	OutboxCursor collections.Item[uint64]
	// LastSlashed maps (pairing, user) to the validator whose slash the user last settled, where
	// a propagated burn falls first.
	LastSlashed collections.Map[collections.Pair[string, sdk.AccAddress], string]
	// SlashGuards maps a pairing to its slash meter and queue bounds.
	SlashGuards collections.Map[string, types.SlashGuard]
	// SlashQueue maps (pairing, sequence) to a reported slash waiting for the meter.
	SlashQueue collections.Map[collections.Pair[string, uint64], types.QueuedSlash]
	// QueuedForVal counts the queued reports of (pairing, valoper).
	QueuedForVal collections.Map[collections.Pair[string, string], uint64]
	// CrossStake maps a pairing to its running total of bonded cross-stake (the sum of its
	// validators' tokens), kept wherever those tokens change; absent means zero.
	CrossStake collections.Map[string, math.Int]
}

// refs holds what is bound after construction, shared by every copy of the keeper.
type refs struct {
	vault        lienholder.Vault
	vaultQueries types.VaultQueries
	ibc          *IBCKeepers
}

// NewKeeper builds the keeper and its collections.
func NewKeeper(cfg Config) (*Keeper, error) {
	if cfg.Codec == nil || cfg.StoreService == nil || cfg.AccountKeeper == nil || cfg.CollateralDenom == nil {
		return nil, fmt.Errorf("externalstaking keeper: codec, store, account keeper and collateral denom are required")
	}
	addrCodec := cfg.AccountKeeper.AddressCodec()
	if _, err := addrCodec.StringToBytes(cfg.Authority); err != nil {
		return nil, fmt.Errorf("externalstaking keeper: invalid authority %q: %w", cfg.Authority, err)
	}
	sb := collections.NewSchemaBuilder(cfg.StoreService)
	userKey := collections.PairKeyCodec(collections.StringKey, sdk.AccAddressKey)
	valKey := collections.PairKeyCodec(collections.StringKey, collections.StringKey)
	k := &Keeper{
		cdc: cfg.Codec, authority: cfg.Authority, addressCodec: addrCodec, denom: cfg.CollateralDenom,
		refs:     &refs{ibc: cfg.IBC},
		Params:   collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cfg.Codec)),
		Pairings: collections.NewMap(sb, types.PairingsKey, "pairings", collections.StringKey, codec.CollValue[types.ConsumerPairing](cfg.Codec)),
		Channels: collections.NewMap(sb, types.ChannelsKey, "channels", collections.StringKey, collections.StringValue),
		Positions: collections.NewMap(sb, types.PositionsKey, "positions",
			collections.TripleKeyCodec(collections.StringKey, sdk.AccAddressKey, collections.StringKey),
			codec.CollValue[types.Position](cfg.Codec)),
		PositionCount: collections.NewMap(sb, types.PositionCountKey, "position_count", userKey, collections.Uint32Value),
		Validators:    collections.NewMap(sb, types.ValidatorsKey, "validators", valKey, codec.CollValue[types.Validator](cfg.Codec)),
		Slashes: collections.NewMap(sb, types.SlashesKey, "slashes",
			collections.TripleKeyCodec(collections.StringKey, collections.StringKey, collections.Uint64Key),
			codec.CollValue[types.SlashRecord](cfg.Codec)),
		SlashedHeights: collections.NewKeySet(sb, types.SlashedHeightKey, "slashed_heights",
			collections.TripleKeyCodec(collections.StringKey, collections.StringKey, collections.Uint64Key)),
		PendingTxs: collections.NewMap(sb, types.PendingTxsKey, "pending_txs", collections.Uint64Key, codec.CollValue[types.PendingTx](cfg.Codec)),
		Opening:    collections.NewKeySet(sb, types.OpeningKey, "opening", collections.StringKey),
		PendingByUser: collections.NewKeySet(sb, types.PendingByUserKey, "pending_by_user",
			collections.TripleKeyCodec(collections.StringKey, collections.StringKey, collections.Uint64Key)),
		TxSeq:        collections.NewSequence(sb, types.TxSeqKey, "tx_seq"),
		Outbox:       collections.NewMap(sb, types.OutboxKey, "outbox", collections.Uint64Key, codec.CollValue[types.OutboxPacket](cfg.Codec)),
		OutboxSeq:    collections.NewSequence(sb, types.OutboxSeqKey, "outbox_seq"),
		OutboxCursor: collections.NewItem(sb, types.OutboxCursorKey, "outbox_cursor", collections.Uint64Value),
		LastSlashed:  collections.NewMap(sb, types.LastSlashedKey, "last_slashed", userKey, collections.StringValue),
		SlashGuards:  collections.NewMap(sb, types.SlashGuardsKey, "slash_guards", collections.StringKey, codec.CollValue[types.SlashGuard](cfg.Codec)),
		SlashQueue: collections.NewMap(sb, types.SlashQueueKey, "slash_queue",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key), codec.CollValue[types.QueuedSlash](cfg.Codec)),
		QueuedForVal: collections.NewMap(sb, types.QueuedForValKey, "queued_for_val",
			collections.PairKeyCodec(collections.StringKey, collections.StringKey), collections.Uint64Value),
		CrossStake: collections.NewMap(sb, types.CrossStakeKey, "cross_stake", collections.StringKey, sdk.IntValue),
	}
	schema, err := sb.Build()
	if err != nil {
		return nil, err
	}
	k.Schema = schema
	return k, nil
}

// SetVaultQueries binds the vault's query service, which the user exposure queries read; call it
// once while building the app.
func (k *Keeper) SetVaultQueries(q types.VaultQueries) { k.refs.vaultQueries = q }

// SetIBC binds the ibc-go keepers; call it once while building the app, after the IBC keeper.
func (k *Keeper) SetIBC(ibc *IBCKeepers) { k.refs.ibc = ibc }

// HolderRegistry is what the vault keeper offers lien holders at app construction.
type HolderRegistry interface {
	RegisterHolder(kind string, holder lienholder.LienHolder) (lienholder.Vault, error)
}

// RegisterWithVault registers the keeper as the vault's external lien-holder kind; every pairing
// is one holder {external, <pairing-id>}.
func (k *Keeper) RegisterWithVault(vault HolderRegistry) error {
	handle, err := vault.RegisterHolder(lienholder.KindExternal, k)
	if err != nil {
		return err
	}
	k.refs.vault = handle
	return nil
}

// Vault returns the vault handle, or ErrNoVault before registration.
func (k *Keeper) Vault() (lienholder.Vault, error) {
	if k.refs.vault == nil {
		return nil, types.ErrNoVault
	}
	return k.refs.vault, nil
}

// Authority returns the address that manages pairings and parameters.
func (k *Keeper) Authority() string { return k.authority }

// GetParams returns the parameters.
func (k *Keeper) GetParams(ctx context.Context) (types.Params, error) { return k.Params.Get(ctx) }

// GetPairing returns a pairing or ErrUnknownPairing.
func (k *Keeper) GetPairing(ctx context.Context, id string) (types.ConsumerPairing, error) {
	p, err := k.Pairings.Get(ctx, id)
	if err != nil {
		return types.ConsumerPairing{}, types.ErrUnknownPairing.Wrapf("%q", id)
	}
	return p, nil
}

// checkAuthority refuses a signer other than the authority.
func (k *Keeper) checkAuthority(signer string) error {
	if signer != k.authority {
		return types.ErrUnauthorized.Wrapf("expected %s, got %s", k.authority, signer)
	}
	return nil
}

// parseOwner decodes a user address.
func (k *Keeper) parseOwner(s string) (sdk.AccAddress, error) {
	bz, err := k.addressCodec.StringToBytes(s)
	if err != nil || len(bz) == 0 {
		return nil, types.ErrInvalidAddress.Wrapf("%q", s)
	}
	return bz, nil
}

// rewardsCoin formats amount in the pairing's rewards denom.
func (k *Keeper) rewardsCoin(ctx context.Context, pairing string, amount fmt.Stringer) (string, error) {
	p, err := k.GetPairing(ctx, pairing)
	if err != nil {
		return "", err
	}
	return amount.String() + p.RewardsDenom, nil
}

// coinString formats amount in the collateral denom, as events carry it ("100stake"); reading
// the denom for an event costs no gas.
func (k *Keeper) coinString(ctx context.Context, amount fmt.Stringer) string {
	denom, err := k.denom(sdk.UnwrapSDKContext(ctx).WithGasMeter(storetypes.NewInfiniteGasMeter()))
	if err != nil {
		return amount.String()
	}
	return amount.String() + denom
}
