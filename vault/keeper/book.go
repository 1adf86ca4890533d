package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/valuerange"
	"github.com/meshsecurity/mesh/vault/types"
)

// lienEntry is one of a user's liens while the keeper works on it in memory.
type lienEntry struct {
	id        lienholder.HolderID
	amount    valuerange.Range
	ratio     math.LegacyDec
	slashable valuerange.Range
	custodial bool
	// unapplied is the holder's loss read during the current settlement and not applied yet.
	unapplied math.Int
	// stored is the lien as stored, or nil while it is not.
	stored *types.Lien
}

// book is a user's account and liens loaded into memory, worked on, and saved in one go. Liens are
// kept in ascending canonical holder order, the order the reference applies propagation in.
type book struct {
	owner      sdk.AccAddress
	collateral math.Int
	// stored is the collateral as stored, or nil while the user has no stored account.
	stored    *math.Int
	maxLien   valuerange.Range
	slashable valuerange.Range
	liens     []*lienEntry
	burns     []burn
}

// burn is a propagated loss the vault must hand to a holder.
type burn struct {
	entry  *lienEntry
	amount math.Int
}

// loadBook reads a user's account and liens; a user with no account gets an empty book.
func (k *Keeper) loadBook(ctx context.Context, owner sdk.AccAddress) (*book, error) {
	b := &book{owner: owner, collateral: math.ZeroInt()}
	collateral, err := k.Accounts.Get(ctx, owner)
	if err == nil {
		b.collateral, b.stored = collateral, &collateral
	} else if !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, string](owner)
	err = k.Liens.Walk(ctx, rng, func(key collections.Pair[sdk.AccAddress, string], l types.Lien) (bool, error) {
		id, err := lienholder.ParseHolderID(key.K2())
		if err != nil {
			return true, err
		}
		reg, known := k.holders.byKind[id.Kind]
		b.liens = append(b.liens, &lienEntry{
			id: id, amount: l.Amount.Range(), ratio: l.Slashable, slashable: l.SlashableAmount.Range(),
			custodial: known && reg.custody == lienholder.Custodial, unapplied: math.ZeroInt(), stored: &l,
		})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	b.recompute()
	return b, nil
}

// saveBook writes the liens back and the collateral if it changed; liens that reached zero are
// removed, and so is an account left with no collateral and no lien. Every lien's slashable amount
// is normalized first (see lienEntry.normalize).
func (k *Keeper) saveBook(ctx context.Context, b *book) error {
	if err := b.normalize(); err != nil {
		return errorsmod.Wrap(types.ErrAccounting, err.Error())
	}
	kept := b.liens[:0]
	for _, e := range b.liens {
		if err := k.saveLien(ctx, b.owner, e); err != nil {
			return err
		}
		if e.stored != nil {
			kept = append(kept, e)
		}
	}
	b.liens = kept
	b.recompute()
	return k.saveCollateral(ctx, b)
}

// saveLien writes a lien that changed, and removes one that reached zero. A lien stored for the
// first time or removed moves its holder's count in the holder index.
func (k *Keeper) saveLien(ctx context.Context, owner sdk.AccAddress, e *lienEntry) error {
	key := collections.Join(owner, e.id.String())
	if e.amount.High.IsZero() {
		if e.stored == nil {
			return nil
		}
		e.stored = nil
		if err := k.Liens.Remove(ctx, key); err != nil {
			return err
		}
		return k.countHolder(ctx, e.id, -1)
	}
	l := e.toLien()
	if e.stored != nil && sameLien(*e.stored, l) {
		return nil
	}
	created := e.stored == nil
	e.stored = &l
	if err := k.Liens.Set(ctx, key, l); err != nil || !created {
		return err
	}
	return k.countHolder(ctx, e.id, 1)
}

// sameLien reports whether two liens have the same figures.
func sameLien(a, b types.Lien) bool {
	return a.Amount.Range().Equal(b.Amount.Range()) && a.Slashable.Equal(b.Slashable) &&
		a.SlashableAmount.Range().Equal(b.SlashableAmount.Range())
}

// saveCollateral stores the book's collateral when it differs from what is stored, and removes
// the account once it has no collateral and no lien.
func (k *Keeper) saveCollateral(ctx context.Context, b *book) error {
	if b.collateral.IsZero() && len(b.liens) == 0 {
		if b.stored == nil {
			return nil
		}
		b.stored = nil
		return k.Accounts.Remove(ctx, b.owner)
	}
	if b.stored != nil && b.stored.Equal(b.collateral) {
		return nil
	}
	collateral := b.collateral
	b.stored = &collateral
	return k.Accounts.Set(ctx, b.owner, collateral)
}

func (e *lienEntry) toLien() types.Lien {
	return types.Lien{
		Amount: types.NewValueRange(e.amount), Slashable: e.ratio, SlashableAmount: types.NewValueRange(e.slashable),
	}
}

// account returns the book's figures: collateral and the aggregates of its liens.
func (b *book) account() types.Account {
	return types.Account{
		Collateral: b.collateral, MaxLien: types.NewValueRange(b.maxLien),
		TotalSlashable: types.NewValueRange(b.slashable),
	}
}

// recompute derives max lien and total slashable from the liens.
func (b *book) recompute() {
	b.maxLien, b.slashable = valuerange.Zero(), valuerange.Zero()
	for _, e := range b.liens {
		b.maxLien = valuerange.MaxRange(b.maxLien, e.amount)
		b.slashable = valuerange.Range{Low: b.slashable.Low.Add(e.slashable.Low), High: b.slashable.High.Add(e.slashable.High)}
	}
}

// lien returns the user's lien with holder id, or nil.
func (b *book) lien(id lienholder.HolderID) *lienEntry {
	for _, e := range b.liens {
		if e.id == id {
			return e
		}
	}
	return nil
}

// addLien inserts a new lien keeping holder order.
func (b *book) addLien(e *lienEntry) {
	key := e.id.String()
	at := len(b.liens)
	for i, other := range b.liens {
		if other.id.String() > key {
			at = i
			break
		}
	}
	b.liens = append(b.liens, nil)
	copy(b.liens[at+1:], b.liens[at:])
	b.liens[at] = e
}

// settlementOrder lists custodial liens, then virtual ones, each in holder order.
func (b *book) settlementOrder() []*lienEntry {
	out := make([]*lienEntry, 0, len(b.liens))
	for _, custodial := range []bool{true, false} {
		for _, e := range b.liens {
			if e.custodial == custodial {
				out = append(out, e)
			}
		}
	}
	return out
}

// free is collateral minus the larger of max lien and total slashable, never below zero.
func (b *book) free() valuerange.Range { return b.account().Free() }

// custodialTotal is the sum of the user's custodial liens: the user's tokens held by holders.
func (b *book) custodialTotal() math.Int {
	total := math.ZeroInt()
	for _, e := range b.liens {
		if e.custodial {
			total = total.Add(e.amount.High)
		}
	}
	return total
}

// vaultHeld is the part of the user's collateral the vault itself holds.
func (b *book) vaultHeld() math.Int { return subFloor(b.collateral, b.custodialTotal()) }

// addBurn records a propagated loss of amount on entry.
func (b *book) addBurn(e *lienEntry, amount math.Int) {
	if !amount.IsPositive() {
		return
	}
	for i := range b.burns {
		if b.burns[i].entry == e {
			b.burns[i].amount = b.burns[i].amount.Add(amount)
			return
		}
	}
	b.burns = append(b.burns, burn{entry: e, amount: amount})
}

func subFloor(a, b math.Int) math.Int {
	if b.GTE(a) {
		return math.ZeroInt()
	}
	return a.Sub(b)
}
