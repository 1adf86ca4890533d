package types

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// The stateless checks below run in CheckTx, so a malformed message is refused before it reaches
// a block. Whether the pairing exists and the user holds enough is decided by the keeper.
var (
	_ sdk.HasValidateBasic = &MsgCreatePairing{}
	_ sdk.HasValidateBasic = &MsgUpdatePairing{}
	_ sdk.HasValidateBasic = &MsgPausePairing{}
	_ sdk.HasValidateBasic = &MsgClosePairing{}
	_ sdk.HasValidateBasic = &MsgReopenPairing{}
	_ sdk.HasValidateBasic = &MsgAbandonPendingTxs{}
	_ sdk.HasValidateBasic = &MsgUnstake{}
	_ sdk.HasValidateBasic = &MsgWithdrawUnbonded{}
	_ sdk.HasValidateBasic = &MsgWithdrawRewards{}
	_ sdk.HasValidateBasic = &MsgUpdateParams{}
)

// ValidateBasic checks the authority's address and the pairing's terms.
func (m *MsgCreatePairing) ValidateBasic() error {
	if err := checkAddress("authority", m.Authority); err != nil {
		return err
	}
	return m.Pairing.ValidateTerms()
}

// ValidateBasic checks the authority's address and the pairing's terms.
func (m *MsgUpdatePairing) ValidateBasic() error {
	if err := checkAddress("authority", m.Authority); err != nil {
		return err
	}
	return m.Pairing.ValidateTerms()
}

// ValidateBasic checks the authority's address and that a pairing is named.
func (m *MsgPausePairing) ValidateBasic() error {
	return checkAuthorityAndPairing(m.Authority, m.PairingId)
}

// ValidateBasic checks the authority's address and that a pairing is named.
func (m *MsgClosePairing) ValidateBasic() error {
	return checkAuthorityAndPairing(m.Authority, m.PairingId)
}

// ValidateBasic checks the authority's address and that a pairing is named.
func (m *MsgReopenPairing) ValidateBasic() error {
	return checkAuthorityAndPairing(m.Authority, m.PairingId)
}

// MaxAbandonBatch bounds the operations one MsgAbandonPendingTxs abandons.
const MaxAbandonBatch = 200

// ValidateBasic checks the authority's address, that a pairing is named and that the limit is
// between 1 and MaxAbandonBatch.
func (m *MsgAbandonPendingTxs) ValidateBasic() error {
	if err := checkAuthorityAndPairing(m.Authority, m.PairingId); err != nil {
		return err
	}
	if m.Limit == 0 || m.Limit > MaxAbandonBatch {
		return errorsmod.Wrapf(ErrInvalidAmount, "the limit must be from 1 to %d, got %d", MaxAbandonBatch, m.Limit)
	}
	return nil
}

// ValidateBasic checks the owner's address, that a pairing and a validator are named and that the
// amount is positive.
func (m *MsgUnstake) ValidateBasic() error {
	if err := checkOwnerAndPairing(m.Owner, m.PairingId); err != nil {
		return err
	}
	if m.Validator == "" {
		return errorsmod.Wrap(ErrInvalidAddress, "name the validator to unstake from")
	}
	if m.Amount.IsNil() || !m.Amount.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidAmount, "the amount must be positive, got %q", intString(m.Amount))
	}
	return nil
}

// ValidateBasic checks the owner's address and that a pairing is named.
func (m *MsgWithdrawUnbonded) ValidateBasic() error {
	return checkOwnerAndPairing(m.Owner, m.PairingId)
}

// ValidateBasic checks the owner's address and that a pairing, a validator and a recipient are
// named.
func (m *MsgWithdrawRewards) ValidateBasic() error {
	if err := checkOwnerAndPairing(m.Owner, m.PairingId); err != nil {
		return err
	}
	if m.Validator == "" || m.Recipient == "" {
		return errorsmod.Wrap(ErrInvalidAddress, "name the validator and the recipient on the consumer")
	}
	return nil
}

// ValidateBasic checks the authority's address and the parameters' bounds.
func (m *MsgUpdateParams) ValidateBasic() error {
	if err := checkAddress("authority", m.Authority); err != nil {
		return err
	}
	return m.Params.Validate()
}

func checkAddress(role, addr string) error {
	if _, err := sdk.AccAddressFromBech32(addr); err != nil {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s %q: %s", role, addr, err)
	}
	return nil
}

func checkAuthorityAndPairing(authority, pairing string) error {
	if err := checkAddress("authority", authority); err != nil {
		return err
	}
	return checkPairingID(pairing)
}

func checkOwnerAndPairing(owner, pairing string) error {
	if err := checkAddress("owner", owner); err != nil {
		return err
	}
	return checkPairingID(pairing)
}

func checkPairingID(id string) error {
	if !pairingIDPattern.MatchString(id) {
		return errorsmod.Wrapf(ErrUnknownPairing, "%q is not a pairing id", id)
	}
	return nil
}

func intString(i math.Int) string {
	if i.IsNil() {
		return "<nil>"
	}
	return i.String()
}
