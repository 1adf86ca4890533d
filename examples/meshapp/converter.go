package meshapp

import (
	"context"
	"fmt"
	"sync"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/runtime"

	capabilitykeeper "github.com/cosmos/ibc-go/modules/capability/keeper"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"

	"github.com/meshsecurity/mesh/converter"
	converterkeeper "github.com/meshsecurity/mesh/converter/keeper"
	convertertypes "github.com/meshsecurity/mesh/converter/types"
)

// buildConverter builds the converter, the consumer end of the Mesh Security channel. The pairings
// it closes are handed to virtual staking through an UnwindRecorder, which tests read.
func (app *MeshApp) buildConverter() error {
	app.ConverterUnwinds = &UnwindRecorder{}
	conv, err := converterkeeper.NewKeeper(converterkeeper.Config{
		Codec:          app.appCodec,
		StoreService:   runtime.NewKVStoreService(app.keys.kv[convertertypes.StoreKey]),
		Authority:      authority(),
		AccountKeeper:  app.AccountKeeper,
		BankKeeper:     app.BankKeeper,
		StakingKeeper:  app.StakingKeeper,
		VirtualStaking: app.ConverterUnwinds,
	})
	if err != nil {
		return fmt.Errorf("converter keeper: %w", err)
	}
	app.ConverterKeeper = conv
	return nil
}

// routeConverter binds the IBC keepers and the capability scope to the converter and routes its
// port (meshconsumer, bound by the module) to its IBC module by module name. Called by buildIBC
// before the router is sealed.
func (app *MeshApp) routeConverter(router *porttypes.Router, scoped capabilitykeeper.ScopedKeeper) {
	app.ScopedConverterKeeper = scoped
	app.ConverterKeeper.SetIBC(&converterkeeper.IBCKeepers{
		Channels:    app.IBCKeeper.ChannelKeeper,
		Connections: app.IBCKeeper.ConnectionKeeper,
		Clients:     app.IBCKeeper.ClientKeeper,
		Ports:       app.IBCKeeper.PortKeeper,
		Scoped:      scoped,
	})
	router.AddRoute(convertertypes.ModuleName, converter.NewIBCModule(app.ConverterKeeper))
}

// UnwindRecorder sits between the converter and virtual staking: it records, in memory, the
// pairings the converter hands over for unwinding, so tests can check the hand-over, and passes
// them on to virtual staking.
type UnwindRecorder struct {
	mu      sync.Mutex
	unwound []string
	forward convertertypes.VirtualStakingKeeper
}

var _ convertertypes.VirtualStakingKeeper = (*UnwindRecorder)(nil)

// UnwindPairing records the pairing and hands it to virtual staking.
func (r *UnwindRecorder) UnwindPairing(ctx context.Context, pairingID string) {
	r.mu.Lock()
	r.unwound = append(r.unwound, pairingID)
	r.mu.Unlock()
	if r.forward != nil {
		r.forward.UnwindPairing(ctx, pairingID)
	}
}

// SettleSlash passes the settled slash on to virtual staking.
func (r *UnwindRecorder) SettleSlash(ctx context.Context, pairingID, valoper string, local math.Int) {
	if r.forward != nil {
		r.forward.SettleSlash(ctx, pairingID, valoper, local)
	}
}

// Unwound returns the pairings handed over so far, in order.
func (r *UnwindRecorder) Unwound() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.unwound...)
}
