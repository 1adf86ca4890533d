package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"github.com/cosmos/gogoproto/proto"

	"github.com/meshsecurity/mesh/internal/eventattr"
)

// emit emits ev with plain attribute values and amounts as coin strings of the bond denom
// (100stake), as x/bank and x/staking emit theirs.
func (k *Keeper) emit(ctx context.Context, ev proto.Message) error {
	return eventattr.Emit(ctx, ev, k.staking.BondDenom)
}

// isNotFound reports whether err is a missing collections entry.
func isNotFound(err error) bool { return errors.Is(err, collections.ErrNotFound) }
