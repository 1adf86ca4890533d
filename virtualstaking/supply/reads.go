package supply

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/internal/safecall"
)

// The decorated keepers serve x/mint's begin-blocker and x/gov's end-blocker, where an error halts
// the chain. When virtual staking cannot answer (an error or a panic), they log it and count no
// virtual stake for that call: the figures are then x/staking's own, as on a chain without
// virtual staking, until the next call.

// outstanding is the outstanding virtual stake, zero when it cannot be read.
func outstanding(ctx context.Context, v VirtualStake) math.Int {
	return readInt(ctx, "outstanding virtual stake", v.OutstandingVirtualStake)
}

// onBonded is the virtual stake on bonded validators, zero when it cannot be read.
func onBonded(ctx context.Context, v VirtualStake) math.Int {
	return readInt(ctx, "virtual stake on bonded validators", v.VirtualTokensOnBonded)
}

// abstaining is val's abstaining virtual stake, zero when it cannot be read.
func abstaining(ctx context.Context, v VirtualStake, val sdk.ValAddress) (math.Int, math.LegacyDec) {
	tokens, shares := math.ZeroInt(), math.LegacyZeroDec()
	err := safecall.Run(ErrVirtualStake, "abstaining stake", func() error {
		t, s, err := v.AbstainingStake(ctx, val)
		if err == nil && !t.IsNil() && !s.IsNil() && !t.IsNegative() && !s.IsNegative() {
			tokens, shares = t, s
		}
		return err
	})
	if err != nil {
		logFallback(ctx, "abstaining stake", err)
		return math.ZeroInt(), math.LegacyZeroDec()
	}
	return tokens, shares
}

// readInt runs read, returning zero for an error, a panic, a nil or a negative answer.
func readInt(ctx context.Context, what string, read func(context.Context) (math.Int, error)) math.Int {
	value := math.ZeroInt()
	err := safecall.Run(ErrVirtualStake, what, func() error {
		v, err := read(ctx)
		if err == nil && !v.IsNil() && !v.IsNegative() {
			value = v
		}
		return err
	})
	if err != nil {
		logFallback(ctx, what, err)
		return math.ZeroInt()
	}
	return value
}

// logFallback logs that a read failed and no virtual stake is counted.
func logFallback(ctx context.Context, what string, err error) {
	sdk.UnwrapSDKContext(ctx).Logger().Error("virtual stake not counted", "read", what, "error", err)
}
