package lienholder

// Custody says whether a holder receives the tokens of its liens.
type Custody int

const (
	// Virtual holders receive no tokens: the lien is a promise backed by collateral that stays in
	// the vault (external staking, where the stake lives on another chain).
	Virtual Custody = iota + 1
	// Custodial holders receive each lien's tokens into their module account at once and return
	// them on release (local staking, which delegates them).
	Custodial
)

// String names the custody kind.
func (c Custody) String() string {
	switch c {
	case Virtual:
		return "virtual"
	case Custodial:
		return "custodial"
	default:
		return "unknown"
	}
}

// Valid reports whether c is one of the declared kinds.
func (c Custody) Valid() bool { return c == Virtual || c == Custodial }
