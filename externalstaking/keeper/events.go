package keeper

import (
	"context"

	"github.com/cosmos/gogoproto/proto"

	"github.com/meshsecurity/mesh/internal/eventattr"
)

// emit emits ev with plain attribute values (strings unquoted, amounts as coin strings such as
// 100stake), as x/bank and x/staking emit theirs.
func (k *Keeper) emit(ctx context.Context, ev proto.Message) error {
	return eventattr.Emit(ctx, ev, k.denom)
}
