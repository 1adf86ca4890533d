package meshapp

import (
	"fmt"

	"cosmossdk.io/log"

	"github.com/cosmos/cosmos-sdk/runtime"

	"github.com/meshsecurity/mesh/virtualstaking/capture"
	virtualstakingkeeper "github.com/meshsecurity/mesh/virtualstaking/keeper"
	"github.com/meshsecurity/mesh/virtualstaking/supply"
	virtualstakingtypes "github.com/meshsecurity/mesh/virtualstaking/types"
)

// buildVirtualStakingEvents builds, right after x/staking, what must exist before x/slashing,
// x/mint and x/gov: the event capture (whose decorator x/slashing slashes through) and the late
// figures x/mint's and x/gov's decorated keepers read. Both are bound to virtual staking once it is
// built.
func (app *MeshApp) buildVirtualStakingEvents(logger log.Logger) error {
	events, err := capture.NewKeeper(capture.Config{
		StoreService:          runtime.NewKVStoreService(app.keys.kv[virtualstakingtypes.StoreKey]),
		StakingKeeper:         app.StakingKeeper,
		ValidatorAddressCodec: app.StakingKeeper.ValidatorAddressCodec(),
		Logger:                logger,
	})
	if err != nil {
		return fmt.Errorf("virtual staking event capture: %w", err)
	}
	app.VirtualStakingEvents = events
	app.virtualSupply = &supply.LateVirtualStake{}
	return nil
}

// buildVirtualStaking builds virtual staking, which mints, delegates and burns virtual stake
// through raw x/staking keeper calls (its derived accounts sign nothing), and binds the event
// capture and the supply figures to it. The app binds its converter right after building it, with
// SetVirtualStakingConverter; until then its epochs do nothing and captured events stay queued.
func (app *MeshApp) buildVirtualStaking() error {
	vs, err := virtualstakingkeeper.NewKeeper(virtualstakingkeeper.Config{
		Codec:        app.appCodec,
		StoreService: runtime.NewKVStoreService(app.keys.kv[virtualstakingtypes.StoreKey]),
		Authority:    authority(),
		Bank:         app.BankKeeper,
		Staking:      app.StakingKeeper,
		Distribution: app.DistrKeeper,
		Slashing:     app.SlashingKeeper,
		Events:       app.VirtualStakingEvents,
	})
	if err != nil {
		return fmt.Errorf("virtual staking keeper: %w", err)
	}
	app.VirtualStakingKeeper = vs
	app.VirtualStakingEvents.SetVirtualStake(vs)
	app.VirtualStakingEvents.SetTombstoneChecker(app.SlashingKeeper)
	app.virtualSupply.Bind(vs)
	return nil
}

// SetVirtualStakingConverter binds the converter to virtual staking (requests, rewards, unwinds)
// and to the event capture (validator changes and slashes to report). The app binds its own
// converter; tests may rebind a stand-in.
func (app *MeshApp) SetVirtualStakingConverter(c virtualstakingtypes.ConverterKeeper) {
	app.VirtualStakingKeeper.SetConverter(c)
	app.VirtualStakingEvents.SetReporter(c)
}
