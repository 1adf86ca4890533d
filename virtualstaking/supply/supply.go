// Package supply keeps virtual stake out of what x/mint and, under the abstain policy, x/gov see
// of x/staking. Virtual stake is minted by virtual staking and delegated through x/staking; left
// alone it would lower inflation (x/mint reads it as supply and as bonded stake) and weigh in
// governance through its validators. MintKeeper and GovKeeper decorate the staking keeper those
// modules are built with, on the figures virtual staking reports through VirtualStake.
package supply

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// VirtualStake is what virtual staking reports about its stake.
type VirtualStake interface {
	// OutstandingVirtualStake is the live value of all virtual stake: delegations at their
	// validators' exchange rates plus unbonding entries, in the bond denom.
	OutstandingVirtualStake(ctx context.Context) (math.Int, error)
	// VirtualTokensOnBonded is the value of virtual delegations to bonded validators.
	VirtualTokensOnBonded(ctx context.Context) (math.Int, error)
	// AbstainingStake is the virtual delegation to val that governance must leave out (that of
	// pairings under the abstain policy): its value in tokens and its shares.
	AbstainingStake(ctx context.Context, val sdk.ValAddress) (tokens math.Int, shares math.LegacyDec, err error)
}
