package keeper_test

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/localstaking/types"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// Block-level gas. baseapp runs pre-block, begin-block and end-block on one context per block
// whose gas meter is infinite: every store access is charged at the default KV gas config
// (storetypes.KVGasConfig), as in a transaction, but nothing enforces a limit and nothing
// reports the total. Transactions run on meters of their own. The probes below are modules
// placed in the module manager's begin- and end-block order that read that meter, so a
// benchmark sees what the real FinalizeBlock charged between two points of the order.

// Probe names: the first and last begin blocker, the first and last end blocker, and the end
// blockers around local staking and around the vault.
const (
	probeBeginStart = "gasprobe_begin_start"
	probeBeginEnd   = "gasprobe_begin_end"
	probeEndStart   = "gasprobe_end_start"
	probeLocalStart = "gasprobe_local_start"
	probeLocalEnd   = "gasprobe_local_end"
	probeVaultStart = "gasprobe_vault_start"
	probeVaultEnd   = "gasprobe_vault_end"
	probeEndEnd     = "gasprobe_end_end"
)

// blockGasLog holds, per height, the gas the block context had consumed at each probe.
type blockGasLog struct {
	marks map[int64]map[string]uint64
}

// blockCost is the block-level gas of one block.
type blockCost struct {
	// begin is the gas of every begin blocker.
	begin uint64
	// end is the gas of every end blocker.
	end uint64
	// local is the gas of local staking's end blocker alone.
	local uint64
	// vault is the gas of the vault's end blocker (its settlement crank) alone.
	vault uint64
}

// total is the gas of the block's begin and end blockers.
func (c blockCost) total() uint64 { return c.begin + c.end }

// gasProbe is a module with no state whose begin and end blockers record the block meter.
type gasProbe struct {
	name string
	log  *blockGasLog
}

// IsOnePerModuleType marks the probe as a module.
func (gasProbe) IsOnePerModuleType() {}

// IsAppModule marks the probe as a module.
func (gasProbe) IsAppModule() {}

// BeginBlock records the gas consumed so far in the block.
func (p gasProbe) BeginBlock(ctx context.Context) error { p.log.mark(ctx, p.name); return nil }

// EndBlock records the gas consumed so far in the block.
func (p gasProbe) EndBlock(ctx context.Context) error { p.log.mark(ctx, p.name); return nil }

func (l *blockGasLog) mark(ctx context.Context, name string) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	height := sdkCtx.BlockHeight()
	if l.marks[height] == nil {
		l.marks[height] = map[string]uint64{}
	}
	l.marks[height][name] = sdkCtx.GasMeter().GasConsumed()
}

// at returns the block-level gas of the block at height.
func (l *blockGasLog) at(height int64) blockCost {
	m := l.marks[height]
	return blockCost{
		begin: m[probeBeginEnd] - m[probeBeginStart],
		end:   m[probeEndEnd] - m[probeEndStart],
		local: m[probeLocalEnd] - m[probeLocalStart],
		vault: m[probeVaultEnd] - m[probeVaultStart],
	}
}

// installGasProbes adds the probes to the app's module manager: first and last in the
// begin-block order, and first, around local staking, around the vault and last in the end-block
// order.
func installGasProbes(app *meshapp.MeshApp) *blockGasLog {
	log := &blockGasLog{marks: map[int64]map[string]uint64{}}
	mm := app.ModuleManager
	for _, name := range []string{probeBeginStart, probeBeginEnd, probeEndStart, probeLocalStart, probeLocalEnd,
		probeVaultStart, probeVaultEnd, probeEndEnd} {
		mm.Modules[name] = gasProbe{name: name, log: log}
	}
	begin := append([]string{probeBeginStart}, mm.OrderBeginBlockers...)
	mm.OrderBeginBlockers = append(begin, probeBeginEnd)
	end := []string{probeEndStart}
	for _, name := range mm.OrderEndBlockers {
		switch name {
		case types.ModuleName:
			end = append(end, probeLocalStart, name, probeLocalEnd)
			continue
		case vaulttypes.ModuleName:
			end = append(end, probeVaultStart, name, probeVaultEnd)
			continue
		}
		end = append(end, name)
	}
	mm.OrderEndBlockers = append(end, probeEndEnd)
	return log
}
