package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the vault's module name, module account name and store key.
	ModuleName = "vault"
	// StoreKey is the vault's store key.
	StoreKey = ModuleName
	// MaxPendingLiensPerUser bounds a user's stakes awaiting acknowledgement, and so the work one
	// settlement of that user does on them.
	MaxPendingLiensPerUser = 32
)

// Collections prefixes. They are part of the state format: never renumber them.
var (
	// ParamsKey holds the module parameters.
	ParamsKey = collections.NewPrefix(0)
	// AccountsKey holds each user's collateral and lien aggregates.
	AccountsKey = collections.NewPrefix(1)
	// LiensKey holds the liens, by user and holder.
	LiensKey = collections.NewPrefix(2)
	// PendingLiensKey holds the stakes awaiting acknowledgement, by id.
	PendingLiensKey = collections.NewPrefix(3)
	// PendingByOwnerKey indexes the pending liens by user.
	PendingByOwnerKey = collections.NewPrefix(4)
	// NextPendingIDKey holds the last pending lien id handed out.
	NextPendingIDKey = collections.NewPrefix(5)
	// LentKey holds the tokens lent to each custodial holder.
	LentKey = collections.NewPrefix(6)
	// SettlementQueueKey holds the users the crank settles first.
	SettlementQueueKey = collections.NewPrefix(7)
	// CrankCursorKey holds the crank's round-robin position.
	CrankCursorKey = collections.NewPrefix(8)
	// UnconfirmedLossesKey holds losses the vault applied whose holder's SlashSettled failed.
	UnconfirmedLossesKey = collections.NewPrefix(9)
	// HolderLiensKey indexes the liens: for each holder, how many users have a lien with it.
	HolderLiensKey = collections.NewPrefix(10)
	// QueueCursorKey holds the last queued user the crank's queued pass tried.
	QueueCursorKey = collections.NewPrefix(11)
)
