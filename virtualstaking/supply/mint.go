package supply

import (
	"context"

	"cosmossdk.io/math"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
)

// StakingSupply is what MintKeeper reads from x/staking.
type StakingSupply interface {
	// StakingTokenSupply is the bond denom's total supply.
	StakingTokenSupply(ctx context.Context) (math.Int, error)
	// TotalBondedTokens is the bonded pool's balance.
	TotalBondedTokens(ctx context.Context) (math.Int, error)
}

// MintKeeper is the staking keeper to build x/mint with. x/mint calls exactly StakingTokenSupply
// and BondedRatio; both leave virtual stake out, so inflation is what it would be without it.
type MintKeeper struct {
	staking StakingSupply
	virtual VirtualStake
}

var _ minttypes.StakingKeeper = MintKeeper{}

// NewMintKeeper decorates x/staking's keeper for x/mint.
func NewMintKeeper(staking StakingSupply, virtual VirtualStake) MintKeeper {
	return MintKeeper{staking: staking, virtual: virtual}
}

// StakingTokenSupply is the bond denom's supply less the outstanding virtual stake (never below
// zero).
func (k MintKeeper) StakingTokenSupply(ctx context.Context) (math.Int, error) {
	supply, err := k.staking.StakingTokenSupply(ctx)
	if err != nil {
		return math.Int{}, err
	}
	return subFloor(supply, outstanding(ctx, k.virtual)), nil
}

// BondedRatio is bonded tokens less virtual tokens on bonded validators, over StakingTokenSupply;
// zero when that supply is not positive, as x/staking's own ratio.
func (k MintKeeper) BondedRatio(ctx context.Context) (math.LegacyDec, error) {
	supply, err := k.StakingTokenSupply(ctx)
	if err != nil || !supply.IsPositive() {
		return math.LegacyZeroDec(), err
	}
	bonded, err := k.staking.TotalBondedTokens(ctx)
	if err != nil {
		return math.LegacyZeroDec(), err
	}
	return math.LegacyNewDecFromInt(subFloor(bonded, onBonded(ctx, k.virtual))).QuoInt(supply), nil
}

// subFloor is a − b, or zero when b exceeds a.
func subFloor(a, b math.Int) math.Int {
	if b.IsNil() {
		return a
	}
	if b.GTE(a) {
		return math.ZeroInt()
	}
	return a.Sub(b)
}
