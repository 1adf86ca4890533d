package meshapp

import (
	"context"
	"fmt"
	"sync"

	"github.com/cosmos/cosmos-sdk/runtime"

	capabilitykeeper "github.com/cosmos/ibc-go/modules/capability/keeper"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"

	"github.com/meshsecurity/mesh/converter"
	converterkeeper "github.com/meshsecurity/mesh/converter/keeper"
	convertertypes "github.com/meshsecurity/mesh/converter/types"
)

// buildConverter builds the converter, the consumer end of the Mesh Security channel. Until
// virtual staking is wired, the pairings it closes are handed to an UnwindRecorder.
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

// UnwindRecorder stands in for virtual staking behind the converter until virtual staking is
// wired into the app: it only records, in memory, the pairings the converter handed over for
// unwinding, so tests can check the hand-over.
type UnwindRecorder struct {
	mu      sync.Mutex
	unwound []string
}

var _ convertertypes.VirtualStakingKeeper = (*UnwindRecorder)(nil)

// UnwindPairing records the pairing.
func (r *UnwindRecorder) UnwindPairing(_ context.Context, pairingID string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.unwound = append(r.unwound, pairingID)
}

// Unwound returns the pairings handed over so far, in order.
func (r *UnwindRecorder) Unwound() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.unwound...)
}
