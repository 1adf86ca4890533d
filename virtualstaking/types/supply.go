package types

import "cosmossdk.io/math"

// NewPairingSupply is the supply of a pairing that has minted nothing yet.
func NewPairingSupply() PairingSupply {
	return PairingSupply{Minted: math.ZeroInt(), Burned: math.ZeroInt(), Slashed: math.ZeroInt(), Targeted: math.ZeroInt(), Allowed: math.ZeroInt(),
		Rounded: math.ZeroInt()}
}

// Outstanding is minted minus burned, slashed and rounded: the pairing's virtual tokens still
// delegated or unbonding.
func (s PairingSupply) Outstanding() math.Int {
	rounded := s.Rounded
	if rounded.IsNil() {
		rounded = math.ZeroInt()
	}
	return s.Minted.Sub(s.Burned).Sub(s.Slashed).Sub(rounded)
}
