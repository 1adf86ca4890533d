package keeper

import (
	"context"

	storetypes "cosmossdk.io/store/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/meshsecurity/mesh/internal/eventattr"
	"github.com/meshsecurity/mesh/virtualstaking/types"
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

// rotate moves the pairing on to its next derived account and emits EventAccountRotated when that
// is another account.
func (k *Keeper) rotate(ctx context.Context, params types.Params, pairingID string, supply *types.PairingSupply) {
	previous := supply.NextAccount % params.AccountsPerPairing
	supply.NextAccount = (previous + 1) % params.AccountsPerPairing
	if supply.NextAccount == previous {
		return
	}
	k.emit(ctx, &types.EventAccountRotated{PairingId: pairingID,
		Previous: DelegatorAccount(pairingID, previous).String(),
		Next:     DelegatorAccount(pairingID, supply.NextAccount).String(), NextIndex: supply.NextAccount})
}
