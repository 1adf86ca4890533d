package externalstaking

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"

	"github.com/meshsecurity/mesh/externalstaking/keeper"
	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/ibcproto/handshake"
)

var _ porttypes.IBCModule = IBCModule{}

// IBCModule is the provider end of the Mesh Security channel, on port meshprovider. The consumer
// opens the channel; this side only answers (TRY, CONFIRM), never closes, and acknowledges every
// packet it receives, refused ones with an error.
type IBCModule struct{ keeper *keeper.Keeper }

// NewIBCModule returns the IBC module of the keeper.
func NewIBCModule(k *keeper.Keeper) IBCModule { return IBCModule{keeper: k} }

// OnChanOpenInit refuses: the consumer opens the channel.
func (IBCModule) OnChanOpenInit(sdk.Context, channeltypes.Order, []string, string, string,
	*capabilitytypes.Capability, channeltypes.Counterparty, string,
) (string, error) {
	return "", handshake.AllowStep(handshake.Provider, handshake.OpenInit)
}

// OnChanOpenTry answers the consumer for a registered pairing.
func (m IBCModule) OnChanOpenTry(ctx sdk.Context, order channeltypes.Order, hops []string, portID, channelID string,
	chanCap *capabilitytypes.Capability, counterparty channeltypes.Counterparty, counterpartyVersion string,
) (string, error) {
	if err := handshake.AllowStep(handshake.Provider, handshake.OpenTry); err != nil {
		return "", err
	}
	if portID != types.PortID {
		return "", errorsmod.Wrapf(types.ErrChannelRefused, "port %q", portID)
	}
	return m.keeper.OpenTry(ctx, order, hops, channelID, chanCap, counterparty, counterpartyVersion)
}

// OnChanOpenAck refuses: it is the initiator's step.
func (IBCModule) OnChanOpenAck(sdk.Context, string, string, string, string) error {
	return handshake.AllowStep(handshake.Provider, handshake.OpenAck)
}

// OnChanOpenConfirm completes the pairing's channel.
func (m IBCModule) OnChanOpenConfirm(ctx sdk.Context, _, channelID string) error {
	if err := handshake.AllowStep(handshake.Provider, handshake.OpenConfirm); err != nil {
		return err
	}
	return m.keeper.OpenConfirm(ctx, channelID)
}

// OnChanCloseInit always refuses: anyone may send a close, so pairings are closed by the
// authority instead.
func (IBCModule) OnChanCloseInit(sdk.Context, string, string) error {
	return types.ErrCloseRefused
}

// OnChanCloseConfirm marks the pairing closed when the consumer closed the channel.
func (m IBCModule) OnChanCloseConfirm(ctx sdk.Context, _, channelID string) error {
	return m.keeper.CounterpartyClosed(ctx, channelID)
}

// OnRecvPacket validates and applies a consumer packet in a cache context; a packet that is too
// large, does not decode or is not allowed gets an error acknowledgement and changes nothing.
func (m IBCModule) OnRecvPacket(ctx sdk.Context, packet channeltypes.Packet, _ sdk.AccAddress) ibcexported.Acknowledgement {
	cache, write := ctx.CacheContext()
	if err := m.keeper.Receive(cache, packet.DestinationChannel, packet.GetData()); err != nil {
		return ibcproto.NewErrorAckFromError(err)
	}
	write()
	return ibcproto.NewSuccessAck()
}

// OnAcknowledgementPacket commits or rolls back the operation of the packet; it never fails.
func (m IBCModule) OnAcknowledgementPacket(ctx sdk.Context, packet channeltypes.Packet, ack []byte, _ sdk.AccAddress) error {
	m.keeper.Acknowledged(ctx, packet.SourceChannel, packet.Sequence, packet.GetData(), ack)
	return nil
}

// OnTimeoutPacket rolls back the operation of the packet; it never fails.
func (m IBCModule) OnTimeoutPacket(ctx sdk.Context, packet channeltypes.Packet, _ sdk.AccAddress) error {
	m.keeper.TimedOut(ctx, packet.SourceChannel, packet.Sequence, packet.GetData())
	return nil
}
