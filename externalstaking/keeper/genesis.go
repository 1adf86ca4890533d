package keeper

import (
	"context"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// InitGenesis loads a validated genesis state.
func (k *Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, p := range gs.Pairings {
		if err := k.Pairings.Set(ctx, p.Id, p); err != nil {
			return err
		}
		if err := k.bindGenesisChannel(ctx, p); err != nil {
			return err
		}
	}
	for _, gp := range gs.Positions {
		owner, err := k.parseOwner(gp.Owner)
		if err != nil {
			return err
		}
		if err := k.Positions.Set(ctx, positionKey(gp.Pairing, owner, gp.Validator), gp.Position); err != nil {
			return err
		}
		n, err := k.positionCount(ctx, gp.Pairing, owner)
		if err != nil {
			return err
		}
		if err := k.setPositionCount(ctx, gp.Pairing, owner, n+1); err != nil {
			return err
		}
	}
	for _, gv := range gs.Validators {
		if err := k.Validators.Set(ctx, collections.Join(gv.Pairing, gv.Valoper), gv.Validator); err != nil {
			return err
		}
	}
	for _, s := range gs.Slashes {
		if err := k.Slashes.Set(ctx, collections.Join3(s.Pairing, s.Valoper, s.Index), s.Slash); err != nil {
			return err
		}
		if s.Slash.DoubleSign {
			continue
		}
		if err := k.SlashedHeights.Set(ctx, collections.Join3(s.Pairing, s.Valoper, s.Slash.InfractionHeight)); err != nil {
			return err
		}
	}
	for _, tx := range gs.PendingTxs {
		if err := k.setPendingTx(ctx, tx); err != nil {
			return err
		}
	}
	for _, o := range gs.Outbox {
		if err := k.Outbox.Set(ctx, o.Seq, o.Packet); err != nil {
			return err
		}
	}
	for _, l := range gs.LastSlashed {
		owner, err := k.parseOwner(l.Owner)
		if err != nil {
			return err
		}
		if err := k.LastSlashed.Set(ctx, collectionsPair(l.Pairing, owner), l.Validator); err != nil {
			return err
		}
	}
	if err := k.initGuards(ctx, gs.SlashGuards); err != nil {
		return err
	}
	if err := k.initCrossStake(ctx, gs.CrossStakes); err != nil {
		return err
	}
	if err := k.TxSeq.Set(ctx, gs.NextTxId-types.FirstOwnTxID); err != nil {
		return err
	}
	return k.OutboxSeq.Set(ctx, gs.NextOutboxSeq)
}

// ExportGenesis writes the whole state out.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	gs := &types.GenesisState{}
	var err error
	if gs.Params, err = k.Params.Get(ctx); err != nil {
		return nil, err
	}
	if err := k.Pairings.Walk(ctx, nil, func(_ string, p types.ConsumerPairing) (bool, error) {
		gs.Pairings = append(gs.Pairings, p)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.exportRecords(ctx, gs); err != nil {
		return nil, err
	}
	seq, err := k.TxSeq.Peek(ctx)
	if err != nil {
		return nil, err
	}
	gs.NextTxId = types.FirstOwnTxID + seq
	if gs.NextOutboxSeq, err = k.OutboxSeq.Peek(ctx); err != nil {
		return nil, err
	}
	if gs.SlashGuards, err = k.exportGuards(ctx); err != nil {
		return nil, err
	}
	if gs.CrossStakes, err = k.exportCrossStake(ctx); err != nil {
		return nil, err
	}
	return gs, nil
}

// exportRecords writes positions, validators, slashes, pending operations, the outbox and where
// burns fall first.
func (k *Keeper) exportRecords(ctx context.Context, gs *types.GenesisState) error {
	err := k.Positions.Walk(ctx, nil, func(key collections.Triple[string, sdkAcc, string], pos types.Position) (bool, error) {
		gs.Positions = append(gs.Positions, types.GenesisPosition{Pairing: key.K1(), Owner: key.K2().String(),
			Validator: key.K3(), Position: pos})
		return false, nil
	})
	if err != nil {
		return err
	}
	err = k.Validators.Walk(ctx, nil, func(key collections.Pair[string, string], v types.Validator) (bool, error) {
		gs.Validators = append(gs.Validators, types.GenesisValidator{Pairing: key.K1(), Valoper: key.K2(), Validator: v})
		return false, nil
	})
	if err != nil {
		return err
	}
	err = k.Slashes.Walk(ctx, nil, func(key collections.Triple[string, string, uint64], s types.SlashRecord) (bool, error) {
		gs.Slashes = append(gs.Slashes, types.GenesisSlash{Pairing: key.K1(), Valoper: key.K2(), Index: key.K3(), Slash: s})
		return false, nil
	})
	if err != nil {
		return err
	}
	err = k.PendingTxs.Walk(ctx, nil, func(_ uint64, tx types.PendingTx) (bool, error) {
		gs.PendingTxs = append(gs.PendingTxs, tx)
		return false, nil
	})
	if err != nil {
		return err
	}
	err = k.Outbox.Walk(ctx, nil, func(seq uint64, o types.OutboxPacket) (bool, error) {
		gs.Outbox = append(gs.Outbox, types.OutboxEntry{Seq: seq, Packet: o})
		return false, nil
	})
	if err != nil {
		return err
	}
	return k.LastSlashed.Walk(ctx, nil, func(key collections.Pair[string, sdkAcc], val string) (bool, error) {
		gs.LastSlashed = append(gs.LastSlashed, types.LastSlashed{Pairing: key.K1(), Owner: key.K2().String(), Validator: val})
		return false, nil
	})
}

// bindGenesisChannel binds the pairing's channel; one whose handshake IBC's genesis left in
// TRYOPEN (IBC's genesis runs first) does not take stake until it confirms.
func (k *Keeper) bindGenesisChannel(ctx context.Context, p types.ConsumerPairing) error {
	if p.ChannelId == "" {
		return nil
	}
	if err := k.Channels.Set(ctx, p.ChannelId, p.Id); err != nil {
		return err
	}
	ibc := k.refs.ibc
	if ibc == nil {
		return nil
	}
	end, found := ibc.Channels.GetChannel(sdk.UnwrapSDKContext(ctx), types.PortID, p.ChannelId)
	if !found || end.State != channeltypes.TRYOPEN {
		return nil
	}
	return k.Opening.Set(ctx, p.ChannelId)
}
