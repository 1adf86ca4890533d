package keeper

import (
	"context"

	"github.com/meshsecurity/mesh/converter/types"
)

type msgServer struct{ k *Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the Msg service of the keeper.
func NewMsgServerImpl(k *Keeper) types.MsgServer { return msgServer{k: k} }

// CreatePairing implements types.MsgServer.
func (s msgServer) CreatePairing(ctx context.Context, msg *types.MsgCreatePairing) (*types.MsgCreatePairingResponse, error) {
	if err := s.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgCreatePairingResponse{}, s.k.CreatePairing(ctx, msg.Pairing)
}

// UpdatePairing implements types.MsgServer.
func (s msgServer) UpdatePairing(ctx context.Context, msg *types.MsgUpdatePairing) (*types.MsgUpdatePairingResponse, error) {
	if err := s.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgUpdatePairingResponse{}, s.k.UpdatePairing(ctx, msg.Pairing)
}

// PausePairing implements types.MsgServer.
func (s msgServer) PausePairing(ctx context.Context, msg *types.MsgPausePairing) (*types.MsgPausePairingResponse, error) {
	if err := s.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgPausePairingResponse{}, s.k.PausePairing(ctx, msg.PairingId)
}

// ClosePairing implements types.MsgServer.
func (s msgServer) ClosePairing(ctx context.Context, msg *types.MsgClosePairing) (*types.MsgClosePairingResponse, error) {
	if err := s.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgClosePairingResponse{}, s.k.ClosePairing(ctx, msg.PairingId)
}

// ReopenPairing implements types.MsgServer.
func (s msgServer) ReopenPairing(ctx context.Context, msg *types.MsgReopenPairing) (*types.MsgReopenPairingResponse, error) {
	if err := s.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgReopenPairingResponse{}, s.k.ReopenPairing(ctx, msg.PairingId)
}

// UpdatePrice implements types.MsgServer.
func (s msgServer) UpdatePrice(ctx context.Context, msg *types.MsgUpdatePrice) (*types.MsgUpdatePriceResponse, error) {
	if err := s.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgUpdatePriceResponse{}, s.k.UpdatePrice(ctx, msg.PairingId, msg.Price)
}

// UpdateParams implements types.MsgServer.
func (s msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := s.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, s.k.Params.Set(ctx, msg.Params)
}
