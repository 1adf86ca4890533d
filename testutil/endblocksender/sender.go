// Package endblocksender is a test-only IBC application that sends packets from EndBlock, so
// tests can check that the block driver sees and relays packets emitted outside transactions.
// It keeps its queue and what it observed in memory, which is fine for a test and wrong for a
// real chain; production apps never include it.
package endblocksender

import (
	"time"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	capabilitykeeper "github.com/cosmos/ibc-go/modules/capability/keeper"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"
	ibckeeper "github.com/cosmos/ibc-go/v8/modules/core/keeper"

	"github.com/meshsecurity/mesh/examples/meshapp"
)

const (
	// ModuleName names the module and its capability scope.
	ModuleName = "endblocksender"
	// PortID is the port the module binds at genesis.
	PortID = "endblocksender"
	// Version is the only channel version the module accepts.
	Version = "endblocksender-1"
	// PacketLifetime is how long after sending a packet times out.
	PacketLifetime = time.Hour
)

// Errors of the test module.
var (
	ErrInvalidVersion = errorsmod.Register(ModuleName, 2, "invalid channel version")
	ErrNoChannel      = errorsmod.Register(ModuleName, 3, "no capability for channel")
)

// outgoing is a packet waiting for the next EndBlock.
type outgoing struct {
	channelID string
	data      []byte
}

// Sender is one chain's instance of the module: the queue of packets to send at the next
// EndBlock and what the module has received, had acknowledged and had time out.
type Sender struct {
	scoped    capabilitykeeper.ScopedKeeper
	ibcKeeper *ibckeeper.Keeper

	queue        []outgoing
	sendErrors   []error
	received     [][]byte
	acknowledged [][]byte
	timedOut     [][]byte
}

// New creates a module instance; give its Application to one chain's app options.
func New() *Sender {
	return &Sender{}
}

// Application describes the module to meshapp.New.
func (s *Sender) Application() meshapp.IBCApplication {
	return meshapp.IBCApplication{
		ModuleName: ModuleName,
		PortID:     PortID,
		Build: func(deps meshapp.IBCAppDeps) (porttypes.IBCModule, module.AppModule) {
			s.scoped = deps.ScopedKeeper
			s.ibcKeeper = deps.IBCKeeper
			return IBCModule{sender: s}, AppModule{sender: s}
		},
	}
}

// Queue asks the module to send data on channelID at the next EndBlock.
func (s *Sender) Queue(channelID string, data []byte) {
	s.queue = append(s.queue, outgoing{channelID: channelID, data: data})
}

// Received returns the data of every packet the module received.
func (s *Sender) Received() [][]byte { return s.received }

// Acknowledged returns the acknowledgements the module got for packets it sent.
func (s *Sender) Acknowledged() [][]byte { return s.acknowledged }

// TimedOut returns the data of packets the module sent that timed out.
func (s *Sender) TimedOut() [][]byte { return s.timedOut }

// SendErrors returns the errors of sends that failed in EndBlock.
func (s *Sender) SendErrors() []error { return s.sendErrors }

// flush sends every queued packet. A failed send is recorded and dropped, never returned, so
// EndBlock cannot fail.
func (s *Sender) flush(ctx sdk.Context) {
	queue := s.queue
	s.queue = nil
	for _, out := range queue {
		if err := s.send(ctx, out); err != nil {
			s.sendErrors = append(s.sendErrors, err)
		}
	}
}

// send commits one packet on its channel.
func (s *Sender) send(ctx sdk.Context, out outgoing) error {
	channelCap, ok := s.scoped.GetCapability(ctx, host.ChannelCapabilityPath(PortID, out.channelID))
	if !ok {
		return errorsmod.Wrap(ErrNoChannel, out.channelID)
	}
	timeout := uint64(ctx.BlockTime().Add(PacketLifetime).UnixNano())
	_, err := s.ibcKeeper.ChannelKeeper.SendPacket(ctx, channelCap, PortID, out.channelID,
		clienttypes.ZeroHeight(), timeout, out.data)
	return err
}

// bindPort binds the module's port and claims its capability.
func (s *Sender) bindPort(ctx sdk.Context) error {
	if _, bound := s.scoped.GetCapability(ctx, host.PortPath(PortID)); bound {
		return nil
	}
	portCap := s.ibcKeeper.PortKeeper.BindPort(ctx, PortID)
	return s.scoped.ClaimCapability(ctx, portCap, host.PortPath(PortID))
}
