package lienholder

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// LienRequest is what the vault hands a holder when a user opens or grows a lien.
type LienRequest struct {
	// Holder is the holder the lien is for; its Kind is the kind the holder registered.
	Holder HolderID
	// Owner is the user whose collateral backs the lien.
	Owner sdk.AccAddress
	// Amount is the increase of the lien, in the vault's collateral denom.
	Amount math.Int
	// Validator is the validator the user wants to stake to, as the holder understands it (a
	// valoper of this chain for local staking, of the consumer chain for external staking).
	Validator string
	// Payload is optional holder-specific data from the user's message, passed through untouched.
	Payload []byte
	// TxID identifies the pending lien for a Virtual holder (see Vault.CommitLien); it is 0 for a
	// Custodial holder, whose lien is complete when AcceptLien returns.
	TxID uint64
}

// LienHolder is implemented by every component that takes liens on vault collateral. One value
// serves every holder of one kind; the HolderID passed to each method says which one is meant.
//
// Every method is called by the vault inside the transaction (or block step) that needs it, about
// one user (the owner). MaxSlash and PendingSlash must change no amount (PendingSlash may keep a
// memo of what it read, such as "this user had nothing pending at this point"). An error from any
// of them, or a panic, which the vault recovers and treats as an error, fails the whole operation
// that caused it, which the caller's cache context then reverts; SlashSettled is the exception
// (see there).
//
// Re-entrancy rule. While the vault is inside a call to a holder about a user, the holder may not
// call back into the vault about that same user, with one exception: AcceptLien of a Virtual
// holder may commit or roll back its own pending lien (req.TxID) or read it with
// Vault.PendingLeft. Any other call about the user (Release, AddCustodied, ReportSlash, or a
// commit, rollback or read of another pending lien of the user) is refused with the vault's
// ErrReentrant and changes nothing; QueueSettlement is always allowed, it only marks the user for
// a later settlement. Calls about other users are allowed. The vault enforces the rule through the
// context it passes to the holder, so a holder must hand that context (or one derived from it) to
// the handle. The rule means the vault's view of the user cannot change under it while a holder
// runs, so no operation saves figures a callback made stale, and no settlement runs inside
// another.
type LienHolder interface {
	// Custody declares whether the holder receives the tokens of its liens. The vault reads it once,
	// at registration.
	Custody() Custody

	// MaxSlash returns the largest fraction of a lien one slash can take, a ratio in [0, 1].
	// Called by the vault when a user's lien with this holder is first created; the ratio is then
	// fixed for that lien (a later change applies to liens created after it).
	MaxSlash(ctx context.Context, holder HolderID) (math.LegacyDec, error)

	// AcceptLien is called by the vault when a user opens or grows a lien, after the vault has
	// checked the user's collateral and recorded the lien. A Custodial holder has already received
	// req.Amount in the account it named with CustodyAccount and must put it to use (or return an
	// error to refuse). A
	// Virtual holder must start whatever completes the lien and later call Vault.CommitLien or
	// Vault.RollbackLien with req.TxID (possibly from within this call). Returning an error refuses
	// the lien and reverts everything, including the token transfer.
	AcceptLien(ctx context.Context, req LienRequest) error

	// PendingSlash returns the loss the user has suffered with this holder and that the vault has
	// not settled yet (for local staking: the recorded principal minus what x/staking now holds).
	// Called by the vault whenever it settles the user: before every vault message, query and
	// holder callback about that user, and from the per-block settlement crank. It must change no
	// amount (a memo of its own finding is allowed); it must be O(1) in the number of users and validators (a cumulative factor per
	// validator, as x/staking's exchange rate does). A Custodial holder's reported loss must already
	// be gone from its balance (burned inside x/staking).
	PendingSlash(ctx context.Context, holder HolderID, owner sdk.AccAddress) (math.Int, error)

	// SlashSettled tells the holder that the vault has applied amount of the user's pending loss to
	// the lien and the collateral; it is called once the settlement is fully written. Afterwards
	// PendingSlash must report the remainder (normally 0). It may not call back into the vault about
	// the user (see the re-entrancy rule). It runs in its own cache context: if it fails, its
	// changes are discarded but the loss stays applied; the vault records it as unconfirmed, does
	// not apply it again (it subtracts it from what PendingSlash reports) and calls SlashSettled
	// again, with the unconfirmed amount included, at the user's next settlement. A failing holder
	// thus never blocks the settlement of the user's other losses.
	SlashSettled(ctx context.Context, holder HolderID, owner sdk.AccAddress, amount math.Int) error

	// BurnStake is called by the vault when it propagates a loss another holder caused: the user's
	// collateral no longer covers this lien, which the vault has already reduced by amount. The
	// holder must reduce the user's stake by amount: a Custodial holder destroys that many tokens
	// from what it holds for the user (the vault lowers its lent figure by the same amount), a
	// Virtual holder removes that much stake (for external staking, a burn sent to the consumer).
	// PendingSlash must not report this amount as a new loss, and BurnStake may not call back into
	// the vault about the user (the vault is in the middle of settling the user; see the
	// re-entrancy rule). A Custodial holder is never asked for more than it still holds for the
	// user: the vault leaves on the lien the holder's own loss that the settlement has not applied
	// yet. A Virtual holder must saturate: when one settlement both applies the holder's own pending
	// loss and propagates another holder's, amount can exceed what the holder still counts for the
	// user, and the holder then removes what is left rather than failing.
	//
	// Pending stake. When the lien has a pending part (stakes not yet committed), the burn falls on
	// the committed stake first (the lien's low end) and only the rest on the pending stakes, oldest
	// TxID first; each pending stake's later CommitLien adds only what is left of it. A Virtual
	// holder must do the same: remove amount from its committed stake, saturating, and credit each
	// commit with Vault.PendingLeft(TxID) rather than with the amount it asked for, so that its
	// stake never exceeds the lien.
	BurnStake(ctx context.Context, holder HolderID, owner sdk.AccAddress, amount math.Int) error
}

// CustodialHolder is a LienHolder that receives tokens. The vault sends each new lien's tokens to
// the account CustodyAccount names for the user, and takes them back from the module account
// named by CustodyModule on release.
type CustodialHolder interface {
	LienHolder
	// CustodyModule names the module account that returns the lien's tokens on release.
	CustodyModule() string
	// CustodyAccount returns the account that receives a new lien's tokens for owner, creating it
	// if needed (local staking: the user's derived account, which delegates them; sending there
	// directly saves a transfer through the module account). Called by the vault just before it
	// sends the tokens and calls AcceptLien.
	CustodyAccount(ctx context.Context, holder HolderID, owner sdk.AccAddress) (sdk.AccAddress, error)
}

// KeyedHolder is implemented by a holder kind that serves several holders, one per key (external
// staking serves one per consumer pairing). The vault asks it before opening a lien with holder
// {kind, key}; a kind that does not implement it serves only the empty key.
type KeyedHolder interface {
	LienHolder
	// ValidateKey returns an error unless key names a holder of this kind that can take liens now.
	ValidateKey(ctx context.Context, key string) error
}
