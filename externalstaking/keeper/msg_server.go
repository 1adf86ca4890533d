package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

type msgServer struct{ k *Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the Msg service of the keeper.
func NewMsgServerImpl(k *Keeper) types.MsgServer { return msgServer{k: k} }

// CreatePairing implements types.MsgServer.
func (m msgServer) CreatePairing(ctx context.Context, msg *types.MsgCreatePairing) (*types.MsgCreatePairingResponse, error) {
	if err := m.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgCreatePairingResponse{}, m.k.CreatePairing(ctx, msg.Pairing)
}

// UpdatePairing implements types.MsgServer.
func (m msgServer) UpdatePairing(ctx context.Context, msg *types.MsgUpdatePairing) (*types.MsgUpdatePairingResponse, error) {
	if err := m.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgUpdatePairingResponse{}, m.k.UpdatePairing(ctx, msg.Pairing)
}

// PausePairing implements types.MsgServer.
func (m msgServer) PausePairing(ctx context.Context, msg *types.MsgPausePairing) (*types.MsgPausePairingResponse, error) {
	if err := m.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgPausePairingResponse{}, m.k.PausePairing(ctx, msg.PairingId)
}

// ClosePairing implements types.MsgServer.
func (m msgServer) ClosePairing(ctx context.Context, msg *types.MsgClosePairing) (*types.MsgClosePairingResponse, error) {
	if err := m.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgClosePairingResponse{}, m.k.ClosePairing(ctx, msg.PairingId, "closed by the authority")
}

// ReopenPairing implements types.MsgServer.
func (m msgServer) ReopenPairing(ctx context.Context, msg *types.MsgReopenPairing) (*types.MsgReopenPairingResponse, error) {
	if err := m.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	return &types.MsgReopenPairingResponse{}, m.k.ReopenPairing(ctx, msg.PairingId)
}

// AbandonPendingTxs implements types.MsgServer.
func (m msgServer) AbandonPendingTxs(ctx context.Context, msg *types.MsgAbandonPendingTxs) (*types.MsgAbandonPendingTxsResponse, error) {
	if err := m.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.ValidateBasic(); err != nil {
		return nil, err
	}
	n, more, err := m.k.AbandonPendingTxs(sdk.UnwrapSDKContext(ctx), msg.PairingId, msg.Limit)
	if err != nil {
		return nil, err
	}
	return &types.MsgAbandonPendingTxsResponse{Abandoned: n, More: more}, nil
}

// Unstake implements types.MsgServer.
func (m msgServer) Unstake(ctx context.Context, msg *types.MsgUnstake) (*types.MsgUnstakeResponse, error) {
	owner, err := m.k.parseOwner(msg.Owner)
	if err != nil {
		return nil, err
	}
	id, err := m.k.Unstake(sdk.UnwrapSDKContext(ctx), owner, msg.PairingId, msg.Validator, msg.Amount)
	if err != nil {
		return nil, err
	}
	return &types.MsgUnstakeResponse{TxId: id}, nil
}

// WithdrawUnbonded implements types.MsgServer.
func (m msgServer) WithdrawUnbonded(ctx context.Context, msg *types.MsgWithdrawUnbonded) (*types.MsgWithdrawUnbondedResponse, error) {
	owner, err := m.k.parseOwner(msg.Owner)
	if err != nil {
		return nil, err
	}
	released, err := m.k.WithdrawUnbonded(sdk.UnwrapSDKContext(ctx), owner, msg.PairingId)
	if err != nil {
		return nil, err
	}
	return &types.MsgWithdrawUnbondedResponse{Released: released}, nil
}

// WithdrawRewards implements types.MsgServer.
func (m msgServer) WithdrawRewards(ctx context.Context, msg *types.MsgWithdrawRewards) (*types.MsgWithdrawRewardsResponse, error) {
	owner, err := m.k.parseOwner(msg.Owner)
	if err != nil {
		return nil, err
	}
	amount, id, err := m.k.WithdrawRewards(sdk.UnwrapSDKContext(ctx), owner, msg.PairingId, msg.Validator, msg.Recipient)
	if err != nil {
		return nil, err
	}
	return &types.MsgWithdrawRewardsResponse{Amount: amount, TxId: id}, nil
}

// UpdateParams implements types.MsgServer.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := m.k.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, m.k.Params.Set(ctx, msg.Params)
}
