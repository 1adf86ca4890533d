package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

type msgServer struct{ k *Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the vault's Msg service.
func NewMsgServerImpl(k *Keeper) types.MsgServer { return msgServer{k: k} }

func (m msgServer) owner(addr string) (sdk.AccAddress, error) {
	bz, err := m.k.addressCodec.StringToBytes(addr)
	if err != nil || len(bz) == 0 {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "owner %q", addr)
	}
	return bz, nil
}

// Bond implements types.MsgServer.
func (m msgServer) Bond(ctx context.Context, msg *types.MsgBond) (*types.MsgBondResponse, error) {
	owner, err := m.owner(msg.Owner)
	if err != nil {
		return nil, err
	}
	return &types.MsgBondResponse{}, m.k.Bond(ctx, owner, msg.Amount)
}

// Unbond implements types.MsgServer.
func (m msgServer) Unbond(ctx context.Context, msg *types.MsgUnbond) (*types.MsgUnbondResponse, error) {
	owner, err := m.owner(msg.Owner)
	if err != nil {
		return nil, err
	}
	return &types.MsgUnbondResponse{}, m.k.Unbond(ctx, owner, msg.Amount)
}

// StakeLocal implements types.MsgServer.
func (m msgServer) StakeLocal(ctx context.Context, msg *types.MsgStakeLocal) (*types.MsgStakeLocalResponse, error) {
	owner, err := m.owner(msg.Owner)
	if err != nil {
		return nil, err
	}
	_, err = m.k.Stake(ctx, StakeRequest{
		Owner: owner, Holder: lienholder.HolderID{Kind: lienholder.KindLocal}, Amount: msg.Amount,
		Validator: msg.Validator,
	})
	if err != nil {
		return nil, err
	}
	return &types.MsgStakeLocalResponse{}, nil
}

// StakeRemote implements types.MsgServer.
func (m msgServer) StakeRemote(ctx context.Context, msg *types.MsgStakeRemote) (*types.MsgStakeRemoteResponse, error) {
	owner, err := m.owner(msg.Owner)
	if err != nil {
		return nil, err
	}
	holder, err := lienholder.ParseHolderID(msg.Holder)
	if err != nil {
		return nil, errorsmod.Wrap(types.ErrUnknownHolder, err.Error())
	}
	id, err := m.k.Stake(ctx, StakeRequest{
		Owner: owner, Holder: holder, Amount: msg.Amount, Validator: msg.Validator, Payload: msg.Payload,
	})
	if err != nil {
		return nil, err
	}
	return &types.MsgStakeRemoteResponse{PendingId: id}, nil
}

// UpdateParams implements types.MsgServer.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if msg.Authority != m.k.authority {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "expected %s, got %s", m.k.authority, msg.Authority)
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	if err := m.k.checkDenomChange(ctx, msg.Params.Denom); err != nil {
		return nil, err
	}
	if err := m.k.validateWithHolders(ctx, msg.Params); err != nil {
		return nil, err
	}
	if err := m.k.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// checkDenomChange refuses a new collateral denom while any collateral or lent amount exists,
// since the bonded tokens are of the old denom.
func (k *Keeper) checkDenomChange(ctx context.Context, denom string) error {
	current, err := k.GetParams(ctx)
	if err != nil || current.Denom == denom {
		return err
	}
	for _, empty := range []func(context.Context) (bool, error){k.noAccounts, k.nothingLent} {
		ok, err := empty(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return errorsmod.Wrap(types.ErrInvalidParams, "the collateral denom cannot change while collateral is bonded")
		}
	}
	return nil
}

func (k *Keeper) noAccounts(ctx context.Context) (bool, error) {
	it, err := k.Accounts.Iterate(ctx, nil)
	if err != nil {
		return false, err
	}
	defer it.Close()
	return !it.Valid(), nil
}

func (k *Keeper) nothingLent(ctx context.Context) (bool, error) {
	it, err := k.Lent.Iterate(ctx, nil)
	if err != nil {
		return false, err
	}
	defer it.Close()
	return !it.Valid(), nil
}
