package testutil

import (
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Account is a key pair with its address, able to sign transactions on a test chain.
type Account struct {
	PrivKey cryptotypes.PrivKey
	Address sdk.AccAddress
}

// NewAccount creates an account with a fresh secp256k1 key.
func NewAccount() Account {
	key := secp256k1.GenPrivKey()
	return Account{PrivKey: key, Address: sdk.AccAddress(key.PubKey().Address())}
}

// String returns the account's bech32 address.
func (a Account) String() string {
	return a.Address.String()
}
