package keeper

import (
	"bytes"
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/internal/safecall"
	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

// guardKey is the context key under which the vault records the holder calls it is inside.
type guardKey struct{}

// guard is one holder call in progress about a user. The vault passes it down in the context it
// hands the holder, so a call back through the holder's handle can see which user the vault is
// working on and refuse it. Guards nest: outer is the call the vault was inside when it made this
// one.
type guard struct {
	owner  sdk.AccAddress
	holder lienholder.HolderID
	method string
	// txID is the pending lien the call may complete: AcceptLien of a virtual holder may commit
	// or roll back its own pending lien, and nothing else about the user.
	txID  uint64
	outer *guard
}

// guarded returns ctx marked as inside holder.method about owner.
func guarded(ctx context.Context, owner sdk.AccAddress, holder lienholder.HolderID, method string, txID uint64) context.Context {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	outer, _ := sdkCtx.Value(guardKey{}).(*guard)
	g := &guard{owner: owner, holder: holder, method: method, txID: txID, outer: outer}
	return sdkCtx.WithValue(guardKey{}, g)
}

// checkReentry refuses a handle call about owner made from inside a holder call about the same
// user, unless every such call in progress is an AcceptLien whose own pending lien txID the call
// completes. txID is 0 for calls other than CommitLien and RollbackLien.
func checkReentry(ctx context.Context, owner sdk.AccAddress, txID uint64) error {
	g, _ := sdk.UnwrapSDKContext(ctx).Value(guardKey{}).(*guard)
	for ; g != nil; g = g.outer {
		if !bytes.Equal(g.owner, owner) {
			continue
		}
		if txID != 0 && g.txID == txID {
			continue
		}
		return errorsmod.Wrapf(types.ErrReentrant, "%s called back about %s from %s", g.holder, owner, g.method)
	}
	return nil
}

// callHolder runs one call into a holder about owner: inside a guard, and with a panic turned into
// ErrHolderFailed, so a faulty holder fails only the operation (or the crank's settlement of one
// user) that called it. Running out of gas is not a holder fault and keeps unwinding.
func callHolder(ctx context.Context, owner sdk.AccAddress, holder lienholder.HolderID, method string, txID uint64,
	fn func(ctx context.Context) error,
) error {
	return safecall.Run(types.ErrHolderFailed, holder.String()+" "+method, func() error {
		return fn(guarded(ctx, owner, holder, method, txID))
	})
}

// recoverAs turns a panic during fn into an error, for block steps that must never fail.
func recoverAs(what string, fn func() error) error {
	return safecall.Run(types.ErrHolderFailed, what, fn)
}
