package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"
	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"

	"github.com/meshsecurity/mesh/externalstaking/evidence"
	"github.com/meshsecurity/mesh/externalstaking/types"
)

// evidenceClient returns the pairing's light client of the consumer, which evidence is verified
// against: the 07-tendermint client behind the pairing's connection, active and tracking the
// pairing's consumer chain.
func (k *Keeper) evidenceClient(ctx sdk.Context, p types.ConsumerPairing) (evidence.Client, error) {
	ibc := k.refs.ibc
	if ibc == nil {
		return evidence.Client{}, types.ErrClientUnusable.Wrap("IBC keepers are not bound")
	}
	end, ok := ibc.Connections.GetConnection(ctx, p.ConnectionId)
	if !ok {
		return evidence.Client{}, types.ErrClientUnusable.Wrapf("unknown connection %s", p.ConnectionId)
	}
	state, ok := ibc.Clients.GetClientState(ctx, end.ClientId)
	if !ok {
		return evidence.Client{}, types.ErrClientUnusable.Wrapf("unknown client %s", end.ClientId)
	}
	tm, ok := state.(*ibctm.ClientState)
	if !ok {
		return evidence.Client{}, types.ErrClientUnusable.Wrapf("client %s is not a 07-tendermint client", end.ClientId)
	}
	if tm.ChainId != p.ConsumerChainId {
		return evidence.Client{}, types.ErrClientUnusable.Wrapf("client %s tracks %q, not %q", end.ClientId, tm.ChainId, p.ConsumerChainId)
	}
	if status := ibc.Clients.GetClientStatus(ctx, state, end.ClientId); status != ibcexported.Active {
		return evidence.Client{}, types.ErrClientUnusable.Wrapf("client %s is %s", end.ClientId, status)
	}
	return evidence.Client{State: tm, Store: ibc.Clients.ClientStore(ctx, end.ClientId), Codec: k.cdc}, nil
}
