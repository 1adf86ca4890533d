package keeper

import (
	"context"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// SubmitConsumerDoubleSign implements types.MsgServer: anyone may submit evidence, paying the
// transaction's gas.
func (m msgServer) SubmitConsumerDoubleSign(ctx context.Context, msg *types.MsgSubmitConsumerDoubleSign) (*types.MsgSubmitConsumerDoubleSignResponse, error) {
	if _, err := m.k.parseOwner(msg.Submitter); err != nil {
		return nil, err
	}
	slashed, err := m.k.SubmitConsumerDoubleSign(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgSubmitConsumerDoubleSignResponse{Slashed: slashed}, nil
}
