package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"github.com/cosmos/gogoproto/proto"

	"github.com/meshsecurity/mesh/internal/eventattr"
)

// emit emits ev with plain attribute values (strings unquoted, amounts as coin strings such as
// 100stake in the bond denom). It never fails: without a denom the amounts stay bare, and an event
// that cannot be rendered is left out.
func (k *Keeper) emit(ctx context.Context, ev proto.Message) {
	eventattr.EmitLenient(ctx, ev, k.staking.BondDenom)
}

// isNotFound says whether err is a missing collection entry.
func isNotFound(err error) bool { return errors.Is(err, collections.ErrNotFound) }
