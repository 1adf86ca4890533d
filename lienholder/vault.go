package lienholder

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Vault is the handle a holder receives when it registers with the vault. It is bound to the
// holder's kind: every method takes only the key part of the HolderID, so a holder can act for
// every holder of its own kind and for no other.
//
// Every method settles the user first (collecting every holder's PendingSlash), then acts, and
// leaves the vault's invariants holding afterwards. Each call runs in its own cache context: an
// error is a registered vault error and leaves the state unchanged, so a holder can call from an
// acknowledgement or a block hook without a cache context of its own. A call made from inside one
// of the vault's calls to a holder about the same user is refused with ErrReentrant, except as
// LienHolder's re-entrancy rule allows; pass the context the vault gave you.
type Vault interface {
	// Kind returns the holder kind this handle is bound to.
	Kind() string

	// Release lowers the user's lien with holder key by amount, when stake leaves the holder
	// (unbonding finished, a remote unstake acknowledged). A Custodial holder must have amount
	// liquid in its custody module account: the vault takes it back and lowers lent. The lien must
	// have at least amount committed (its low end); a lien that reaches zero is removed.
	Release(ctx context.Context, key string, owner sdk.AccAddress, amount math.Int) error

	// CommitLien completes the pending lien txID that the vault opened for this holder (a
	// cross-stake that the consumer acknowledged). What slashes took from the lien while it was
	// pending is not added again. If settling the user fails because of another holder, the commit
	// still happens and the settlement is left to the crank, so an acknowledgement never fails for
	// another holder's sake.
	CommitLien(ctx context.Context, key string, txID uint64) error

	// PendingLeft settles the owner of pending lien txID as an acknowledgement does and returns what
	// CommitLien would add now: the pending amount less what the user's slashes and propagated
	// burns took from it while it was pending. A holder reads it right before committing so that
	// its own record of the stake follows the lien (see LienHolder.BurnStake).
	PendingLeft(ctx context.Context, key string, txID uint64) (math.Int, error)
	// RollbackLien cancels the pending lien txID (an error acknowledgement or timeout): the lien
	// shrinks back by what is left of it and the collateral is free again. Settlement failures are
	// handled as for CommitLien.
	RollbackLien(ctx context.Context, key string, txID uint64) error

	// AddCustodied records amount of new collateral for the user that a Custodial holder of this
	// kind already holds (a native delegation moved into the vault without leaving the bonded pool)
	// and puts a lien of the same amount on it with the holder, in one step: collateral, the lien
	// and the vault's lent figure all grow by amount and no tokens move. Refused for Virtual holders.
	AddCustodied(ctx context.Context, key string, owner sdk.AccAddress, amount math.Int) error

	// ReportSlash tells the vault that the user has a loss with this holder to settle, and settles
	// it at once: the vault reads PendingSlash from every holder of the user and applies the
	// reference slashing rules, propagating burns to the user's other liens where the collateral no
	// longer covers them.
	ReportSlash(ctx context.Context, key string, owner sdk.AccAddress) error

	// QueueSettlement asks the vault to settle the user within a bounded number of blocks, for
	// holders that learn of losses in bulk (for example from EndBlock) and should not settle every
	// user in one block.
	QueueSettlement(ctx context.Context, owner sdk.AccAddress) error
}
