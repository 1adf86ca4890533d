// Package ibcport is what both ends of a Mesh Security channel do alike with ibc-go: bind the
// module's port, claim and look up its channel capabilities, and send a packet. All capability
// handling lives here: ibc-go v10 removes capabilities, and keeping them in one place keeps that
// migration small.
package ibcport

import (
	"fmt"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"
)

// Ports binds ports (ibc-go's port keeper).
type Ports interface {
	BindPort(ctx sdk.Context, portID string) *capabilitytypes.Capability
}

// Scope is a module's capability scope.
type Scope interface {
	GetCapability(ctx sdk.Context, name string) (*capabilitytypes.Capability, bool)
	ClaimCapability(ctx sdk.Context, cap *capabilitytypes.Capability, name string) error
}

// Sender sends packets (the ICS-4 wrapper).
type Sender interface {
	SendPacket(ctx sdk.Context, chanCap *capabilitytypes.Capability, sourcePort, sourceChannel string,
		timeoutHeight clienttypes.Height, timeoutTimestamp uint64, data []byte) (uint64, error)
}

// Closer starts the close of a channel end its caller owns (ibc-go's channel keeper): it closes
// the end at once without calling the application's close callback, and a relayer then confirms
// the close on the other end.
type Closer interface {
	ChanCloseInit(ctx sdk.Context, portID, channelID string, chanCap *capabilitytypes.Capability) error
}

// End is a module's end of its channels: the port it binds, the keepers it binds, sends and
// closes with, and its registered error for a channel it cannot use. Until the app binds the
// keepers (Scope is nil), every call fails with NotOpen.
type End struct {
	// Port is the module's port.
	Port string
	// Ports binds the port.
	Ports Ports
	// Scope is the module's capability scope.
	Scope Scope
	// Sender sends the packets.
	Sender Sender
	// Closer closes the module's channel ends.
	Closer Closer
	// NotOpen is the module's error for a channel it holds no capability for.
	NotOpen *errorsmod.Error
}

// bound returns NotOpen while the keepers are not bound.
func (e End) bound() error {
	if e.Scope == nil || e.Ports == nil || e.Sender == nil {
		return e.NotOpen.Wrap("no IBC keepers bound")
	}
	return nil
}

// Bind binds the port and claims its capability, once.
func (e End) Bind(ctx sdk.Context) error {
	if err := e.bound(); err != nil {
		return err
	}
	path := host.PortPath(e.Port)
	if _, bound := e.Scope.GetCapability(ctx, path); bound {
		return nil
	}
	return e.Scope.ClaimCapability(ctx, e.Ports.BindPort(ctx, e.Port), path)
}

// ClaimChannel claims the capability of a channel being opened on the port.
func (e End) ClaimChannel(ctx sdk.Context, chanCap *capabilitytypes.Capability, channelID string) error {
	if err := e.bound(); err != nil {
		return err
	}
	return e.Scope.ClaimCapability(ctx, chanCap, host.ChannelCapabilityPath(e.Port, channelID))
}

// ChannelCapability returns the capability of one of the port's channels.
func (e End) ChannelCapability(ctx sdk.Context, channelID string) (*capabilitytypes.Capability, bool) {
	if e.bound() != nil {
		return nil, false
	}
	return e.Scope.GetCapability(ctx, host.ChannelCapabilityPath(e.Port, channelID))
}

// Send sends data on channelID, timing out timeout after the block time, in a cache context;
// record, when given, runs in the same cache context with the packet's sequence. What they
// wrote is kept only when both succeed.
func (e End) Send(ctx sdk.Context, channelID string, timeout time.Duration, data []byte,
	record func(cache sdk.Context, seq uint64) error,
) (uint64, error) {
	if err := e.bound(); err != nil {
		return 0, err
	}
	chanCap, ok := e.ChannelCapability(ctx, channelID)
	if !ok {
		return 0, e.NotOpen.Wrapf("no capability for %s", channelID)
	}
	cache, write := ctx.CacheContext()
	deadline := uint64(ctx.BlockTime().Add(timeout).UnixNano())
	seq, err := e.Sender.SendPacket(cache, chanCap, e.Port, channelID, clienttypes.ZeroHeight(), deadline, data)
	if err != nil {
		return 0, fmt.Errorf("send on %s: %w", channelID, err)
	}
	if record != nil {
		if err := record(cache, seq); err != nil {
			return 0, err
		}
	}
	write()
	return seq, nil
}

// Close closes the module's end of channelID with the channel's capability, in a cache context
// kept only on success. IBC core refuses when the end is already closed, or its connection's
// client is not active; nothing is written then.
func (e End) Close(ctx sdk.Context, channelID string) error {
	if err := e.bound(); err != nil {
		return err
	}
	if e.Closer == nil {
		return e.NotOpen.Wrap("no channel keeper bound to close with")
	}
	chanCap, ok := e.ChannelCapability(ctx, channelID)
	if !ok {
		return e.NotOpen.Wrapf("no capability for %s", channelID)
	}
	cache, write := ctx.CacheContext()
	if err := e.Closer.ChanCloseInit(cache, e.Port, channelID, chanCap); err != nil {
		return fmt.Errorf("close %s: %w", channelID, err)
	}
	write()
	return nil
}
