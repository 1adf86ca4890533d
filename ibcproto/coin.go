package ibcproto

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// Coin is the reference's cosmwasm Coin: a denom and an amount in [0, 2^128), written as
// {"denom":"…","amount":"…"}.
type Coin struct {
	Denom  string
	Amount sdkmath.Int
}

// NewCoin returns a coin of amount in denom.
func NewCoin(denom string, amount sdkmath.Int) Coin {
	return Coin{Denom: denom, Amount: amount}
}

// coinFields are the fields of a coin in the reference's order.
var coinFields = []string{"denom", "amount"}

// Validate refuses a coin that can never be right: an empty denom or an amount outside [0, 2^128).
func (c Coin) Validate() error {
	if c.Denom == "" {
		return errorsmod.Wrap(ErrInvalidPacket, "coin denom is empty")
	}
	return checkAmount(c.Amount)
}

// appendCoin appends the coin's JSON; the amount must have passed checkAmount.
func appendCoin(buf []byte, c Coin) []byte {
	buf = append(buf, '{')
	buf = appendKey(buf, "denom", true)
	buf = appendString(buf, c.Denom)
	buf = appendKey(buf, "amount", false)
	buf = appendAmount(buf, c.Amount)
	return append(buf, '}')
}

// decodeCoin reads a coin. cosmwasm's Coin does not deny unknown fields, so neither does this.
func decodeCoin(v *jsonValue, where string) (Coin, error) {
	fs, err := readObject(v, where, coinFields, ignoreUnknown)
	if err != nil {
		return Coin{}, err
	}
	denom, err := fs.str("denom")
	if err != nil {
		return Coin{}, err
	}
	raw, err := fs.required("amount")
	if err != nil {
		return Coin{}, err
	}
	amount, err := parseAmount(raw, fs.path("amount"))
	if err != nil {
		return Coin{}, err
	}
	return Coin{Denom: denom, Amount: amount}, nil
}
