package types

import "context"

// VirtualStakingKeeper is what the converter needs from virtual staking: the converter records what
// providers request and virtual staking reads those requests once per epoch, so the only call the
// converter makes is to hand over a pairing whose channel closed.
type VirtualStakingKeeper interface {
	// UnwindPairing starts unwinding every virtual delegation of a pairing whose channel closed. It
	// never fails: an unknown pairing or one already unwinding is a no-op.
	UnwindPairing(ctx context.Context, pairingID string)
}
