package keeper

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/evidence"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// SubmitConsumerDoubleSign verifies double-sign evidence of a consumer validator against the
// pairing's light client and applies it: the validator's cross-stake is slashed at the pairing's
// double-sign ratio and the validator is tombstoned, through ApplyInfraction as the consumer's
// own reports are, so the double-sign is applied once per validator whichever comes first. It
// returns what the slash took from the validator's bonded cross-stake. Evidence that does not
// prove a double sign still punishable returns a registered error and changes nothing.
func (k *Keeper) SubmitConsumerDoubleSign(ctx context.Context, msg *types.MsgSubmitConsumerDoubleSign) (math.Int, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	ev, err := types.DecodeDoubleSign(msg.VoteA, msg.VoteB, msg.Header)
	if err != nil {
		return math.Int{}, err
	}
	p, err := k.GetPairing(ctx, msg.PairingId)
	if err != nil {
		return math.Int{}, err
	}
	v, key, err := k.pinnedValidator(ctx, p.Id, msg.Validator)
	if err != nil {
		return math.Int{}, err
	}
	if err := requireUnpunished(msg.Validator, v); err != nil {
		return math.Int{}, err
	}
	client, err := k.evidenceClient(sdkCtx, p)
	if err != nil {
		return math.Int{}, err
	}
	inf, err := evidence.Verify(sdkCtx, client, key, p.EvidenceWindow, ev)
	if err != nil {
		return math.Int{}, err
	}
	slashed, err := k.applyDoubleSign(sdkCtx, p, msg.Validator, v, inf)
	if err != nil {
		return math.Int{}, err
	}
	return slashed, k.emit(ctx, &types.EventConsumerDoubleSign{
		Pairing: p.Id, Validator: msg.Validator, ConsensusAddress: hex.EncodeToString(inf.ConsAddress),
		InfractionHeight: inf.Height, InfractionTime: inf.Time, Submitter: msg.Submitter,
	})
}

// pinnedValidator returns a consumer validator and the consensus key pinned for it when the
// consumer first reported it.
func (k *Keeper) pinnedValidator(ctx context.Context, pairing, name string) (types.Validator, ed25519.PublicKey, error) {
	v, err := k.loadValidator(ctx, pairing, name)
	if err != nil {
		return v, nil, err
	}
	if v.PubKey == "" {
		return v, nil, types.ErrUnknownValidator.Wrapf("%q in pairing %q", name, pairing)
	}
	key, err := ibcproto.ConsensusPubKey(v.PubKey).Ed25519()
	if err != nil {
		return v, nil, types.ErrUnknownValidator.Wrapf("%q: %s", name, err)
	}
	return v, key, nil
}

// requireUnpunished refuses evidence about a validator already tombstoned: its double-sign is
// applied once, whichever report or evidence came first.
func requireUnpunished(name string, v types.Validator) error {
	if v.Tombstoned {
		return types.ErrAlreadyPunished.Wrapf("%q is tombstoned (double-sign at height %d)", name, v.TombstoneHeight)
	}
	return nil
}

// applyDoubleSign applies the proven double-sign through ApplyInfraction, the path consumer
// reports take too: the validator is slashed at the pairing's double-sign ratio and tombstoned.
// It returns what the slash took from the validator's bonded cross-stake.
func (k *Keeper) applyDoubleSign(ctx sdk.Context, p types.ConsumerPairing, name string, v types.Validator,
	inf evidence.Infraction,
) (math.Int, error) {
	if err := k.ApplyInfraction(ctx, p.Id, name, Infraction{Height: inf.Height, Time: inf.Time, DoubleSign: true}); err != nil {
		return math.Int{}, err
	}
	after, err := k.loadValidator(ctx, p.Id, name)
	if err != nil {
		return math.Int{}, err
	}
	return v.Tokens.Sub(after.Tokens), nil
}
