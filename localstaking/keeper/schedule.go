package keeper

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// segment is the shortest gap between two batches of one user with one validator: with at most
// maxEntries unbonding entries allowed by x/staking, batches at least unbonding/(maxEntries-1)
// apart never leave more than maxEntries entries alive. Both values are read from
// x/staking's parameters, in one read, at the time of use.
func (k *Keeper) segment(ctx context.Context) (time.Duration, error) {
	p, err := k.staking.GetParams(ctx)
	if err != nil {
		return 0, err
	}
	if p.MaxEntries <= 1 {
		return p.UnbondingTime + time.Nanosecond, nil
	}
	return p.UnbondingTime/time.Duration(p.MaxEntries-1) + time.Nanosecond, nil
}

// offset spreads users over a segment so their batches reach x/staking in different blocks: a
// fixed fraction of the segment derived from the user and the validator.
func offset(owner sdk.AccAddress, val sdk.ValAddress, segment time.Duration) time.Duration {
	h := sha256.Sum256(append(append([]byte{}, owner...), val...))
	return time.Duration(binary.BigEndian.Uint64(h[:8]) % uint64(segment))
}

// dueTime is when a batch opened now for (owner, val) reaches x/staking: the user's next segment
// boundary, and at least one segment after the previous batch.
func dueTime(now, lastBatch time.Time, owner sdk.AccAddress, val sdk.ValAddress, segment time.Duration) time.Time {
	off := offset(owner, val, segment)
	sinceEpoch := now.UnixNano() - int64(off)
	rem := sinceEpoch % int64(segment)
	if rem < 0 {
		rem += int64(segment)
	}
	boundary := now
	if rem != 0 {
		boundary = now.Add(time.Duration(int64(segment) - rem))
	}
	if earliest := lastBatch.Add(segment); !lastBatch.IsZero() && earliest.After(boundary) {
		return earliest
	}
	return boundary
}
