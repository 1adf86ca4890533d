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

// NewAccount creates an account with a fresh random secp256k1 key.
func NewAccount() Account {
	return accountOf(secp256k1.GenPrivKey())
}

// SeededAccount derives an account's secp256k1 key from seed, so the same seed always gives the
// same address. The driver seeds every chain's keys with the chain ID, which keeps anything that
// depends on addresses (store order, per-user schedules) the same from run to run.
func SeededAccount(seed string) Account {
	return accountOf(secp256k1.GenPrivKeyFromSecret([]byte(seed)))
}

func accountOf(key *secp256k1.PrivKey) Account {
	return Account{PrivKey: key, Address: sdk.AccAddress(key.PubKey().Address())}
}

// String returns the account's bech32 address.
func (a Account) String() string {
	return a.Address.String()
}
