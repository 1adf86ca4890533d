package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/valuerange"
	"github.com/meshsecurity/mesh/vault/types"
)

// RegisterInvariants registers the vault's invariants with x/crisis (or any registry).
func RegisterInvariants(ir sdk.InvariantRegistry, k *Keeper) {
	ir.RegisterRoute(types.ModuleName, "collateral-covers-liens", k.invariant(k.checkAccounts))
	ir.RegisterRoute(types.ModuleName, "custody", k.invariant(k.checkCustody))
}

func (k *Keeper) invariant(check func(context.Context) error) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		if err := check(ctx); err != nil {
			return sdk.FormatInvariant(types.ModuleName, "vault", err.Error()), true
		}
		return sdk.FormatInvariant(types.ModuleName, "vault", "ok"), false
	}
}

// CheckInvariants returns the first broken vault invariant, or nil. For every stored account:
// collateral ≥ max lien, collateral ≥ total slashable, the custodial liens fit the collateral, and
// the aggregates equal the max and the sum over the account's liens. Across the module:
// vault balance + Σ lent = Σ collateral, and each custodial holder's lent figure equals the sum of
// its liens.
func (k *Keeper) CheckInvariants(ctx context.Context) error {
	if err := k.checkAccounts(ctx); err != nil {
		return err
	}
	return k.checkCustody(ctx)
}

func (k *Keeper) checkAccounts(ctx context.Context) error {
	return k.Accounts.Walk(ctx, nil, func(owner sdk.AccAddress, a types.Account) (bool, error) {
		return false, k.checkAccount(ctx, owner, a)
	})
}

func (k *Keeper) checkAccount(ctx context.Context, owner sdk.AccAddress, a types.Account) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("account %s: %w", owner, err)
	}
	b, err := k.loadBook(ctx, owner)
	if err != nil {
		return err
	}
	if !b.maxLien.Equal(a.MaxLien.Range()) || !b.slashable.Equal(a.TotalSlashable.Range()) {
		return fmt.Errorf("account %s: aggregates %s / %s differ from liens %s / %s",
			owner, a.MaxLien.Range(), a.TotalSlashable.Range(), b.maxLien, b.slashable)
	}
	if b.custodialTotal().GT(a.Collateral) {
		return fmt.Errorf("account %s: custodial liens %s exceed collateral %s", owner, b.custodialTotal(), a.Collateral)
	}
	for _, e := range b.liens {
		if err := (valuerange.Range{Low: e.amount.Low, High: e.amount.High}).Validate(); err != nil {
			return fmt.Errorf("account %s lien %s: %w", owner, e.id, err)
		}
	}
	return nil
}

func (k *Keeper) checkCustody(ctx context.Context) error {
	totalCollateral, perHolder, err := k.sums(ctx)
	if err != nil {
		return err
	}
	totalLent := math.ZeroInt()
	if err := k.Lent.Walk(ctx, nil, func(holder string, amount math.Int) (bool, error) {
		totalLent = totalLent.Add(amount)
		if want := perHolder[holder]; want.IsNil() || !want.Equal(amount) {
			return true, fmt.Errorf("lent to %s is %s, its liens sum to %v", holder, amount, want)
		}
		delete(perHolder, holder)
		return false, nil
	}); err != nil {
		return err
	}
	for holder, sum := range perHolder {
		if sum.IsPositive() {
			return fmt.Errorf("custodial liens of %s sum to %s but nothing is recorded as lent", holder, sum)
		}
	}
	p, err := k.GetParams(ctx)
	if err != nil {
		return err
	}
	balance := k.bank.GetBalance(ctx, k.accounts.GetModuleAddress(types.ModuleName), p.Denom).Amount
	if !balance.Add(totalLent).Equal(totalCollateral) {
		return fmt.Errorf("vault balance %s + lent %s != collateral %s", balance, totalLent, totalCollateral)
	}
	return nil
}

// sums returns Σ collateral and, per custodial holder, Σ of its liens.
func (k *Keeper) sums(ctx context.Context) (math.Int, map[string]math.Int, error) {
	total := math.ZeroInt()
	if err := k.Accounts.Walk(ctx, nil, func(_ sdk.AccAddress, a types.Account) (bool, error) {
		total = total.Add(a.Collateral)
		return false, nil
	}); err != nil {
		return total, nil, err
	}
	perHolder := map[string]math.Int{}
	err := k.Liens.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, string], l types.Lien) (bool, error) {
		id, err := lienholder.ParseHolderID(key.K2())
		if err != nil {
			return true, err
		}
		if reg, ok := k.holders.byKind[id.Kind]; ok && reg.custody == lienholder.Custodial {
			sum, ok := perHolder[key.K2()]
			if !ok {
				sum = math.ZeroInt()
			}
			perHolder[key.K2()] = sum.Add(l.Amount.High)
		}
		return false, nil
	})
	return total, perHolder, err
}
