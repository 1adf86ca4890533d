package types

import (
	"context"
	"time"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// BankKeeper is what virtual staking needs from x/bank: mint what it delegates, move it to the
// derived accounts, and burn what comes back.
type BankKeeper interface {
	GetBalance(ctx context.Context, addr sdk.AccAddress, denom string) sdk.Coin
	MintCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
	BurnCoins(ctx context.Context, moduleName string, amt sdk.Coins) error
	SendCoinsFromModuleToAccount(ctx context.Context, senderModule string, recipient sdk.AccAddress, amt sdk.Coins) error
	SendCoinsFromAccountToModule(ctx context.Context, sender sdk.AccAddress, recipientModule string, amt sdk.Coins) error
}

// StakingKeeper is what virtual staking needs from x/staking: raw keeper calls, since the derived
// accounts sign nothing.
type StakingKeeper interface {
	BondDenom(ctx context.Context) (string, error)
	GetValidator(ctx context.Context, addr sdk.ValAddress) (stakingtypes.Validator, error)
	GetDelegation(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress) (stakingtypes.Delegation, error)
	GetUnbondingDelegation(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress) (stakingtypes.UnbondingDelegation, error)
	Delegate(ctx context.Context, del sdk.AccAddress, bondAmt math.Int, tokenSrc stakingtypes.BondStatus,
		validator stakingtypes.Validator, subtractAccount bool) (math.LegacyDec, error)
	Undelegate(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress, shares math.LegacyDec) (time.Time, math.Int, error)
	Unbond(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress, shares math.LegacyDec) (math.Int, error)
	GetDelegatorUnbonding(ctx context.Context, delegator sdk.AccAddress) (math.Int, error)
	TotalBondedTokens(ctx context.Context) (math.Int, error)
	IterateBondedValidatorsByPower(ctx context.Context, fn func(index int64, validator stakingtypes.ValidatorI) (stop bool)) error
}

// DistributionKeeper withdraws the virtual delegations' rewards.
type DistributionKeeper interface {
	WithdrawDelegationRewards(ctx context.Context, del sdk.AccAddress, val sdk.ValAddress) (sdk.Coins, error)
}

// SlashingKeeper tells whether a validator was tombstoned.
type SlashingKeeper interface {
	IsTombstoned(ctx context.Context, consAddr sdk.ConsAddress) bool
}
