// Package evidence verifies double-sign evidence of a consumer validator on the provider, against
// the provider's own 07-tendermint light client of the consumer, so that a consumer that stays
// silent about its validators' misbehaviour cannot shield them.
package evidence

import (
	"bytes"
	"crypto/ed25519"
	"time"

	errorsmod "cosmossdk.io/errors"
	storetypes "cosmossdk.io/store/types"
	cmted25519 "github.com/cometbft/cometbft/crypto/ed25519"
	cmttypes "github.com/cometbft/cometbft/types"
	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// Client is the light client evidence is verified against: its state, its store (only read) and
// the codec its consensus states are stored with.
type Client struct {
	State *ibctm.ClientState
	Store storetypes.KVStore
	Codec codec.BinaryCodec
}

// Infraction is what verified evidence proves: the validator whose consensus key signed both
// votes double-signed at Height, in the consumer block of time Time.
type Infraction struct {
	Height      uint64
	Time        time.Time
	ConsAddress []byte
}

// Verify checks that ev proves a double sign by the validator whose pinned consensus key is key:
// both votes are by that key and their signatures verify for the client's chain id; the header
// is of that chain, lists the validator with that key in its validator set, lies within window
// of the block time (a zero window, or one longer than the client's trusting period, means the
// trusting period), and verifies read-only against the client from a stored consensus state
// inside the trusting period. Each failure is a registered error; nothing is written.
func Verify(ctx sdk.Context, c Client, key ed25519.PublicKey, window time.Duration, ev types.DoubleSign) (Infraction, error) {
	if len(key) != ed25519.PublicKeySize {
		return Infraction{}, errorsmod.Wrapf(types.ErrUnknownValidator, "pinned key has %d bytes", len(key))
	}
	pub := cmted25519.PubKey(key)
	chainID := c.State.ChainId
	if err := checkVotes(chainID, pub, ev); err != nil {
		return Infraction{}, err
	}
	if err := checkHeader(chainID, pub, ev.Header); err != nil {
		return Infraction{}, err
	}
	when := ev.Header.GetTime()
	if limit := EffectiveWindow(c.State, window); ctx.BlockTime().Sub(when) > limit {
		return Infraction{}, errorsmod.Wrapf(types.ErrEvidenceExpired, "infraction at %s, window %s ends before %s",
			when.UTC().Format(time.RFC3339), limit, ctx.BlockTime().UTC().Format(time.RFC3339))
	}
	if err := c.State.VerifyClientMessage(ctx, c.Codec, c.Store, ev.Header); err != nil {
		return Infraction{}, errorsmod.Wrap(types.ErrHeaderNotVerified, err.Error())
	}
	return Infraction{Height: ev.InfractionHeight(), Time: when.UTC(), ConsAddress: pub.Address()}, nil
}

// EffectiveWindow is how old an infraction may be: the pairing's window, capped at the client's
// trusting period (which a zero window means).
func EffectiveWindow(client *ibctm.ClientState, window time.Duration) time.Duration {
	if window <= 0 || window > client.TrustingPeriod {
		return client.TrustingPeriod
	}
	return window
}

// checkVotes requires both votes to be by pub and signed for chainID.
func checkVotes(chainID string, pub cmted25519.PubKey, ev types.DoubleSign) error {
	if !bytes.Equal(ev.VoteA.ValidatorAddress, pub.Address()) {
		return errorsmod.Wrapf(types.ErrWrongValidator, "votes by %s, pinned key has address %s",
			ev.VoteA.ValidatorAddress, pub.Address())
	}
	for i, v := range []*cmttypes.Vote{ev.VoteA, ev.VoteB} {
		if !pub.VerifySignature(cmttypes.VoteSignBytes(chainID, v.ToProto()), v.Signature) {
			return errorsmod.Wrapf(types.ErrInvalidVoteSignature, "vote %c for chain %q", 'a'+i, chainID)
		}
	}
	return nil
}

// checkHeader requires the header to be of chainID and to list pub in its validator set.
func checkHeader(chainID string, pub cmted25519.PubKey, h *ibctm.Header) error {
	if got := h.Header.ChainID; got != chainID {
		return errorsmod.Wrapf(types.ErrWrongChainID, "header of %q, client tracks %q", got, chainID)
	}
	set, err := cmttypes.ValidatorSetFromProto(h.ValidatorSet)
	if err != nil {
		return errorsmod.Wrapf(types.ErrInvalidEvidence, "header validator set: %s", err)
	}
	_, member := set.GetByAddress(pub.Address())
	if member == nil || !member.PubKey.Equals(pub) {
		return errorsmod.Wrapf(types.ErrNotInValidatorSet, "%s at height %d", pub.Address(), h.Header.Height)
	}
	return nil
}
