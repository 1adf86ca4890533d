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
// stake votes with its validators.
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
// the tally divides by them. An error of virtual staking stops the walk and is returned.
func (k GovKeeper) IterateBondedValidatorsByPower(ctx context.Context,
	fn func(index int64, validator stakingtypes.ValidatorI) (stop bool),
) error {
	var virtualErr error
	err := k.StakingKeeper.IterateBondedValidatorsByPower(ctx, func(index int64, validator stakingtypes.ValidatorI) bool {
		reduced, keep, err := k.withoutAbstaining(ctx, validator)
		if err != nil {
			virtualErr = err
			return true
		}
		if !keep {
			return false
		}
		return fn(index, reduced)
	})
	if err != nil {
		return err
	}
	return virtualErr
}

// TotalBondedTokens is the bonded tokens less the abstaining virtual stake on bonded validators.
func (k GovKeeper) TotalBondedTokens(ctx context.Context) (math.Int, error) {
	total, err := k.StakingKeeper.TotalBondedTokens(ctx)
	if err != nil {
		return math.Int{}, err
	}
	abstaining := math.ZeroInt()
	var virtualErr error
	err = k.StakingKeeper.IterateBondedValidatorsByPower(ctx, func(_ int64, validator stakingtypes.ValidatorI) bool {
		tokens, _, err := k.abstaining(ctx, validator)
		if err != nil {
			virtualErr = err
			return true
		}
		abstaining = abstaining.Add(tokens)
		return false
	})
	if err == nil {
		err = virtualErr
	}
	if err != nil {
		return math.Int{}, err
	}
	return subFloor(total, abstaining), nil
}

// withoutAbstaining is the validator with the abstaining virtual stake taken out, and whether
// the tally should see it at all.
func (k GovKeeper) withoutAbstaining(ctx context.Context, validator stakingtypes.ValidatorI) (stakingtypes.ValidatorI, bool, error) {
	tokens, shares, err := k.abstaining(ctx, validator)
	if err != nil {
		return nil, false, err
	}
	if tokens.IsZero() && shares.IsZero() {
		return validator, true, nil
	}
	v, ok := validator.(stakingtypes.Validator)
	if !ok {
		return nil, false, ErrUnknownValidatorType
	}
	v.Tokens = subFloor(v.Tokens, tokens)
	v.DelegatorShares = v.DelegatorShares.Sub(shares)
	if !v.DelegatorShares.IsPositive() {
		return nil, false, nil
	}
	return v, true, nil
}

// abstaining asks virtual staking for the validator's abstaining stake, zero for nil answers.
func (k GovKeeper) abstaining(ctx context.Context, validator stakingtypes.ValidatorI) (math.Int, math.LegacyDec, error) {
	val, err := k.ValidatorAddressCodec().StringToBytes(validator.GetOperator())
	if err != nil {
		return math.Int{}, math.LegacyDec{}, err
	}
	tokens, shares, err := k.virtual.AbstainingStake(ctx, val)
	if err != nil {
		return math.Int{}, math.LegacyDec{}, err
	}
	if tokens.IsNil() {
		tokens = math.ZeroInt()
	}
	if shares.IsNil() {
		shares = math.LegacyZeroDec()
	}
	return tokens, shares, nil
}
