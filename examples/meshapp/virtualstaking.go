package meshapp

import (
	"context"
	"fmt"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	virtualstakingkeeper "github.com/meshsecurity/mesh/virtualstaking/keeper"
	virtualstakingtypes "github.com/meshsecurity/mesh/virtualstaking/types"
)

// buildVirtualStaking builds virtual staking, which mints, delegates and burns virtual stake
// through raw x/staking keeper calls (its derived accounts sign nothing). The converter is bound
// later with SetConverter; until then its epochs do nothing.
func (app *MeshApp) buildVirtualStaking() error {
	vs, err := virtualstakingkeeper.NewKeeper(virtualstakingkeeper.Config{
		Codec:        app.appCodec,
		StoreService: runtime.NewKVStoreService(app.keys.kv[virtualstakingtypes.StoreKey]),
		Authority:    authority(),
		Bank:         app.BankKeeper,
		Staking:      app.StakingKeeper,
		Distribution: app.DistrKeeper,
		Slashing:     app.SlashingKeeper,
	})
	if err != nil {
		return fmt.Errorf("virtual staking keeper: %w", err)
	}
	app.VirtualStakingKeeper = vs
	app.virtualSlashes.keeper = vs
	return nil
}

// virtualSlashMeter is the staking keeper x/slashing slashes through: it measures each pairing's
// virtual stake on the validator before and after the slash (unbonding entries included) and
// records the difference as slashed virtual supply. It is bound to virtual staking after both are
// built, and never fails: a measurement that fails is skipped.
type virtualSlashMeter struct {
	slashingtypes.StakingKeeper
	keeper *virtualstakingkeeper.Keeper
}

// Slash measures and applies a slash.
func (m *virtualSlashMeter) Slash(ctx context.Context, cons sdk.ConsAddress, height, power int64, fraction math.LegacyDec) (math.Int, error) {
	before := m.values(ctx, cons)
	burned, err := m.StakingKeeper.Slash(ctx, cons, height, power, fraction)
	m.record(ctx, cons, before)
	return burned, err
}

// SlashWithInfractionReason measures and applies a slash.
func (m *virtualSlashMeter) SlashWithInfractionReason(ctx context.Context, cons sdk.ConsAddress, height, power int64,
	fraction math.LegacyDec, reason stakingtypes.Infraction,
) (math.Int, error) {
	before := m.values(ctx, cons)
	burned, err := m.StakingKeeper.SlashWithInfractionReason(ctx, cons, height, power, fraction, reason)
	m.record(ctx, cons, before)
	return burned, err
}

// values is each pairing's live virtual stake on the validator.
func (m *virtualSlashMeter) values(ctx context.Context, cons sdk.ConsAddress) map[string]math.Int {
	out := map[string]math.Int{}
	if m.keeper == nil {
		return out
	}
	val, err := m.StakingKeeper.ValidatorByConsAddr(ctx, cons)
	if err != nil || val == nil {
		return out
	}
	valAddr, err := sdk.ValAddressFromBech32(val.GetOperator())
	if err != nil {
		return out
	}
	values, err := m.keeper.PairingValues(ctx, valAddr)
	if err != nil {
		return out
	}
	for _, v := range values {
		out[v.PairingID] = v.Value
	}
	return out
}

// record records what each pairing lost.
func (m *virtualSlashMeter) record(ctx context.Context, cons sdk.ConsAddress, before map[string]math.Int) {
	after := m.values(ctx, cons)
	for id, was := range before {
		now, ok := after[id]
		if !ok {
			now = math.ZeroInt()
		}
		_ = m.keeper.RecordSlash(ctx, id, was.Sub(now))
	}
}
