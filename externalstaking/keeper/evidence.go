package keeper

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/evidence"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// SubmitConsumerDoubleSign verifies double-sign evidence of a consumer validator against the
// pairing's light client and applies it: the validator's cross-stake is slashed at the pairing's
// double-sign ratio and the validator is tombstoned, once per (validator, infraction height),
// whichever of this evidence or the consumer's own report comes first. It returns what the slash
// took from the validator's bonded cross-stake. Evidence that does not prove a double sign still
// punishable returns a registered error and changes nothing.
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
	if err := k.requireUnpunished(ctx, p.Id, msg.Validator, v, ev.InfractionHeight()); err != nil {
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

// requireUnpunished refuses evidence about a tombstoned validator or an infraction already
// slashed.
func (k *Keeper) requireUnpunished(ctx context.Context, pairing, name string, v types.Validator, height uint64) error {
	if v.Tombstoned {
		return types.ErrAlreadyPunished.Wrapf("%q is tombstoned", name)
	}
	seen, err := k.SlashedHeights.Has(ctx, collections.Join3(pairing, name, height))
	if err != nil {
		return err
	}
	if seen {
		return types.ErrAlreadyPunished.Wrapf("%q was slashed for height %d", name, height)
	}
	return nil
}

// applyDoubleSign slashes the validator at the pairing's double-sign ratio and tombstones it, as
// a consumer report of the same infraction with a tombstone would; it returns what the slash took.
func (k *Keeper) applyDoubleSign(ctx sdk.Context, p types.ConsumerPairing, name string, v types.Validator,
	inf evidence.Infraction,
) (math.Int, error) {
	before := v.Tokens
	if before.IsNil() {
		before = math.ZeroInt()
	}
	cut := p.DoubleSignRatio.MulInt(before).TruncateInt()
	v, err := k.slashValidator(ctx, p, name, v, inf.Height, inf.Time, p.DoubleSignRatio, cut, true)
	if err != nil {
		return math.Int{}, err
	}
	v.Tombstoned = true
	return before.Sub(v.Tokens), k.Validators.Set(ctx, collections.Join(p.Id, name), v)
}
