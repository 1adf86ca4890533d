package scriptedconsumer

import (
	"time"

	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/types/module"

	capabilitykeeper "github.com/cosmos/ibc-go/modules/capability/keeper"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"
	ibckeeper "github.com/cosmos/ibc-go/v8/modules/core/keeper"

	"github.com/meshsecurity/mesh/examples/meshapp"
)

// Defaults of Config.
const (
	// DefaultModuleName names the module and its capability scope.
	DefaultModuleName = "scriptedconsumer"
	// DefaultPortID is the consumer port of the protocol.
	DefaultPortID = "meshconsumer"
	// DefaultCounterpartyPortID is the provider port OpenChannel connects to.
	DefaultCounterpartyPortID = "meshprovider"
	// DefaultPacketLifetime is how long after the sending block a consumer packet times out.
	DefaultPacketLifetime = time.Hour
)

// Codespace is the ABCI codespace of the errors of this package.
const Codespace = "scriptedconsumer"

// Errors of the test application.
var (
	// ErrNoChannel is returned when the application holds no capability for a channel.
	ErrNoChannel = errorsmod.Register(Codespace, 2, "no capability for channel")
	// ErrNotHeld is returned by Acknowledge for a packet that is not waiting for an ack.
	ErrNotHeld = errorsmod.Register(Codespace, 3, "packet is not waiting for an acknowledgement")
	// ErrHoldIsNoAck is returned by Acknowledge when asked to answer with Hold.
	ErrHoldIsNoAck = errorsmod.Register(Codespace, 4, "hold is not an acknowledgement")
)

// Config sets up a Consumer. Zero fields take the defaults above.
type Config struct {
	// ModuleName names the module and its capability scope; two consumers on one chain need
	// different names and ports.
	ModuleName string
	// PortID is the port the application binds at genesis.
	PortID string
	// CounterpartyPortID is the provider port OpenChannel proposes the channel to. The handshake
	// callbacks do not check it, as the reference consumer does not.
	CounterpartyPortID string
	// PacketLifetime is how long after the sending block a consumer packet times out.
	PacketLifetime time.Duration
	// Extensions are the protocol extensions offered in the channel version (none: plain 0.11.0).
	Extensions []string
	// Permissive makes INIT accept any order, hops and version (answering the proposal as is)
	// and ACK accept any counterparty version, so a test can reach the provider's refusals.
	Permissive bool
}

// withDefaults fills the zero fields.
func (c Config) withDefaults() Config {
	if c.ModuleName == "" {
		c.ModuleName = DefaultModuleName
	}
	if c.PortID == "" {
		c.PortID = DefaultPortID
	}
	if c.CounterpartyPortID == "" {
		c.CounterpartyPortID = DefaultCounterpartyPortID
	}
	if c.PacketLifetime == 0 {
		c.PacketLifetime = DefaultPacketLifetime
	}
	return c
}

// Consumer is one chain's instance of the application: its script (ack policy, packets to send,
// acks to write) and everything it observed. Build it with New and give its Application to the
// chain's app options.
type Consumer struct {
	cfg       Config
	scoped    capabilitykeeper.ScopedKeeper
	ibcKeeper *ibckeeper.Keeper

	policy   Policy
	next     []Answer
	offered  map[string][]string
	versions map[string]string
	channels []string
	closed   []string

	outbox   []outgoing
	releases []release
	received []Received
	sent     []Sent
	errs     []error
}

// New creates a consumer with cfg; its policy acknowledges every packet with success.
func New(cfg Config) *Consumer {
	return &Consumer{
		cfg:      cfg.withDefaults(),
		policy:   Always(Succeed()),
		offered:  map[string][]string{},
		versions: map[string]string{},
	}
}

// Config returns the consumer's configuration with defaults filled in.
func (c *Consumer) Config() Config { return c.cfg }

// Application describes the application to meshapp.New: pass it to meshapp.WithIBCApplication
// in the AppOptions of exactly one chain.
func (c *Consumer) Application() meshapp.IBCApplication {
	return meshapp.IBCApplication{
		ModuleName: c.cfg.ModuleName,
		PortID:     c.cfg.PortID,
		Build: func(deps meshapp.IBCAppDeps) (porttypes.IBCModule, module.AppModule) {
			c.scoped = deps.ScopedKeeper
			c.ibcKeeper = deps.IBCKeeper
			return IBCModule{consumer: c}, AppModule{consumer: c}
		},
	}
}

// Option returns the meshapp option that adds the application, for testutil.ChainConfig's
// AppOptions.
func (c *Consumer) Option() meshapp.Option {
	return meshapp.WithIBCApplication(c.Application())
}

// Channels returns the consumer's channel ids whose handshake completed on this side, in order.
func (c *Consumer) Channels() []string { return append([]string(nil), c.channels...) }

// Version returns the channel version in force on one of the consumer's channels, as stored at
// INIT and confirmed at ACK, and whether the channel completed its handshake on this side.
func (c *Consumer) Version(channelID string) (string, bool) {
	v, ok := c.versions[channelID]
	return v, ok
}

// Closed returns the consumer's channel ids that were closed, in order.
func (c *Consumer) Closed() []string { return append([]string(nil), c.closed...) }

// Errors returns what failed where the application cannot return an error (binding the port at
// genesis, sends and ack writes in EndBlock), in order.
func (c *Consumer) Errors() []error { return append([]error(nil), c.errs...) }
