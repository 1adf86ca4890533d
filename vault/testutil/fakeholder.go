// Package testutil holds the vault's test fixture (real x/auth and x/bank keepers on an in-memory
// store) and fake lien holders. It is imported by tests only.
package testutil

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/store"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
)

// BankBurner is the part of x/bank a custodial fake needs to destroy tokens it holds.
type BankBurner interface {
	BurnCoins(ctx context.Context, module string, amt sdk.Coins) error
}

// FakeHolder is a lien holder for tests. It accepts every lien unless told to refuse, and lets a
// test inflict a loss on a user, which it then reports through PendingSlash as a real holder with a
// per-validator slash factor would. A custodial fake keeps its tokens in a module account and burns
// them on a loss, as x/staking would.
type FakeHolder struct {
	custody lienholder.Custody
	module  string
	bank    BankBurner
	denom   string

	// Ratio is the max slash ratio given to new liens.
	Ratio math.LegacyDec
	// Refuse, when set, makes AcceptLien fail with it.
	Refuse error
	// FailPending, when set, makes PendingSlash fail with it.
	FailPending error
	// FailBurn, when set, makes BurnStake fail with it.
	FailBurn error
	// FailSettled, when set, makes SlashSettled fail with it (after the fake updated its record).
	FailSettled error
	// PanicPending, when set, makes PendingSlash panic with it.
	PanicPending any
	// CustodyTo, when set (by pointer), is the destination a custodial fake names instead of its
	// module account.
	CustodyTo *lienholder.Destination
	// OnAccept, OnSettled and OnBurn, when set, run at the end of AcceptLien, SlashSettled and
	// BurnStake with the context the vault passed; their error is the method's error. Tests use
	// them to call back into the vault.
	OnAccept  func(ctx context.Context, req lienholder.LienRequest) error
	OnSettled func(ctx context.Context, id lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error
	OnBurn    func(ctx context.Context, id lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error
	// Vault is the handle received at registration.
	Vault lienholder.Vault
	// Accepted lists every lien request the fake accepted.
	Accepted []lienholder.LienRequest
	// Burned sums the propagated burns per (holder, user).
	Burned collections.Map[string, math.Int]
	// Pending holds the unsettled loss per (holder, user).
	Pending collections.Map[string, math.Int]
	// SlashedTokens sums the tokens the fake destroyed for its own slashes.
	SlashedTokens collections.Item[math.Int]
}

// NewVirtualHolder returns a virtual fake keeping its state under prefix in the store, so a
// discarded cache context discards the fake's changes too.
func NewVirtualHolder(ratio math.LegacyDec, svc store.KVStoreService, prefix byte) (*FakeHolder, error) {
	sb := collections.NewSchemaBuilder(svc)
	h := &FakeHolder{
		custody: lienholder.Virtual, Ratio: ratio,
		Burned:        collections.NewMap(sb, collections.NewPrefix([]byte{prefix, 0}), "burned", collections.StringKey, sdk.IntValue),
		Pending:       collections.NewMap(sb, collections.NewPrefix([]byte{prefix, 1}), "pending", collections.StringKey, sdk.IntValue),
		SlashedTokens: collections.NewItem(sb, collections.NewPrefix([]byte{prefix, 2}), "slashed", sdk.IntValue),
	}
	_, err := sb.Build()
	return h, err
}

// NewCustodialHolder returns a custodial fake holding its tokens in module.
func NewCustodialHolder(ratio math.LegacyDec, svc store.KVStoreService, prefix byte, module, denom string, bank BankBurner) (*FakeHolder, error) {
	h, err := NewVirtualHolder(ratio, svc, prefix)
	if err != nil {
		return nil, err
	}
	h.custody, h.module, h.denom, h.bank = lienholder.Custodial, module, denom, bank
	return h, nil
}

func get(ctx context.Context, m collections.Map[string, math.Int], key string) math.Int {
	v, err := m.Get(ctx, key)
	if err != nil {
		return math.ZeroInt()
	}
	return v
}

// Custody implements lienholder.LienHolder.
func (h *FakeHolder) Custody() lienholder.Custody { return h.custody }

// CustodyModule implements lienholder.CustodialHolder.
func (h *FakeHolder) CustodyModule() string { return h.module }

// CustodyDestination implements lienholder.CustodialHolder: the custodial fake keeps every user's
// tokens in its module account unless CustodyTo says otherwise.
func (h *FakeHolder) CustodyDestination(context.Context, lienholder.HolderID, sdk.AccAddress) (lienholder.Destination, error) {
	if h.CustodyTo != nil {
		return *h.CustodyTo, nil
	}
	return lienholder.Destination{Module: h.module}, nil
}

// ValidateKey implements lienholder.KeyedHolder: a virtual fake serves any non-empty key (one
// per pairing, as external staking does), a custodial fake only the empty key.
func (h *FakeHolder) ValidateKey(_ context.Context, key string) error {
	if (h.custody == lienholder.Custodial) != (key == "") {
		return fmt.Errorf("the %s fake does not serve key %q", h.custody, key)
	}
	return nil
}

// MaxSlash implements lienholder.LienHolder.
func (h *FakeHolder) MaxSlash(context.Context, lienholder.HolderID) (math.LegacyDec, error) {
	return h.Ratio, nil
}

// AcceptLien implements lienholder.LienHolder.
func (h *FakeHolder) AcceptLien(ctx context.Context, req lienholder.LienRequest) error {
	if h.Refuse != nil {
		return h.Refuse
	}
	h.Accepted = append(h.Accepted, req)
	if h.OnAccept != nil {
		return h.OnAccept(ctx, req)
	}
	return nil
}

// slot names one (holder, user) pair in the fake's maps.
func slot(id lienholder.HolderID, owner sdk.AccAddress) string {
	return id.String() + "|" + owner.String()
}

// PendingSlash implements lienholder.LienHolder.
func (h *FakeHolder) PendingSlash(ctx context.Context, id lienholder.HolderID, owner sdk.AccAddress) (math.Int, error) {
	if h.PanicPending != nil {
		panic(h.PanicPending)
	}
	if h.FailPending != nil {
		return math.Int{}, h.FailPending
	}
	return get(ctx, h.Pending, slot(id, owner)), nil
}

// SlashSettled implements lienholder.LienHolder.
func (h *FakeHolder) SlashSettled(ctx context.Context, id lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	key := slot(id, owner)
	pending := get(ctx, h.Pending, key)
	if pending.LT(amount) {
		return fmt.Errorf("settled %s, only %s pending", amount, pending)
	}
	if err := h.Pending.Set(ctx, key, pending.Sub(amount)); err != nil {
		return err
	}
	if h.OnSettled != nil {
		if err := h.OnSettled(ctx, id, owner, amount); err != nil {
			return err
		}
	}
	return h.FailSettled
}

// BurnStake implements lienholder.LienHolder.
func (h *FakeHolder) BurnStake(ctx context.Context, id lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	if h.FailBurn != nil {
		return h.FailBurn
	}
	if h.custody == lienholder.Custodial {
		if err := h.burnTokens(ctx, amount); err != nil {
			return err
		}
	}
	if err := h.Burned.Set(ctx, slot(id, owner), h.BurnedOf(ctx, id, owner).Add(amount)); err != nil {
		return err
	}
	if h.OnBurn != nil {
		return h.OnBurn(ctx, id, owner, amount)
	}
	return nil
}

// BurnedOf returns the propagated burns the vault asked of holder id for owner.
func (h *FakeHolder) BurnedOf(ctx context.Context, id lienholder.HolderID, owner sdk.AccAddress) math.Int {
	return get(ctx, h.Burned, slot(id, owner))
}

// Slash inflicts a loss on owner's stake with holder id, to be reported through PendingSlash. A
// custodial fake destroys the tokens at once, as x/staking does.
func (h *FakeHolder) Slash(ctx context.Context, id lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	if h.custody == lienholder.Custodial {
		if err := h.burnTokens(ctx, amount); err != nil {
			return err
		}
		if err := h.SlashedTokens.Set(ctx, h.Slashed(ctx).Add(amount)); err != nil {
			return err
		}
	}
	return h.Pending.Set(ctx, slot(id, owner), get(ctx, h.Pending, slot(id, owner)).Add(amount))
}

// Slashed returns the tokens the fake destroyed for its own slashes.
func (h *FakeHolder) Slashed(ctx context.Context) math.Int {
	v, err := h.SlashedTokens.Get(ctx)
	if err != nil {
		return math.ZeroInt()
	}
	return v
}

// TotalBurned sums the propagated burns over all (holder, user) pairs.
func (h *FakeHolder) TotalBurned(ctx context.Context) math.Int {
	total := math.ZeroInt()
	_ = h.Burned.Walk(ctx, nil, func(_ string, v math.Int) (bool, error) {
		total = total.Add(v)
		return false, nil
	})
	return total
}

func (h *FakeHolder) burnTokens(ctx context.Context, amount math.Int) error {
	if !amount.IsPositive() {
		return nil
	}
	return h.bank.BurnCoins(ctx, h.module, sdk.NewCoins(sdk.NewCoin(h.denom, amount)))
}
