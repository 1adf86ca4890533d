// Package testutil holds the vault's test fixture (real x/auth and x/bank keepers on an in-memory
// store) and fake lien holders. It is imported by tests only.
package testutil

import (
	"context"
	"fmt"

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
	// Vault is the handle received at registration.
	Vault lienholder.Vault
	// Accepted lists every lien request the fake accepted.
	Accepted []lienholder.LienRequest
	// Burned sums the propagated burns per user.
	Burned map[string]math.Int
	// SlashedTokens sums the tokens the fake destroyed for its own slashes.
	SlashedTokens math.Int

	pending map[string]math.Int
}

// NewVirtualHolder returns a virtual fake.
func NewVirtualHolder(ratio math.LegacyDec) *FakeHolder {
	return &FakeHolder{custody: lienholder.Virtual, Ratio: ratio, Burned: map[string]math.Int{},
		SlashedTokens: math.ZeroInt(), pending: map[string]math.Int{}}
}

// NewCustodialHolder returns a custodial fake holding its tokens in module.
func NewCustodialHolder(ratio math.LegacyDec, module, denom string, bank BankBurner) *FakeHolder {
	h := NewVirtualHolder(ratio)
	h.custody, h.module, h.denom, h.bank = lienholder.Custodial, module, denom, bank
	return h
}

// Custody implements lienholder.LienHolder.
func (h *FakeHolder) Custody() lienholder.Custody { return h.custody }

// CustodyModule implements lienholder.CustodialHolder.
func (h *FakeHolder) CustodyModule() string { return h.module }

// MaxSlash implements lienholder.LienHolder.
func (h *FakeHolder) MaxSlash(context.Context, lienholder.HolderID) (math.LegacyDec, error) {
	return h.Ratio, nil
}

// AcceptLien implements lienholder.LienHolder.
func (h *FakeHolder) AcceptLien(_ context.Context, req lienholder.LienRequest) error {
	if h.Refuse != nil {
		return h.Refuse
	}
	h.Accepted = append(h.Accepted, req)
	return nil
}

// PendingSlash implements lienholder.LienHolder.
func (h *FakeHolder) PendingSlash(_ context.Context, _ lienholder.HolderID, owner sdk.AccAddress) (math.Int, error) {
	if p, ok := h.pending[owner.String()]; ok {
		return p, nil
	}
	return math.ZeroInt(), nil
}

// SlashSettled implements lienholder.LienHolder.
func (h *FakeHolder) SlashSettled(_ context.Context, _ lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	left := h.pending[owner.String()].Sub(amount)
	if left.IsNegative() {
		return fmt.Errorf("settled %s, only %s pending", amount, h.pending[owner.String()])
	}
	delete(h.pending, owner.String())
	if left.IsPositive() {
		h.pending[owner.String()] = left
	}
	return nil
}

// BurnStake implements lienholder.LienHolder.
func (h *FakeHolder) BurnStake(ctx context.Context, _ lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	if h.custody == lienholder.Custodial {
		if err := h.burnTokens(ctx, amount); err != nil {
			return err
		}
	}
	prev, ok := h.Burned[owner.String()]
	if !ok {
		prev = math.ZeroInt()
	}
	h.Burned[owner.String()] = prev.Add(amount)
	return nil
}

// Slash inflicts a loss on owner's stake with this holder, to be reported through PendingSlash. A
// custodial fake destroys the tokens at once, as x/staking does.
func (h *FakeHolder) Slash(ctx context.Context, owner sdk.AccAddress, amount math.Int) error {
	if h.custody == lienholder.Custodial {
		if err := h.burnTokens(ctx, amount); err != nil {
			return err
		}
		h.SlashedTokens = h.SlashedTokens.Add(amount)
	}
	prev, ok := h.pending[owner.String()]
	if !ok {
		prev = math.ZeroInt()
	}
	h.pending[owner.String()] = prev.Add(amount)
	return nil
}

// TotalBurned sums the propagated burns over all users.
func (h *FakeHolder) TotalBurned() math.Int {
	total := math.ZeroInt()
	for _, v := range h.Burned {
		total = total.Add(v)
	}
	return total
}

func (h *FakeHolder) burnTokens(ctx context.Context, amount math.Int) error {
	if !amount.IsPositive() {
		return nil
	}
	return h.bank.BurnCoins(ctx, h.module, sdk.NewCoins(sdk.NewCoin(h.denom, amount)))
}
