package types

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// DefaultDenom is the collateral denom of a new chain's default genesis.
	DefaultDenom = "stake"
	// DefaultMaxSettlementsPerBlock bounds the EndBlock settlement crank.
	DefaultMaxSettlementsPerBlock = 50
	// MaxSettlementsPerBlockLimit is the highest bound genesis or governance may set: the crank is
	// unmetered block work, so its size per block stays bounded whatever the parameters say.
	MaxSettlementsPerBlockLimit = 1_000
)

// DefaultParams returns the default parameters.
func DefaultParams() Params {
	return Params{Denom: DefaultDenom, MaxSettlementsPerBlock: DefaultMaxSettlementsPerBlock}
}

// Validate checks the denom and the crank bound.
func (p Params) Validate() error {
	if err := sdk.ValidateDenom(p.Denom); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	if p.MaxSettlementsPerBlock == 0 || p.MaxSettlementsPerBlock > MaxSettlementsPerBlockLimit {
		return errorsmod.Wrapf(ErrInvalidParams, "max settlements per block %d must be in [1, %d]",
			p.MaxSettlementsPerBlock, MaxSettlementsPerBlockLimit)
	}
	return nil
}

// ParamsValidator is implemented by a lien holder whose working depends on the vault's
// parameters (a custodial holder that delegates the collateral needs it in the bond denom). The
// vault asks every registered holder that implements it before it accepts new parameters.
type ParamsValidator interface {
	// ValidateVaultParams returns an error when the holder cannot work with p.
	ValidateVaultParams(ctx context.Context, p Params) error
}
