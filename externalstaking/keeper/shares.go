package keeper

import (
	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// rewardScale scales the points per share of the rewards accumulator.
var rewardScale = math.NewIntWithDecimal(1, 18)

// maxShares and maxPointsPerShare are the bounds that keep the share and reward arithmetic
// inside the 256 bits an Int holds.
var (
	maxShares         = types.MaxValidatorShares
	maxPointsPerShare = types.MaxPointsPerShare
)

// newValidator returns a validator record with every figure set to zero.
func newValidator() types.Validator {
	z := math.ZeroInt()
	return types.Validator{Shares: z, Tokens: z, PointsPerShare: z, PointsLeftover: z}
}

// newPosition returns an empty position of generation gen.
func newPosition(gen uint64) types.Position {
	z := math.ZeroInt()
	return types.Position{Shares: z, UnstakingShares: z, PendingStake: z, Settled: z, RewardAlignment: z,
		Withdrawn: z, Generation: gen}
}

// tokensOf is what shares of v are worth: shares·tokens/total shares, rounded down.
func tokensOf(v types.Validator, shares math.Int) math.Int {
	if v.Shares.IsZero() || shares.IsZero() {
		return math.ZeroInt()
	}
	return shares.Mul(v.Tokens).Quo(v.Shares)
}

// sharesFor is how many shares tokens buy in v: one per token while nothing was slashed. It
// refuses with ErrOverflow a stake that would take the validator's shares to the bound.
func sharesFor(v types.Validator, tokens math.Int) (math.Int, error) {
	shares, err := buyShares(v, tokens)
	if err != nil {
		return math.Int{}, err
	}
	total, err := v.Shares.SafeAdd(shares)
	if err != nil || total.GTE(maxShares) || v.Tokens.Add(tokens).GTE(maxShares) {
		return math.Int{}, types.ErrOverflow.Wrapf("a stake of %s would take the validator to %s shares or more", tokens, maxShares)
	}
	return shares, nil
}

// buyShares is the unbounded count behind sharesFor, refused only when it does not fit an Int.
func buyShares(v types.Validator, tokens math.Int) (math.Int, error) {
	if tokens.GTE(maxShares) {
		return math.Int{}, types.ErrOverflow.Wrapf("a stake of %s reaches %s", tokens, maxShares)
	}
	if v.Shares.IsZero() {
		return tokens, nil
	}
	shares, err := tokens.SafeMul(v.Shares)
	if err != nil {
		return math.Int{}, types.ErrOverflow.Wrap(err.Error())
	}
	if v.Tokens.IsZero() {
		// Every token of v was slashed: the old shares are worth nothing, so the new stake takes
		// all but a rounding unit of the validator.
		return shares, nil
	}
	return shares.Quo(v.Tokens), nil
}

// sharesToCover is how many shares of v must go to take at least tokens out, capped at held.
func sharesToCover(v types.Validator, tokens, held math.Int) math.Int {
	if v.Tokens.IsZero() {
		return held
	}
	need := tokens.Mul(v.Shares).Add(v.Tokens).SubRaw(1).Quo(v.Tokens)
	return math.MinInt(need, held)
}

// addShares moves shares worth tokens into the position and the validator, keeping rewards
// earned so far where they are.
func addShares(v *types.Validator, pos *types.Position, shares, tokens math.Int) {
	v.Shares, v.Tokens = v.Shares.Add(shares), v.Tokens.Add(tokens)
	pos.Shares = pos.Shares.Add(shares)
	pos.RewardAlignment = pos.RewardAlignment.Sub(shares.Mul(v.PointsPerShare))
}

// removeShares takes shares out of the position and the validator and returns what they were
// worth.
func removeShares(v *types.Validator, pos *types.Position, shares math.Int) math.Int {
	worth := tokensOf(*v, shares)
	v.Shares, v.Tokens = v.Shares.Sub(shares), v.Tokens.Sub(worth)
	pos.Shares = pos.Shares.Sub(shares)
	pos.RewardAlignment = pos.RewardAlignment.Add(shares.Mul(v.PointsPerShare))
	return worth
}

// earned is the position's rewards not yet withdrawn or reserved.
func earned(v types.Validator, pos types.Position) math.Int {
	points := pos.Shares.Mul(v.PointsPerShare).Add(pos.RewardAlignment)
	total := points.Quo(rewardScale)
	if total.LTE(pos.Withdrawn) {
		return math.ZeroInt()
	}
	return total.Sub(pos.Withdrawn)
}

// isEmpty reports whether the position holds nothing at all.
func isEmpty(pos types.Position) bool {
	return pos.Shares.IsZero() && pos.PendingStake.IsZero() && len(pos.Unbondings) == 0 && pos.Settled.IsZero()
}
