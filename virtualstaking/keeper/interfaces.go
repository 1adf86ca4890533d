package keeper

import (
	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/virtualstaking/capture"
	"github.com/meshsecurity/mesh/virtualstaking/supply"
)

// What the event capture, the supply decorators and the converter need from virtual staking.
var (
	_ capture.VirtualStake                = (*Keeper)(nil)
	_ capture.SlashRecorder               = (*Keeper)(nil)
	_ supply.VirtualStake                 = (*Keeper)(nil)
	_ convertertypes.VirtualStakingKeeper = (*Keeper)(nil)
)
