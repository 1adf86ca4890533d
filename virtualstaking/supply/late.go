package supply

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// LateVirtualStake is a VirtualStake bound after the keepers that read it are built: x/mint and
// x/gov are built before virtual staking, which needs keepers built after them. Until Bind is
// called it reports no virtual stake, so the figures are x/staking's own.
type LateVirtualStake struct {
	bound VirtualStake
}

var _ VirtualStake = (*LateVirtualStake)(nil)

// Bind sets the VirtualStake every call is forwarded to.
func (l *LateVirtualStake) Bind(v VirtualStake) {
	l.bound = v
}

// OutstandingVirtualStake forwards to the bound VirtualStake; zero when none is bound.
func (l *LateVirtualStake) OutstandingVirtualStake(ctx context.Context) (math.Int, error) {
	if l.bound == nil {
		return math.ZeroInt(), nil
	}
	return l.bound.OutstandingVirtualStake(ctx)
}

// VirtualTokensOnBonded forwards to the bound VirtualStake; zero when none is bound.
func (l *LateVirtualStake) VirtualTokensOnBonded(ctx context.Context) (math.Int, error) {
	if l.bound == nil {
		return math.ZeroInt(), nil
	}
	return l.bound.VirtualTokensOnBonded(ctx)
}

// AbstainingStake forwards to the bound VirtualStake; zero when none is bound.
func (l *LateVirtualStake) AbstainingStake(ctx context.Context, val sdk.ValAddress) (math.Int, math.LegacyDec, error) {
	if l.bound == nil {
		return math.ZeroInt(), math.LegacyZeroDec(), nil
	}
	return l.bound.AbstainingStake(ctx, val)
}
