package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/meshsecurity/mesh/internal/eventattr"
)

// emit emits ev with plain attribute values (strings unquoted, amounts as coin strings such as
// 100stake in the bond denom). Formatting an event costs no gas, so the denom is read without
// charging it; without a denom the amounts stay bare.
func (k *Keeper) emit(ctx context.Context, ev proto.Message) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	denom, err := k.staking.BondDenom(sdkCtx.WithGasMeter(storetypes.NewInfiniteGasMeter()))
	if err != nil {
		denom = ""
	}
	event, err := eventattr.Plain(ev, denom)
	if err != nil {
		return
	}
	sdkCtx.EventManager().EmitEvent(event)
}

// isNotFound says whether err is a missing collection entry.
func isNotFound(err error) bool { return errors.Is(err, collections.ErrNotFound) }
