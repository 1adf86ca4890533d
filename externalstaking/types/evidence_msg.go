package types

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

var _ sdk.HasValidateBasic = &MsgSubmitConsumerDoubleSign{}

// ValidateBasic checks the submitter's address, that a pairing and a validator are named, and the
// evidence's form: two conflicting votes and a well-formed header at their height. Signatures,
// keys and the light client are checked by the keeper.
func (m *MsgSubmitConsumerDoubleSign) ValidateBasic() error {
	if err := checkAddress("submitter", m.Submitter); err != nil {
		return err
	}
	if err := checkPairingID(m.PairingId); err != nil {
		return err
	}
	if m.Validator == "" {
		return errorsmod.Wrap(ErrUnknownValidator, "name the consumer validator")
	}
	_, err := DecodeDoubleSign(m.VoteA, m.VoteB, m.Header)
	return err
}
