package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
)

// The stateless checks below run in CheckTx, so a malformed message is refused before it reaches
// a block. Whether the user has the stake, the validator exists or the proposal is open are
// decided by the keeper and the modules it calls.
var (
	_ sdk.HasValidateBasic = &MsgUnstake{}
	_ sdk.HasValidateBasic = &MsgRedelegate{}
	_ sdk.HasValidateBasic = &MsgWithdrawRewards{}
	_ sdk.HasValidateBasic = &MsgVote{}
	_ sdk.HasValidateBasic = &MsgVoteWeighted{}
	_ sdk.HasValidateBasic = &MsgReleaseUnbonded{}
	_ sdk.HasValidateBasic = &MsgRestake{}
	_ sdk.HasValidateBasic = &MsgUpdateParams{}
)

// ValidateBasic checks the addresses and that the amount is positive.
func (m *MsgUnstake) ValidateBasic() error {
	return checkStake(m.Owner, m.Validator, m.Amount)
}

// ValidateBasic checks the addresses, that the validators differ and that the amount is positive.
func (m *MsgRedelegate) ValidateBasic() error {
	if err := checkValidator("destination validator", m.DstValidator); err != nil {
		return err
	}
	if m.SrcValidator == m.DstValidator {
		return errorsmod.Wrapf(ErrSameValidator, "both are %s; name another destination", m.DstValidator)
	}
	return checkStake(m.Owner, m.SrcValidator, m.Amount)
}

// ValidateBasic checks the owner's address.
func (m *MsgWithdrawRewards) ValidateBasic() error { return checkOwner(m.Owner) }

// ValidateBasic checks the owner's address and the vote option.
func (m *MsgVote) ValidateBasic() error {
	if !govv1.ValidVoteOption(m.Option) {
		return errorsmod.Wrapf(ErrGovFailed, "option %s: vote yes, no, abstain or no-with-veto", m.Option)
	}
	return checkOwner(m.Owner)
}

// ValidateBasic checks the owner's address and that the options are valid and weigh 1 in total.
func (m *MsgVoteWeighted) ValidateBasic() error {
	if len(m.Options) == 0 {
		return errorsmod.Wrap(ErrGovFailed, "give at least one option")
	}
	total := math.LegacyZeroDec()
	seen := map[govv1.VoteOption]bool{}
	for i, o := range m.Options {
		if o == nil || !govv1.ValidWeightedVoteOption(*o) {
			return errorsmod.Wrapf(ErrGovFailed, "option %d: each option needs a vote and a weight in (0, 1]", i+1)
		}
		if seen[o.Option] {
			return errorsmod.Wrapf(ErrGovFailed, "option %s appears twice", o.Option)
		}
		seen[o.Option] = true
		weight, err := math.LegacyNewDecFromStr(o.Weight)
		if err != nil {
			return errorsmod.Wrapf(ErrGovFailed, "weight %q: %s", o.Weight, err)
		}
		total = total.Add(weight)
	}
	if !total.Equal(math.LegacyOneDec()) {
		return errorsmod.Wrapf(ErrGovFailed, "the weights add up to %s; they must add up to 1", total)
	}
	return checkOwner(m.Owner)
}

// ValidateBasic checks the owner's address.
func (m *MsgReleaseUnbonded) ValidateBasic() error { return checkOwner(m.Owner) }

// ValidateBasic checks the addresses and that the amount is positive.
func (m *MsgRestake) ValidateBasic() error {
	return checkStake(m.Owner, m.Validator, m.Amount)
}

// ValidateBasic checks the authority's address and the parameters' bounds.
func (m *MsgUpdateParams) ValidateBasic() error {
	if _, err := sdk.AccAddressFromBech32(m.Authority); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "authority %q: %s", m.Authority, err)
	}
	return m.Params.Validate()
}

// checkStake accepts a valid owner and validator and a positive amount of a valid denom.
func checkStake(owner, validator string, amount sdk.Coin) error {
	if err := checkValidator("validator", validator); err != nil {
		return err
	}
	if amount.Amount.IsNil() || !amount.Amount.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidAmount, "the amount must be positive, got %q", amount.String())
	}
	if err := sdk.ValidateDenom(amount.Denom); err != nil {
		return errorsmod.Wrapf(ErrInvalidAmount, "%q: %s", amount.String(), err)
	}
	return checkOwner(owner)
}

func checkOwner(owner string) error {
	if _, err := sdk.AccAddressFromBech32(owner); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "owner %q: %s", owner, err)
	}
	return nil
}

func checkValidator(role, validator string) error {
	if _, err := sdk.ValAddressFromBech32(validator); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s %q is not a validator operator address: %s", role, validator, err)
	}
	return nil
}
