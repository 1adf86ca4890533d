package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// msgServer implements types.MsgServer. Each Msg acts on the signer's own account only: the
// owner field is the signer, and the account is looked up from it.
type msgServer struct{ k *Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the Msg server over the keeper.
func NewMsgServerImpl(k *Keeper) types.MsgServer { return msgServer{k: k} }

func (m msgServer) owner(s string) (sdk.AccAddress, error) {
	bz, err := m.k.addressCodec.StringToBytes(s)
	if err != nil || len(bz) == 0 {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "owner %q", s)
	}
	return bz, nil
}

func (m msgServer) validator(s string) (sdk.ValAddress, error) {
	bz, err := m.k.valCodec.StringToBytes(s)
	if err != nil || len(bz) == 0 {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "validator %q", s)
	}
	return bz, nil
}

func (m msgServer) ownerAndValidator(owner, val string) (sdk.AccAddress, sdk.ValAddress, error) {
	o, err := m.owner(owner)
	if err != nil {
		return nil, nil, err
	}
	v, err := m.validator(val)
	return o, v, err
}

// Unstake implements types.MsgServer.
func (m msgServer) Unstake(ctx context.Context, msg *types.MsgUnstake) (*types.MsgUnstakeResponse, error) {
	owner, val, err := m.ownerAndValidator(msg.Owner, msg.Validator)
	if err != nil {
		return nil, err
	}
	due, instant, err := m.k.Unstake(ctx, owner, val, msg.Amount)
	if err != nil {
		return nil, err
	}
	return &types.MsgUnstakeResponse{DueTime: due, Instant: instant}, nil
}

// Redelegate implements types.MsgServer.
func (m msgServer) Redelegate(ctx context.Context, msg *types.MsgRedelegate) (*types.MsgRedelegateResponse, error) {
	owner, src, err := m.ownerAndValidator(msg.Owner, msg.SrcValidator)
	if err != nil {
		return nil, err
	}
	dst, err := m.validator(msg.DstValidator)
	if err != nil {
		return nil, err
	}
	done, err := m.k.Redelegate(ctx, owner, src, dst, msg.Amount)
	if err != nil {
		return nil, err
	}
	return &types.MsgRedelegateResponse{CompletionTime: done}, nil
}

// WithdrawRewards implements types.MsgServer.
func (m msgServer) WithdrawRewards(ctx context.Context, msg *types.MsgWithdrawRewards) (*types.MsgWithdrawRewardsResponse, error) {
	owner, err := m.owner(msg.Owner)
	if err != nil {
		return nil, err
	}
	paid, err := m.k.WithdrawRewards(ctx, owner)
	if err != nil {
		return nil, err
	}
	return &types.MsgWithdrawRewardsResponse{Amount: paid}, nil
}

// Vote implements types.MsgServer.
func (m msgServer) Vote(ctx context.Context, msg *types.MsgVote) (*types.MsgVoteResponse, error) {
	owner, err := m.owner(msg.Owner)
	if err != nil {
		return nil, err
	}
	if err := m.k.Vote(ctx, owner, msg.ProposalId, msg.Option, msg.Metadata); err != nil {
		return nil, err
	}
	return &types.MsgVoteResponse{}, nil
}

// VoteWeighted implements types.MsgServer.
func (m msgServer) VoteWeighted(ctx context.Context, msg *types.MsgVoteWeighted) (*types.MsgVoteWeightedResponse, error) {
	owner, err := m.owner(msg.Owner)
	if err != nil {
		return nil, err
	}
	if err := m.k.VoteWeighted(ctx, owner, msg.ProposalId, msg.Options, msg.Metadata); err != nil {
		return nil, err
	}
	return &types.MsgVoteWeightedResponse{}, nil
}

// ReleaseUnbonded implements types.MsgServer.
func (m msgServer) ReleaseUnbonded(ctx context.Context, msg *types.MsgReleaseUnbonded) (*types.MsgReleaseUnbondedResponse, error) {
	owner, err := m.owner(msg.Owner)
	if err != nil {
		return nil, err
	}
	released, err := m.k.ReleaseUnbonded(ctx, owner)
	if err != nil {
		return nil, err
	}
	coin, err := m.k.bondCoin(ctx, released)
	if err != nil {
		return nil, err
	}
	return &types.MsgReleaseUnbondedResponse{Released: coin}, nil
}

// Restake implements types.MsgServer.
func (m msgServer) Restake(ctx context.Context, msg *types.MsgRestake) (*types.MsgRestakeResponse, error) {
	owner, val, err := m.ownerAndValidator(msg.Owner, msg.Validator)
	if err != nil {
		return nil, err
	}
	moved, err := m.k.Restake(ctx, owner, val, msg.Amount)
	if err != nil {
		return nil, err
	}
	coin, err := m.k.bondCoin(ctx, moved)
	if err != nil {
		return nil, err
	}
	return &types.MsgRestakeResponse{Restaked: coin}, nil
}

// UpdateParams implements types.MsgServer.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if msg.Authority != m.k.authority {
		return nil, errorsmod.Wrapf(types.ErrUnauthorized, "expected %s, got %s", m.k.authority, msg.Authority)
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	if err := m.k.checkVaultDenom(ctx); err != nil {
		return nil, err
	}
	if err := m.k.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}
