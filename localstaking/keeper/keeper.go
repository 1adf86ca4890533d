package keeper

import (
	"context"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/log"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/localstaking/types"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// Config groups what NewKeeper needs. User actions go through the Msg servers, so validation and
// events match a native delegator's; the raw keepers are used for reads, burns, instant unbonds
// and restake only.
type Config struct {
	// Codec encodes the stored types.
	Codec codec.BinaryCodec
	// StoreService opens the module's store.
	StoreService store.KVStoreService
	// Authority may update the parameters (normally the gov module account).
	Authority string
	// AccountKeeper creates the derived accounts.
	AccountKeeper types.AccountKeeper
	// BankKeeper moves and burns tokens.
	BankKeeper types.BankKeeper
	// StakingKeeper reads delegations and performs raw unbonds.
	StakingKeeper types.StakingKeeper
	// SlashingKeeper gives the double-sign and downtime slash fractions.
	SlashingKeeper types.SlashingKeeper
	// StakingMsgs is x/staking's Msg server.
	StakingMsgs stakingtypes.MsgServer
	// DistributionMsgs is x/distribution's Msg server.
	DistributionMsgs distrtypes.MsgServer
	// GovMsgs is x/gov's Msg server.
	GovMsgs govv1.MsgServer
}

// Keeper is the local staking lien holder: it delegates vault collateral from one derived
// account per user and records the principal it put into x/staking.
type Keeper struct {
	cdc          codec.BinaryCodec
	authority    string
	addressCodec address.Codec
	valCodec     address.Codec
	accounts     types.AccountKeeper
	bank         types.BankKeeper
	staking      types.StakingKeeper
	slashing     types.SlashingKeeper
	stakingMsgs  stakingtypes.MsgServer
	distrMsgs    distrtypes.MsgServer
	govMsgs      govv1.MsgServer
	vault        *vaultRef

	// Schema lists every collection, for genesis and prefix tests.
	Schema collections.Schema
	// Params holds the parameters.
	Params collections.Item[types.Params]
	// Accounts maps a user to the derived account holding the user's stake.
	Accounts collections.Map[sdk.AccAddress, []byte]
	// Owners maps a derived account back to its user.
	Owners collections.Map[sdk.AccAddress, []byte]
	// Positions maps (user, validator) to the recorded principal delegated there.
	Positions collections.Map[collections.Pair[sdk.AccAddress, sdk.ValAddress], types.Position]
	// Unbondings maps (user, validator, creation height) to a recorded unbonding entry.
	Unbondings collections.Map[collections.Triple[sdk.AccAddress, sdk.ValAddress, int64], types.Unbonding]
	// Holdings maps a user to recorded liquid principal and burn debt.
	Holdings collections.Map[sdk.AccAddress, types.Holdings]
	// BatchQueue orders queued unbonding batches by due time.
	BatchQueue collections.KeySet[collections.Triple[time.Time, sdk.AccAddress, sdk.ValAddress]]
	// SlashEpoch counts the validator slashes seen by the staking hook.
	SlashEpoch collections.Item[uint64]
	// ValidatorSlashes maps a validator to the slash epoch of its last slash, or of the last slash
	// of a redelegation into it.
	ValidatorSlashes collections.Map[sdk.ValAddress, uint64]
	// Valued maps a user to the slash epoch at which the user's records were last found worth
	// what they say; a user without one is valued in full.
	Valued collections.Map[sdk.AccAddress, uint64]
}

// vaultRef holds the vault handle and registry, shared by every copy of the keeper.
type vaultRef struct {
	handle   lienholder.Vault
	registry HolderRegistry
}

// NewKeeper builds the keeper and its collections.
func NewKeeper(cfg Config) (*Keeper, error) {
	if cfg.Codec == nil || cfg.StoreService == nil || cfg.AccountKeeper == nil || cfg.BankKeeper == nil ||
		cfg.StakingKeeper == nil || cfg.SlashingKeeper == nil || cfg.StakingMsgs == nil ||
		cfg.DistributionMsgs == nil || cfg.GovMsgs == nil {
		return nil, fmt.Errorf("localstaking keeper: every keeper and Msg server is required")
	}
	addrCodec := cfg.AccountKeeper.AddressCodec()
	if _, err := addrCodec.StringToBytes(cfg.Authority); err != nil {
		return nil, fmt.Errorf("localstaking keeper: invalid authority %q: %w", cfg.Authority, err)
	}
	if cfg.AccountKeeper.GetModuleAddress(types.ModuleName) == nil {
		return nil, fmt.Errorf("localstaking keeper: module account %q is not set in x/auth", types.ModuleName)
	}
	sb := collections.NewSchemaBuilder(cfg.StoreService)
	k := &Keeper{
		cdc: cfg.Codec, authority: cfg.Authority, addressCodec: addrCodec,
		valCodec: cfg.StakingKeeper.ValidatorAddressCodec(), accounts: cfg.AccountKeeper, bank: cfg.BankKeeper,
		staking: cfg.StakingKeeper, slashing: cfg.SlashingKeeper, stakingMsgs: cfg.StakingMsgs,
		distrMsgs: cfg.DistributionMsgs, govMsgs: cfg.GovMsgs, vault: &vaultRef{},
		Params: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cfg.Codec)),
		Accounts: collections.NewMap(sb, types.AccountsKey, "accounts", sdk.AccAddressKey,
			collections.BytesValue),
		Owners: collections.NewMap(sb, types.OwnersKey, "owners", sdk.AccAddressKey, collections.BytesValue),
		Positions: collections.NewMap(sb, types.PositionsKey, "positions",
			collections.PairKeyCodec(sdk.AccAddressKey, sdk.ValAddressKey), codec.CollValue[types.Position](cfg.Codec)),
		Unbondings: collections.NewMap(sb, types.UnbondingsKey, "unbondings",
			collections.TripleKeyCodec(sdk.AccAddressKey, sdk.ValAddressKey, collections.Int64Key),
			codec.CollValue[types.Unbonding](cfg.Codec)),
		Holdings: collections.NewMap(sb, types.HoldingsKey, "holdings", sdk.AccAddressKey,
			codec.CollValue[types.Holdings](cfg.Codec)),
		BatchQueue: collections.NewKeySet(sb, types.BatchQueueKey, "batch_queue",
			collections.TripleKeyCodec(sdk.TimeKey, sdk.AccAddressKey, sdk.ValAddressKey)),
		SlashEpoch: collections.NewItem(sb, types.SlashEpochKey, "slash_epoch", collections.Uint64Value),
		ValidatorSlashes: collections.NewMap(sb, types.ValidatorSlashesKey, "validator_slashes", sdk.ValAddressKey,
			collections.Uint64Value),
		Valued: collections.NewMap(sb, types.ValuedKey, "valued", sdk.AccAddressKey, collections.Uint64Value),
	}
	schema, err := sb.Build()
	if err != nil {
		return nil, err
	}
	k.Schema = schema
	return k, nil
}

// HolderRegistry is what the vault keeper offers lien holders at app construction: registration,
// and its parameters, whose collateral denom local staking requires to be the bond denom.
type HolderRegistry interface {
	RegisterHolder(kind string, holder lienholder.LienHolder) (lienholder.Vault, error)
	GetParams(ctx context.Context) (vaulttypes.Params, error)
}

// RegisterWithVault registers the keeper as the vault's local lien holder and keeps the handle.
// Call it once while building the app.
func (k *Keeper) RegisterWithVault(vault HolderRegistry) error {
	handle, err := vault.RegisterHolder(lienholder.KindLocal, k)
	if err != nil {
		return err
	}
	k.vault.handle, k.vault.registry = handle, vault
	return nil
}

// Vault returns the vault handle, or ErrNoVault before registration.
func (k *Keeper) Vault() (lienholder.Vault, error) {
	if k.vault.handle == nil {
		return nil, types.ErrNoVault
	}
	return k.vault.handle, nil
}

// Authority returns the address that may update the parameters.
func (k *Keeper) Authority() string { return k.authority }

// GetParams returns the parameters.
func (k *Keeper) GetParams(ctx context.Context) (types.Params, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return types.Params{}, errorsmod.Wrap(err, "localstaking params")
	}
	return p, nil
}

// Logger returns the module's logger.
func (k *Keeper) Logger(ctx context.Context) log.Logger {
	return sdk.UnwrapSDKContext(ctx).Logger().With("module", "x/"+types.ModuleName)
}
