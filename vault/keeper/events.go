package keeper

import (
	"context"

	"github.com/cosmos/gogoproto/proto"

	"github.com/meshsecurity/mesh/internal/eventattr"
)

// emit emits ev with plain attribute values and amounts as coin strings of the collateral denom
// (100stake), as x/bank and x/staking emit theirs.
func (k *Keeper) emit(ctx context.Context, ev proto.Message) error {
	return eventattr.Emit(ctx, ev, func(ctx context.Context) (string, error) {
		p, err := k.GetParams(ctx)
		return p.Denom, err
	})
}
