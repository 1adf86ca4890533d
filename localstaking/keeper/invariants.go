package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/localstaking/types"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// RegisterInvariants registers the local staking invariants, checked against the vault's ledger.
func RegisterInvariants(ir sdk.InvariantRegistry, k *Keeper, vault types.VaultLedger) {
	ir.RegisterRoute(types.ModuleName, "principal-equals-lien", func(ctx sdk.Context) (string, bool) {
		if err := k.CheckInvariants(ctx, vault); err != nil {
			return sdk.FormatInvariant(types.ModuleName, "principal-equals-lien", err.Error()), true
		}
		return "", false
	})
}

// CheckInvariants checks that, for every user, the recorded principal minus the pending loss (the
// principal after settlement) equals the user's settled local lien, and that the recorded
// principal of all users equals what the vault has lent to local staking. A mismatch is an
// ErrAccounting.
func (k *Keeper) CheckInvariants(ctx context.Context, vault types.VaultLedger) error {
	total := math.ZeroInt()
	var failure error
	err := k.Accounts.Walk(ctx, nil, func(owner sdk.AccAddress, _ []byte) (bool, error) {
		v, err := k.value(ctx, owner)
		if err != nil {
			return true, err
		}
		total = total.Add(v.principal())
		lien, err := localLien(ctx, vault, owner)
		if err != nil {
			return true, err
		}
		if settled := subFloor(v.principal(), v.loss()); !settled.Equal(lien) {
			failure = errorsmod.Wrapf(types.ErrAccounting, "user %s: settled principal %s, local lien %s", owner, settled, lien)
			return true, nil
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if failure != nil {
		return failure
	}
	lent, err := localLent(ctx, vault)
	if err != nil {
		return err
	}
	if !total.Equal(lent) {
		return errorsmod.Wrapf(types.ErrAccounting, "recorded principal %s, lent to local staking %s", total, lent)
	}
	return nil
}

// localLien is the user's settled lien with local staking (its high end), zero when none.
func localLien(ctx context.Context, vault types.VaultLedger, owner sdk.AccAddress) (math.Int, error) {
	res, err := vault.Liens(ctx, &vaulttypes.QueryLiensRequest{Address: owner.String()})
	if err != nil {
		return math.Int{}, err
	}
	for _, l := range res.Liens {
		if l.Holder == lienholder.KindLocal {
			return l.Lien.Amount.High, nil
		}
	}
	return math.ZeroInt(), nil
}

// localLent is what the vault has lent to local staking.
func localLent(ctx context.Context, vault types.VaultLedger) (math.Int, error) {
	res, err := vault.Lent(ctx, &vaulttypes.QueryLentRequest{})
	if err != nil {
		return math.Int{}, err
	}
	for _, h := range res.Lent {
		if h.Holder == lienholder.KindLocal {
			return h.Amount, nil
		}
	}
	return math.ZeroInt(), nil
}
