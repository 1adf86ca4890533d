package types

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
)

// The stateless checks below run in CheckTx, so a malformed message is refused before it reaches
// a block. Whether the denom is the collateral denom and whether the user has enough are decided
// by the keeper.
var (
	_ sdk.HasValidateBasic = &MsgBond{}
	_ sdk.HasValidateBasic = &MsgUnbond{}
	_ sdk.HasValidateBasic = &MsgStakeLocal{}
	_ sdk.HasValidateBasic = &MsgStakeRemote{}
	_ sdk.HasValidateBasic = &MsgUpdateParams{}
)

// ValidateBasic checks the owner's address and that the amount is positive.
func (m *MsgBond) ValidateBasic() error {
	return checkOwnerAndAmount(m.Owner, m.Amount)
}

// ValidateBasic checks the owner's address and that the amount is positive.
func (m *MsgUnbond) ValidateBasic() error {
	return checkOwnerAndAmount(m.Owner, m.Amount)
}

// ValidateBasic checks the owner's and validator's addresses and that the amount is positive.
func (m *MsgStakeLocal) ValidateBasic() error {
	if _, err := sdk.ValAddressFromBech32(m.Validator); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "validator %q is not a validator operator address: %s", m.Validator, err)
	}
	return checkOwnerAndAmount(m.Owner, m.Amount)
}

// ValidateBasic checks the owner's address, the holder's name, that a validator is named and that
// the amount is positive.
func (m *MsgStakeRemote) ValidateBasic() error {
	if _, err := lienholder.ParseHolderID(m.Holder); err != nil {
		return errorsmod.Wrapf(ErrUnknownHolder, "holder %q: %s", m.Holder, err)
	}
	if m.Validator == "" {
		return errorsmod.Wrap(ErrInvalidAddress, "name the validator to stake with")
	}
	return checkOwnerAndAmount(m.Owner, m.Amount)
}

// ValidateBasic checks the authority's address and the parameters' bounds.
func (m *MsgUpdateParams) ValidateBasic() error {
	if _, err := sdk.AccAddressFromBech32(m.Authority); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "authority %q: %s", m.Authority, err)
	}
	return m.Params.Validate()
}

// checkOwnerAndAmount accepts a valid owner address and a positive amount of a valid denom.
func checkOwnerAndAmount(owner string, amount sdk.Coin) error {
	if _, err := sdk.AccAddressFromBech32(owner); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "owner %q: %s", owner, err)
	}
	return CheckAmount(amount)
}

// CheckAmount accepts a positive amount of a valid denom, such as 100stake.
func CheckAmount(amount sdk.Coin) error {
	if amount.Amount.IsNil() || !amount.Amount.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidAmount, "the amount must be positive, got %q", amount.String())
	}
	if err := sdk.ValidateDenom(amount.Denom); err != nil {
		return errorsmod.Wrapf(ErrInvalidAmount, "%q: %s", amount.String(), err)
	}
	return nil
}
