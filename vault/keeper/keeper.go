package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/log"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/vault/types"
)

// Config groups what NewKeeper needs.
type Config struct {
	// Codec encodes the stored types.
	Codec codec.BinaryCodec
	// StoreService opens the vault's store.
	StoreService store.KVStoreService
	// Authority may update the parameters (normally the gov module account).
	Authority string
	// AccountKeeper resolves module accounts and the address codec.
	AccountKeeper types.AccountKeeper
	// BankKeeper moves, delegates and burns collateral.
	BankKeeper types.BankKeeper
}

// Keeper holds the vault's state: collateral per user, liens per (user, holder), pending liens,
// what is lent to custodial holders, and the settlement queue.
type Keeper struct {
	cdc          codec.BinaryCodec
	authority    string
	addressCodec address.Codec
	accounts     types.AccountKeeper
	bank         types.BankKeeper
	holders      *registry

	// Schema lists every collection, for genesis and prefix tests.
	Schema collections.Schema
	// Params holds the parameters.
	Params collections.Item[types.Params]
	// Accounts maps a user to collateral and lien aggregates.
	Accounts collections.Map[sdk.AccAddress, types.Account]
	// Liens maps (user, canonical holder id) to the lien; it keeps HolderLiens up to date.
	Liens *collections.IndexedMap[collections.Pair[sdk.AccAddress, string], types.Lien, LienIndexes]
	// HolderLiens counts, by holder (kind, key), the users with a lien with it.
	HolderLiens collections.Map[collections.Pair[string, string], uint64]
	// PendingLiens maps a pending lien id to its record.
	PendingLiens collections.Map[uint64, types.PendingLien]
	// PendingByOwner indexes pending liens by user.
	PendingByOwner collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// LastPendingID is the last pending lien id handed out (ids start at 1).
	LastPendingID collections.Sequence
	// Lent maps a custodial holder to the collateral it holds.
	Lent collections.Map[string, math.Int]
	// SettlementQueue holds users the EndBlock crank settles first.
	SettlementQueue collections.KeySet[sdk.AccAddress]
	// CrankCursor is the last user the crank's round-robin pass visited.
	CrankCursor collections.Item[[]byte]
	// QueueCursor is the last queued user the crank's queued pass tried.
	QueueCursor collections.Item[[]byte]
	// UnconfirmedLosses maps (user, canonical holder id) to a loss the vault applied but the
	// holder did not acknowledge (its SlashSettled failed): the vault subtracts it from what the
	// holder reports and retries the notification at the user's next settlement.
	UnconfirmedLosses collections.Map[collections.Pair[sdk.AccAddress, string], math.Int]
}

// NewKeeper builds the keeper and its collections.
func NewKeeper(cfg Config) (*Keeper, error) {
	if cfg.Codec == nil || cfg.StoreService == nil || cfg.AccountKeeper == nil || cfg.BankKeeper == nil {
		return nil, fmt.Errorf("vault keeper: codec, store service, account and bank keepers are required")
	}
	addrCodec := cfg.AccountKeeper.AddressCodec()
	if _, err := addrCodec.StringToBytes(cfg.Authority); err != nil {
		return nil, fmt.Errorf("vault keeper: invalid authority %q: %w", cfg.Authority, err)
	}
	if cfg.AccountKeeper.GetModuleAddress(types.ModuleName) == nil {
		return nil, fmt.Errorf("vault keeper: module account %q is not set in x/auth", types.ModuleName)
	}
	sb := collections.NewSchemaBuilder(cfg.StoreService)
	byHolder := newHolderLienCount(sb)
	k := &Keeper{
		cdc:          cfg.Codec,
		authority:    cfg.Authority,
		addressCodec: addrCodec,
		accounts:     cfg.AccountKeeper,
		bank:         cfg.BankKeeper,
		holders:      newRegistry(),
		Params:       collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cfg.Codec)),
		Accounts: collections.NewMap(sb, types.AccountsKey, "accounts", sdk.AccAddressKey,
			codec.CollValue[types.Account](cfg.Codec)),
		Liens: collections.NewIndexedMap(sb, types.LiensKey, "liens",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.StringKey), codec.CollValue[types.Lien](cfg.Codec),
			LienIndexes{ByHolder: byHolder}),
		HolderLiens: byHolder.Counts,
		PendingLiens: collections.NewMap(sb, types.PendingLiensKey, "pending_liens", collections.Uint64Key,
			codec.CollValue[types.PendingLien](cfg.Codec)),
		PendingByOwner: collections.NewKeySet(sb, types.PendingByOwnerKey, "pending_by_owner",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)),
		LastPendingID:   collections.NewSequence(sb, types.NextPendingIDKey, "last_pending_id"),
		Lent:            collections.NewMap(sb, types.LentKey, "lent", collections.StringKey, sdk.IntValue),
		SettlementQueue: collections.NewKeySet(sb, types.SettlementQueueKey, "settlement_queue", sdk.AccAddressKey),
		CrankCursor:     collections.NewItem(sb, types.CrankCursorKey, "crank_cursor", collections.BytesValue),
		QueueCursor:     collections.NewItem(sb, types.QueueCursorKey, "queue_cursor", collections.BytesValue),
		UnconfirmedLosses: collections.NewMap(sb, types.UnconfirmedLossesKey, "unconfirmed_losses",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.StringKey), sdk.IntValue),
	}
	schema, err := sb.Build()
	if err != nil {
		return nil, err
	}
	k.Schema = schema
	return k, nil
}

// Authority returns the address that may update the parameters.
func (k *Keeper) Authority() string { return k.authority }

// AddressCodec returns the codec for account addresses.
func (k *Keeper) AddressCodec() address.Codec { return k.addressCodec }

// GetParams returns the parameters.
func (k *Keeper) GetParams(ctx context.Context) (types.Params, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return types.Params{}, errorsmod.Wrap(err, "vault params")
	}
	return p, nil
}

// Logger returns the module's logger.
func (k *Keeper) Logger(ctx context.Context) log.Logger {
	return sdk.UnwrapSDKContext(ctx).Logger().With("module", "x/"+types.ModuleName)
}
