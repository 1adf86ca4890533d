package types

import "cosmossdk.io/math"

// NewPairingSupply is the supply of a pairing that has minted nothing yet.
func NewPairingSupply() PairingSupply {
	return PairingSupply{Minted: math.ZeroInt(), Burned: math.ZeroInt(), Slashed: math.ZeroInt(), Targeted: math.ZeroInt(), Allowed: math.ZeroInt()}
}

// Outstanding is minted minus burned minus slashed: the pairing's virtual tokens still delegated or
// unbonding.
func (s PairingSupply) Outstanding() math.Int {
	return s.Minted.Sub(s.Burned).Sub(s.Slashed)
}
