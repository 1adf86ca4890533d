package meshapp

import (
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/types/module"

	capabilitykeeper "github.com/cosmos/ibc-go/modules/capability/keeper"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"
	ibckeeper "github.com/cosmos/ibc-go/v8/modules/core/keeper"
)

// Option changes how New assembles the app. Options exist so that tests and chains derived from
// meshapp can plug in extra modules without editing this package.
type Option func(*options)

// options collects what the Option values asked for.
type options struct {
	ibcApps      []IBCApplication
	txGasMeterFn TxGasMeterWrapper
	stakingExts  []StakingExtension
}

// TxGasMeterWrapper receives the gas meter the ante handler created for a transaction and returns
// the meter the rest of the transaction (remaining ante decorators and every message) uses. A
// wrapper must charge exactly what the meter it wraps charges: it may observe, never price.
type TxGasMeterWrapper func(storetypes.GasMeter) storetypes.GasMeter

// IBCApplication describes an extra IBC application that New wires next to ICS-20: it gets its
// own capability scope, its port is routed to it, and its module joins the module manager at the
// end of every begin-block, end-block and genesis order.
type IBCApplication struct {
	// ModuleName names the application's capability scope and its module.
	ModuleName string
	// PortID is the port the application binds (usually in InitGenesis). The IBC router
	// dispatches it to the application under ModuleName, the owner of the port's capability.
	PortID string
	// StoreKeys lists persistent stores the application needs mounted; New creates them.
	StoreKeys []string
	// Build creates the application once the IBC keeper exists.
	Build func(deps IBCAppDeps) (porttypes.IBCModule, module.AppModule)
}

// IBCAppDeps are what an extra IBC application may use from the app.
type IBCAppDeps struct {
	// Codec is the app's binary and JSON codec.
	Codec codec.Codec
	// ScopedKeeper is the capability scope created for the application's module name.
	ScopedKeeper capabilitykeeper.ScopedKeeper
	// IBCKeeper gives access to the channel keeper (the ICS-4 wrapper) and the port keeper.
	IBCKeeper *ibckeeper.Keeper
	// StoreKeys holds the persistent stores requested in IBCApplication.StoreKeys, by name.
	StoreKeys map[string]*storetypes.KVStoreKey
}

// WithIBCApplication adds an extra IBC application to the app.
func WithIBCApplication(app IBCApplication) Option {
	return func(o *options) {
		o.ibcApps = append(o.ibcApps, app)
	}
}

// WithTxGasMeterWrapper installs wrap right after the ante handler sets up each transaction's gas
// meter. The test driver uses it to count the store reads and writes of a transaction next to
// its gas.
func WithTxGasMeterWrapper(wrap TxGasMeterWrapper) Option {
	return func(o *options) {
		o.txGasMeterFn = wrap
	}
}

// collectOptions applies the options in order.
func collectOptions(opts []Option) options {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// extraStoreNames returns the persistent stores the extra applications asked for.
func (o options) extraStoreNames() []string {
	var names []string
	for _, a := range o.ibcApps {
		names = append(names, a.StoreKeys...)
	}
	for _, e := range o.stakingExts {
		names = append(names, e.StoreKeys...)
	}
	return names
}
