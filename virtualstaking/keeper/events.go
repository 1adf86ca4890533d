package keeper

import (
	"context"

	"github.com/cosmos/gogoproto/proto"

	"github.com/meshsecurity/mesh/internal/eventattr"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// emit emits ev with plain attribute values (strings unquoted, amounts as coin strings such as
// 100stake in the bond denom). It never fails: without a denom the amounts stay bare, and an event
// that cannot be rendered is left out.
func (k *Keeper) emit(ctx context.Context, ev proto.Message) {
	eventattr.EmitLenient(ctx, ev, k.staking.BondDenom)
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
