package types

import (
	"context"

	"cosmossdk.io/math"
)

// VirtualStakingKeeper is what the converter needs from virtual staking: the converter records what
// providers request and virtual staking reads those requests once per epoch, so the converter only
// hands over a pairing whose channel closed and settles the slashes it booked off the requests.
type VirtualStakingKeeper interface {
	// UnwindPairing starts unwinding every virtual delegation of a pairing whose channel closed. It
	// never fails: an unknown pairing or one already unwinding is a no-op.
	UnwindPairing(ctx context.Context, pairingID string)
	// SettleSlash tells virtual staking that a slash of the pairing's virtual stake on valoper,
	// local tokens of it, is now taken off the requests, so it no longer holds it back. It never
	// fails.
	SettleSlash(ctx context.Context, pairingID, valoper string, local math.Int)
}
