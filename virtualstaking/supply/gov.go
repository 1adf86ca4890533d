package supply

import (
	"context"

	"cosmossdk.io/math"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// GovKeeper is the staking keeper to build x/gov with. Its tally reads bonded validators' tokens
// and shares, voters' delegations and the total bonded tokens; GovKeeper leaves the abstaining
// virtual stake out of the first and the last, so it neither votes through its validators nor
// dilutes the quorum. Pairings under the inherit policy report nothing abstaining, and their
// stake votes with its validators. Voters' delegations pass unchanged: virtual staking's accounts
// never vote.
type GovKeeper struct {
	govtypes.StakingKeeper
	virtual VirtualStake
}

var _ govtypes.StakingKeeper = GovKeeper{}

// NewGovKeeper decorates the staking keeper x/gov would be built with.
func NewGovKeeper(inner govtypes.StakingKeeper, virtual VirtualStake) GovKeeper {
	return GovKeeper{StakingKeeper: inner, virtual: virtual}
}

// IterateBondedValidatorsByPower hands fn each bonded validator with its tokens and delegator
// shares reduced by the abstaining virtual delegation. A validator left with no shares is skipped:
// the tally divides by them.
func (k GovKeeper) IterateBondedValidatorsByPower(ctx context.Context,
	fn func(index int64, validator stakingtypes.ValidatorI) (stop bool),
) error {
	return k.StakingKeeper.IterateBondedValidatorsByPower(ctx, func(index int64, validator stakingtypes.ValidatorI) bool {
		reduced, keep := k.withoutAbstaining(ctx, validator)
		if !keep {
			return false
		}
		return fn(index, reduced)
	})
}

// TotalBondedTokens is the bonded tokens less the abstaining virtual stake on bonded validators.
func (k GovKeeper) TotalBondedTokens(ctx context.Context) (math.Int, error) {
	total, err := k.StakingKeeper.TotalBondedTokens(ctx)
	if err != nil {
		return math.Int{}, err
	}
	sum := math.ZeroInt()
	err = k.StakingKeeper.IterateBondedValidatorsByPower(ctx, func(_ int64, validator stakingtypes.ValidatorI) bool {
		tokens, _ := k.abstainingOf(ctx, validator)
		sum = sum.Add(math.MinInt(tokens, validator.GetBondedTokens()))
		return false
	})
	if err != nil {
		return math.Int{}, err
	}
	return subFloor(total, sum), nil
}

// withoutAbstaining is the validator with the abstaining virtual stake taken out, and whether
// the tally should see it at all. x/staking hands out Validator values; any other kind passes
// unchanged.
func (k GovKeeper) withoutAbstaining(ctx context.Context, validator stakingtypes.ValidatorI) (stakingtypes.ValidatorI, bool) {
	tokens, shares := k.abstainingOf(ctx, validator)
	if tokens.IsZero() && shares.IsZero() {
		return validator, true
	}
	v, ok := validator.(stakingtypes.Validator)
	if !ok {
		return validator, true
	}
	v.Tokens = subFloor(v.Tokens, tokens)
	v.DelegatorShares = v.DelegatorShares.Sub(shares)
	if !v.DelegatorShares.IsPositive() {
		return nil, false
	}
	return v, true
}

// abstainingOf is the validator's abstaining virtual stake, zero when it cannot be read.
func (k GovKeeper) abstainingOf(ctx context.Context, validator stakingtypes.ValidatorI) (math.Int, math.LegacyDec) {
	val, err := k.ValidatorAddressCodec().StringToBytes(validator.GetOperator())
	if err != nil {
		logFallback(ctx, "validator address", err)
		return math.ZeroInt(), math.LegacyZeroDec()
	}
	return abstaining(ctx, k.virtual, val)
}
