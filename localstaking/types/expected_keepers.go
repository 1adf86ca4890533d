package types

import (
	"context"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"

	"cosmossdk.io/core/address"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// AccountKeeper is what local staking needs from x/auth: module addresses and the creation of
// each user's derived account.
type AccountKeeper interface {
	AddressCodec() address.Codec
	GetModuleAddress(name string) sdk.AccAddress
	HasAccount(ctx context.Context, addr sdk.AccAddress) bool
	GetAccount(ctx context.Context, addr sdk.AccAddress) sdk.AccountI
	NewAccountWithAddress(ctx context.Context, addr sdk.AccAddress) sdk.AccountI
	SetAccount(ctx context.Context, acc sdk.AccountI)
}

// BankKeeper is what local staking needs from x/bank: moving tokens between its custody account
// and the derived accounts, forwarding rewards from a derived account to its owner, and burning.
type BankKeeper interface {
	SendCoinsFromModuleToAccount(ctx context.Context, module string, to sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromAccountToModule(ctx context.Context, from sdk.AccAddress, module string, amt sdk.Coins) error
	UndelegateCoinsFromModuleToAccount(ctx context.Context, module string, to sdk.AccAddress, amt sdk.Coins) error
	SendCoins(ctx context.Context, from, to sdk.AccAddress, amt sdk.Coins) error
	BurnCoins(ctx context.Context, module string, amt sdk.Coins) error
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	GetAllBalances(ctx context.Context, addr sdk.AccAddress) sdk.Coins
}

// StakingKeeper is the part of the x/staking keeper local staking reads, plus the raw calls it
// uses only for burns, instant unbonds and restake.
type StakingKeeper interface {
	ValidatorAddressCodec() address.Codec
	GetValidator(ctx context.Context, addr sdk.ValAddress) (stakingtypes.Validator, error)
	GetDelegation(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress) (stakingtypes.Delegation, error)
	GetUnbondingDelegation(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress) (stakingtypes.UnbondingDelegation, error)
	HasReceivingRedelegation(ctx context.Context, del sdk.AccAddress, valDst sdk.ValAddress) (bool, error)
	GetRedelegationsFromSrcValidator(ctx context.Context, valAddr sdk.ValAddress) ([]stakingtypes.Redelegation, error)
	ValidateUnbondAmount(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress, amt math.Int) (math.LegacyDec, error)
	Unbond(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress, shares math.LegacyDec) (math.Int, error)
	Delegate(ctx context.Context, del sdk.AccAddress, amt math.Int, src stakingtypes.BondStatus,
		validator stakingtypes.Validator, subtractAccount bool) (math.LegacyDec, error)
	BondDenom(ctx context.Context) (string, error)
	GetParams(ctx context.Context) (stakingtypes.Params, error)
}

// SlashingKeeper gives the chain's slash fractions; the larger is local staking's max slash.
type SlashingKeeper interface {
	GetParams(ctx context.Context) (slashingtypes.Params, error)
}

// VaultLedger is the part of the vault's query service the invariants compare against.
type VaultLedger interface {
	Liens(ctx context.Context, req *vaulttypes.QueryLiensRequest) (*vaulttypes.QueryLiensResponse, error)
	Lent(ctx context.Context, req *vaulttypes.QueryLentRequest) (*vaulttypes.QueryLentResponse, error)
}
