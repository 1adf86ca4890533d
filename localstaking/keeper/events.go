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

// emit emits ev with plain attribute values and amounts as coin strings of the bond denom
// (100stake), as x/bank and x/staking emit theirs. Formatting an event costs no gas, so the denom
// is read without charging it.
func (k *Keeper) emit(ctx context.Context, ev proto.Message) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	denom, err := k.staking.BondDenom(sdkCtx.WithGasMeter(storetypes.NewInfiniteGasMeter()))
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

// isNotFound reports whether err is a missing collections entry.
func isNotFound(err error) bool { return errors.Is(err, collections.ErrNotFound) }
