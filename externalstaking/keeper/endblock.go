package keeper

import (
	"context"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// EndBlock closes pairings whose light client stayed expired or frozen too long, applies queued
// slash reports the slash meters let through, then flushes the outbox within its per-block bound. It never fails: problems become events, and a step that
// panics is discarded on its own.
func (k *Keeper) EndBlock(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	k.blockStep(sdkCtx, "watching clients", k.watchClients)
	k.drainQueues(sdkCtx)
	k.blockStep(sdkCtx, "flushing the outbox", k.FlushOutbox)
	return nil
}

// watchClients looks at the client of every open pairing with a channel; the number of pairings
// is set by the authority and small. A client seen unhealthy starts a clock; one unhealthy for
// longer than the parameter closes its pairing.
func (k *Keeper) watchClients(ctx sdk.Context) {
	if k.refs.ibc == nil {
		return
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return
	}
	iter, err := k.Pairings.Iterate(ctx, nil)
	if err != nil {
		return
	}
	var changed []types.ConsumerPairing
	for ; iter.Valid(); iter.Next() {
		p, err := iter.Value()
		if err != nil || p.Status == types.PAIRING_STATUS_CLOSED || p.ChannelId == "" {
			continue
		}
		healthy := k.clientHealthy(ctx, p.ConnectionId)
		switch {
		case healthy && !p.ClientUnhealthySince.IsZero():
			p.ClientUnhealthySince = time.Time{}
			changed = append(changed, p)
		case !healthy && p.ClientUnhealthySince.IsZero():
			p.ClientUnhealthySince = ctx.BlockTime()
			changed = append(changed, p)
		case !healthy && !ctx.BlockTime().Before(p.ClientUnhealthySince.Add(params.CloseOnExpiredClientAfter)):
			changed = append(changed, p)
		}
	}
	iter.Close()
	for _, p := range changed {
		cache, write := ctx.CacheContext()
		var err error
		if !p.ClientUnhealthySince.IsZero() && !ctx.BlockTime().Before(p.ClientUnhealthySince.Add(params.CloseOnExpiredClientAfter)) {
			err = k.closeAt(cache, p, "light client expired or frozen")
		} else {
			err = k.Pairings.Set(cache, p.Id, p)
		}
		if err == nil {
			write()
		}
	}
}

// clientHealthy reports whether the connection's client is active.
func (k *Keeper) clientHealthy(ctx sdk.Context, conn string) bool {
	ibc := k.refs.ibc
	end, ok := ibc.Connections.GetConnection(ctx, conn)
	if !ok {
		return false
	}
	cs, ok := ibc.Clients.GetClientState(ctx, end.ClientId)
	if !ok {
		return false
	}
	return ibc.Clients.GetClientStatus(ctx, cs, end.ClientId) == ibcexported.Active
}
