package keeper

import (
	"context"

	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/meshsecurity/mesh/internal/eventattr"
)

// emit emits ev with plain attribute values (strings unquoted, amounts as coin strings such as
// 100stake), as x/bank and x/staking emit theirs. Formatting an event costs no gas, so the denom
// is read without charging it.
func (k *Keeper) emit(ctx context.Context, ev proto.Message) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	denom, err := k.denom(sdkCtx.WithGasMeter(storetypes.NewInfiniteGasMeter()))
	if err != nil {
		return err
	}
	event, err := eventattr.Plain(ev, denom)
	if err != nil {
		return err
	}
	sdkCtx.EventManager().EmitEvent(event)
	return nil
}
