package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	vaulttypes "github.com/meshsecurity/mesh/vault/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

var _ vaulttypes.ParamsValidator = (*Keeper)(nil)

// ValidateVaultParams implements vaulttypes.ParamsValidator: local staking delegates the vault's
// collateral, so the vault's collateral denom must be x/staking's bond denom.
func (k *Keeper) ValidateVaultParams(ctx context.Context, p vaulttypes.Params) error {
	return k.matchDenoms(ctx, p.Denom)
}

// checkVaultDenom checks the vault's current collateral denom against the bond denom once local
// staking is registered with a vault; at genesis and on every parameter update.
func (k *Keeper) checkVaultDenom(ctx context.Context) error {
	if k.vault.registry == nil {
		return nil
	}
	p, err := k.vault.registry.GetParams(ctx)
	if err != nil {
		return err
	}
	return k.matchDenoms(ctx, p.Denom)
}

// matchDenoms refuses a collateral denom other than the bond denom with ErrDenomMismatch.
func (k *Keeper) matchDenoms(ctx context.Context, collateral string) error {
	bond, err := k.staking.BondDenom(ctx)
	if err != nil {
		return err
	}
	if collateral != bond {
		return errorsmod.Wrapf(types.ErrDenomMismatch, "vault collateral denom %q, bond denom %q", collateral, bond)
	}
	return nil
}
