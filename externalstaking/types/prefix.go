package types

import (
	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/cosmos-sdk/types/bech32"
)

// CheckRecipient refuses an address that is not a bech32 account address of the consumer: the
// consumer could pay nobody else, so a wrong one is refused before anything is reserved.
func (p ConsumerPairing) CheckRecipient(addr string) error {
	return checkPrefix(addr, p.AccountPrefix, "recipient")
}

// CheckValoper refuses an address that is not a bech32 operator address of the consumer.
func (p ConsumerPairing) CheckValoper(addr string) error {
	return checkPrefix(addr, p.ValoperPrefix, "validator")
}

// checkPrefix refuses addr unless it decodes as bech32 with the given prefix.
func checkPrefix(addr, prefix, what string) error {
	hrp, bz, err := bech32.DecodeAndConvert(addr)
	if err != nil || hrp != prefix || len(bz) == 0 {
		return errorsmod.Wrapf(ErrInvalidAddress, "%s %q is not a %s address of the consumer", what, addr, prefix)
	}
	return nil
}
