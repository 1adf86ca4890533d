package testutil

import (
	"github.com/cometbft/cometbft/crypto/ed25519"
	cmttypes "github.com/cometbft/cometbft/types"

	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Validator is a validator the driver controls: its operator account (which signs staking and
// slashing transactions such as MsgUnjail) and its consensus key (with which the driver signs
// blocks and light-client headers).
type Validator struct {
	Operator   Account
	ConsSigner cmttypes.PrivValidator
	ConsPubKey cryptotypes.PubKey
}

// NewValidator creates a validator with fresh random operator and consensus keys.
func NewValidator() (Validator, error) {
	return validatorOf(cmttypes.NewMockPV(), NewAccount())
}

// SeededValidator derives a validator's operator and consensus keys from seed, so the same seed
// always gives the same validator.
func SeededValidator(seed string) (Validator, error) {
	consKey := ed25519.GenPrivKeyFromSecret([]byte(seed + "/consensus"))
	return validatorOf(cmttypes.NewMockPVWithParams(consKey, false, false), SeededAccount(seed+"/operator"))
}

func validatorOf(signer cmttypes.MockPV, operator Account) (Validator, error) {
	cmtKey, err := signer.GetPubKey()
	if err != nil {
		return Validator{}, err
	}
	pubKey, err := cryptocodec.FromCmtPubKeyInterface(cmtKey)
	if err != nil {
		return Validator{}, err
	}
	return Validator{Operator: operator, ConsSigner: signer, ConsPubKey: pubKey}, nil
}

// ValAddress returns the validator's operator address.
func (v Validator) ValAddress() sdk.ValAddress {
	return sdk.ValAddress(v.Operator.Address)
}

// ConsAddress returns the validator's consensus address, the key of its slashing records.
func (v Validator) ConsAddress() sdk.ConsAddress {
	return sdk.ConsAddress(v.ConsPubKey.Address())
}
