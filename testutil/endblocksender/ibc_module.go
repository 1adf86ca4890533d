package endblocksender

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"
)

var _ porttypes.IBCModule = IBCModule{}

// IBCModule handles the channel handshake and packets of the test module.
type IBCModule struct {
	sender *Sender
}

// OnChanOpenInit claims the channel if the version matches.
func (m IBCModule) OnChanOpenInit(ctx sdk.Context, _ channeltypes.Order, _ []string, portID, channelID string,
	channelCap *capabilitytypes.Capability, _ channeltypes.Counterparty, version string,
) (string, error) {
	if version != Version {
		return "", errorsmod.Wrap(ErrInvalidVersion, version)
	}
	return Version, m.sender.scoped.ClaimCapability(ctx, channelCap, host.ChannelCapabilityPath(portID, channelID))
}

// OnChanOpenTry claims the channel if the counterparty's version matches.
func (m IBCModule) OnChanOpenTry(ctx sdk.Context, _ channeltypes.Order, _ []string, portID, channelID string,
	channelCap *capabilitytypes.Capability, _ channeltypes.Counterparty, counterpartyVersion string,
) (string, error) {
	if counterpartyVersion != Version {
		return "", errorsmod.Wrap(ErrInvalidVersion, counterpartyVersion)
	}
	return Version, m.sender.scoped.ClaimCapability(ctx, channelCap, host.ChannelCapabilityPath(portID, channelID))
}

// OnChanOpenAck accepts the counterparty's version if it matches.
func (IBCModule) OnChanOpenAck(_ sdk.Context, _, _, _ string, counterpartyVersion string) error {
	if counterpartyVersion != Version {
		return errorsmod.Wrap(ErrInvalidVersion, counterpartyVersion)
	}
	return nil
}

// OnChanOpenConfirm accepts.
func (IBCModule) OnChanOpenConfirm(sdk.Context, string, string) error { return nil }

// OnChanCloseInit accepts.
func (IBCModule) OnChanCloseInit(sdk.Context, string, string) error { return nil }

// OnChanCloseConfirm accepts.
func (IBCModule) OnChanCloseConfirm(sdk.Context, string, string) error { return nil }

// OnRecvPacket records the data and acknowledges with it.
func (m IBCModule) OnRecvPacket(_ sdk.Context, packet channeltypes.Packet, _ sdk.AccAddress) ibcexported.Acknowledgement {
	m.sender.received = append(m.sender.received, packet.GetData())
	return channeltypes.NewResultAcknowledgement(packet.GetData())
}

// OnAcknowledgementPacket records the acknowledgement.
func (m IBCModule) OnAcknowledgementPacket(_ sdk.Context, _ channeltypes.Packet, ack []byte, _ sdk.AccAddress) error {
	m.sender.acknowledged = append(m.sender.acknowledged, ack)
	return nil
}

// OnTimeoutPacket records the packet's data.
func (m IBCModule) OnTimeoutPacket(_ sdk.Context, packet channeltypes.Packet, _ sdk.AccAddress) error {
	m.sender.timedOut = append(m.sender.timedOut, packet.GetData())
	return nil
}
