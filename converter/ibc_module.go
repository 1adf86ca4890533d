package converter

import (
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"

	"github.com/meshsecurity/mesh/converter/keeper"
	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/ibcproto/handshake"
)

var _ porttypes.IBCModule = IBCModule{}

// IBCModule is the consumer end of the Mesh Security channel, on port meshconsumer. This side
// opens the channel (INIT, ACK), never closes it, and acknowledges every packet it receives,
// refused ones with an error.
type IBCModule struct{ keeper *keeper.Keeper }

// NewIBCModule returns the IBC module of the keeper.
func NewIBCModule(k *keeper.Keeper) IBCModule { return IBCModule{keeper: k} }

// OnChanOpenInit starts the channel of a registered pairing.
func (m IBCModule) OnChanOpenInit(ctx sdk.Context, order channeltypes.Order, hops []string, portID, channelID string,
	chanCap *capabilitytypes.Capability, counterparty channeltypes.Counterparty, version string,
) (string, error) {
	if err := handshake.AllowStep(handshake.Consumer, handshake.OpenInit); err != nil {
		return "", err
	}
	if portID != types.PortID {
		return "", errorsmod.Wrapf(types.ErrChannelRefused, "port %q", portID)
	}
	return m.keeper.OpenInit(ctx, order, hops, channelID, chanCap, counterparty, version)
}

// OnChanOpenTry refuses: the consumer opens the channel.
func (IBCModule) OnChanOpenTry(sdk.Context, channeltypes.Order, []string, string, string,
	*capabilitytypes.Capability, channeltypes.Counterparty, string,
) (string, error) {
	return "", handshake.AllowStep(handshake.Consumer, handshake.OpenTry)
}

// OnChanOpenAck completes the pairing's channel and queues the validator set.
func (m IBCModule) OnChanOpenAck(ctx sdk.Context, _, channelID, _, counterpartyVersion string) error {
	if err := handshake.AllowStep(handshake.Consumer, handshake.OpenAck); err != nil {
		return err
	}
	return m.keeper.OpenAck(ctx, channelID, counterpartyVersion)
}

// OnChanOpenConfirm refuses: it is the answering chain's step.
func (IBCModule) OnChanOpenConfirm(sdk.Context, string, string) error {
	return handshake.AllowStep(handshake.Consumer, handshake.OpenConfirm)
}

// OnChanCloseInit always refuses: anyone may send a close, so pairings are closed by the
// authority instead.
func (IBCModule) OnChanCloseInit(sdk.Context, string, string) error {
	return types.ErrCloseRefused
}

// OnChanCloseConfirm closes the pairing when the provider closed the channel and hands it to
// virtual staking's unwind.
func (m IBCModule) OnChanCloseConfirm(ctx sdk.Context, _, channelID string) error {
	return m.keeper.CounterpartyClosed(ctx, channelID)
}

// OnRecvPacket validates and applies a provider packet in a cache context; a packet that is too
// large, does not decode or is not allowed gets an error acknowledgement and changes nothing.
func (m IBCModule) OnRecvPacket(ctx sdk.Context, packet channeltypes.Packet, _ sdk.AccAddress) ibcexported.Acknowledgement {
	cache, write := ctx.CacheContext()
	if err := m.keeper.Receive(cache, packet.DestinationChannel, packet.GetData()); err != nil {
		return ibcproto.NewErrorAckFromError(err)
	}
	write()
	return ibcproto.NewSuccessAck()
}

// OnAcknowledgementPacket settles the packet; it never fails.
func (m IBCModule) OnAcknowledgementPacket(ctx sdk.Context, packet channeltypes.Packet, ack []byte, _ sdk.AccAddress) error {
	m.keeper.Acknowledged(ctx, packet.SourceChannel, packet.Sequence, ack)
	return nil
}

// OnTimeoutPacket sends again what the packet carried; it never fails.
func (m IBCModule) OnTimeoutPacket(ctx sdk.Context, packet channeltypes.Packet, _ sdk.AccAddress) error {
	m.keeper.TimedOut(ctx, packet.SourceChannel, packet.Sequence)
	return nil
}
