package types

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
)

// PairingView is what virtual staking needs to know about one provider pairing of the converter.
type PairingView struct {
	// ID names the pairing.
	ID string
	// MaxCap is the most virtual stake, in local tokens, the pairing may back; zero means unwind.
	MaxCap math.Int
	// Closed is true once the pairing's channel or the authority closed it: unwind, send nothing.
	Closed bool
	// Abstain is true under the abstain governance policy (D9): the pairing's virtual stake is left
	// out of governance tallies.
	Abstain bool
}

// ConverterKeeper is what virtual staking needs from the converter, which owns every provider
// pairing, the requests received over IBC and the reporting queue towards the providers.
type ConverterKeeper interface {
	// Pairings lists every pairing virtual staking must serve, including closed ones that still
	// have requests or virtual stake to unwind.
	Pairings(ctx context.Context) ([]PairingView, error)
	// IterateTargets walks, in ascending validator order and starting after startAfter (empty for
	// the first), the validators with requests in the pairing, each with its aggregate request
	// converted to local tokens at the pairing's current price and discount (reference 6.3). It
	// stops when fn returns true. It returns convertertypes.ErrStalePrice, and calls fn for nothing,
	// while the pairing's price is stale.
	IterateTargets(ctx context.Context, pairingID, startAfter string, fn func(valoper string, local math.Int) (stop bool)) error
	// ReportValidatorChange queues a change of a local validator for every pairing's next
	// valset_update. It never fails.
	ReportValidatorChange(ctx context.Context, change convertertypes.ValidatorChange)
	// ReportSlash queues a slash of the pairing's virtual stake for its next valset_update. It never
	// fails; an unknown pairing is a no-op.
	ReportSlash(ctx context.Context, pairingID string, slash convertertypes.VirtualSlash)
	// DistributeRewards moves the rewards' sum in the bond denom from payer into the pairing's
	// reward reserve and queues them for the pairing's next distribute_batch.
	DistributeRewards(ctx context.Context, pairingID string, payer sdk.AccAddress, rewards []convertertypes.ValidatorReward) error
	// UnwindRequests queues an internal_unstake for up to limit recorded requests of a pairing capped
	// to zero (a closed pairing drops them without sending) and reports whether none are left.
	UnwindRequests(ctx context.Context, pairingID string, limit uint32) (done bool, err error)
	// EndValidatorRequests ends up to limit of the pairing's requests on a validator x/slashing
	// tombstoned or x/staking removed, queueing an internal_unstake for each, once every report of
	// the pairing was acknowledged by the provider (until then it ends nothing). It returns how many
	// ended and whether none are left.
	EndValidatorRequests(ctx context.Context, pairingID, valoper string, limit uint32) (ended uint32, done bool, err error)
}
