package keeper

import (
	"context"
	"fmt"
	"sort"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

// RegisterInvariants registers the vault's invariants with x/crisis (or any registry).
func RegisterInvariants(ir sdk.InvariantRegistry, k *Keeper) {
	ir.RegisterRoute(types.ModuleName, "collateral-covers-liens", k.invariant(k.checkAccounts))
	ir.RegisterRoute(types.ModuleName, "custody", k.invariant(k.checkCustody))
	ir.RegisterRoute(types.ModuleName, "holder-index", k.invariant(k.checkHolderIndex))
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
// collateral ≥ max lien, collateral ≥ total slashable, collateral ≥ what the holders can slash
// (Σ ⌊amount·ratio⌋ over the liens' worst case), each lien's slashable amount within one unit of
// amount·ratio (between its floor and its ceiling), the custodial liens fit the collateral, and
// no account is stored with no collateral and no lien. Across the module:
// vault balance + Σ lent = Σ collateral, and each custodial holder's lent figure equals the sum of
// its liens; the holder index counts exactly the stored liens of each holder.
func (k *Keeper) CheckInvariants(ctx context.Context) error {
	if err := k.checkAccounts(ctx); err != nil {
		return err
	}
	if err := k.checkHolderIndex(ctx); err != nil {
		return err
	}
	return k.checkCustody(ctx)
}

func (k *Keeper) checkAccounts(ctx context.Context) error {
	if err := k.Accounts.Walk(ctx, nil, func(owner sdk.AccAddress, _ math.Int) (bool, error) {
		return false, k.checkAccount(ctx, owner)
	}); err != nil {
		return err
	}
	return k.checkOwners(ctx)
}

// checkOwners checks that every lien belongs to an account and every pending lien that still
// moves something to a lien, so the per-account checks see everything stored. (A pending lien a
// slash took whole may outlive its lien until its acknowledgement closes it.)
func (k *Keeper) checkOwners(ctx context.Context) error {
	if err := k.Liens.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, string], _ types.Lien) (bool, error) {
		has, err := k.Accounts.Has(ctx, key.K1())
		if err == nil && !has {
			err = fmt.Errorf("lien %s of %s: owner has no account", key.K2(), key.K1())
		}
		return err != nil, err
	}); err != nil {
		return err
	}
	return k.PendingLiens.Walk(ctx, nil, func(id uint64, p types.PendingLien) (bool, error) {
		owner, err := k.address(p.Owner)
		if err != nil {
			return true, err
		}
		has, err := k.Liens.Has(ctx, collections.Join(owner, p.Holder))
		if err == nil && !has && remainingOf(p).IsPositive() {
			err = fmt.Errorf("pending lien %d: %s has no lien for %s", id, p.Owner, p.Holder)
		}
		return err != nil, err
	})
}

func (k *Keeper) checkAccount(ctx context.Context, owner sdk.AccAddress) error {
	b, err := k.loadBook(ctx, owner)
	if err != nil {
		return err
	}
	if b.collateral.IsZero() && len(b.liens) == 0 {
		return fmt.Errorf("account %s: stored with no collateral and no lien", owner)
	}
	a := b.account()
	if err := a.Validate(); err != nil {
		return fmt.Errorf("account %s: %w", owner, err)
	}
	if b.custodialTotal().GT(a.Collateral) {
		return fmt.Errorf("account %s: custodial liens %s exceed collateral %s", owner, b.custodialTotal(), a.Collateral)
	}
	for _, e := range b.liens {
		if err := e.toLien().Validate(); err != nil {
			return fmt.Errorf("account %s lien %s: %w", owner, e.id, err)
		}
	}
	exposure, err := b.exposure()
	if err != nil {
		return err
	}
	if exposure.GT(a.Collateral) {
		return fmt.Errorf("account %s: holders can slash %s (Σ ⌊amount·ratio⌋) but the collateral is %s",
			owner, exposure, a.Collateral)
	}
	return k.checkPendingParts(ctx, b)
}

// checkPendingParts checks that each lien's pending part (high - low) is what its pending liens
// would still add.
func (k *Keeper) checkPendingParts(ctx context.Context, b *book) error {
	pending, err := k.pendingOf(ctx, b.owner)
	if err != nil {
		return err
	}
	sums := map[string]math.Int{}
	for _, p := range pending {
		sums[p.Holder] = orZero(sums[p.Holder]).Add(remainingOf(p))
	}
	for _, e := range b.liens {
		want := orZero(sums[e.id.String()])
		if got := e.amount.High.Sub(e.amount.Low); !got.Equal(want) {
			return fmt.Errorf("account %s lien %s: pending part %s, pending liens add %s", b.owner, e.id, got, want)
		}
		delete(sums, e.id.String())
	}
	for _, p := range pending {
		if left, ok := sums[p.Holder]; ok && left.IsPositive() {
			return fmt.Errorf("account %s: pending lien %d for %s has no lien", b.owner, p.Id, p.Holder)
		}
	}
	return nil
}

func (k *Keeper) checkCustody(ctx context.Context) error {
	totalCollateral, totalLent, err := k.checkLent(ctx)
	if err != nil {
		return err
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

// checkLent checks each custodial holder's lent figure against the sum of its liens and returns
// Σ collateral and Σ lent.
func (k *Keeper) checkLent(ctx context.Context) (math.Int, math.Int, error) {
	totalCollateral, perHolder, err := k.sums(ctx)
	if err != nil {
		return totalCollateral, math.Int{}, err
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
		return totalCollateral, totalLent, err
	}
	for _, holder := range sortedKeys(perHolder) {
		if perHolder[holder].IsPositive() {
			return totalCollateral, totalLent, fmt.Errorf("custodial liens of %s sum to %s but nothing is recorded as lent", holder, perHolder[holder])
		}
	}
	return totalCollateral, totalLent, nil
}

func sortedKeys(m map[string]math.Int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// sums returns Σ collateral and, per custodial holder, Σ of its liens.
func (k *Keeper) sums(ctx context.Context) (math.Int, map[string]math.Int, error) {
	total := math.ZeroInt()
	if err := k.Accounts.Walk(ctx, nil, func(_ sdk.AccAddress, collateral math.Int) (bool, error) {
		total = total.Add(collateral)
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
