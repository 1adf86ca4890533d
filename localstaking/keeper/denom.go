package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
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
// staking is registered with a vault; at genesis and on every parameter update. A vault without
// parameters (its genesis not loaded yet) is refused with ErrInvalidGenesis naming the order.
func (k *Keeper) checkVaultDenom(ctx context.Context) error {
	if k.vault.registry == nil {
		return nil
	}
	p, err := k.vault.registry.GetParams(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return errorsmod.Wrapf(types.ErrInvalidGenesis, "the vault has no parameters yet (%s): the vault's "+
			"InitGenesis must run before local staking's; list the vault module before localstaking "+
			"in the app's genesis order", err)
	} else if err != nil {
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
