package scriptedconsumer

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"

	"github.com/meshsecurity/mesh/ibcproto"
)

var _ porttypes.IBCModule = IBCModule{}

// IBCModule is the consumer's IBC callbacks: the handshake (handshake.go) and the packets.
type IBCModule struct {
	consumer *Consumer
}

// OnRecvPacket records the provider packet and answers it as the script says: an ack, or none
// for Hold. A packet that does not decode or validate gets an error ack whatever the script.
func (m IBCModule) OnRecvPacket(ctx sdk.Context, packet channeltypes.Packet, _ sdk.AccAddress) ibcexported.Acknowledgement {
	if !recording(ctx) {
		return ibcproto.NewSuccessAck()
	}
	r := m.consumer.receive(packet)
	if !r.Acked {
		return nil
	}
	return r.Ack
}

// OnAcknowledgementPacket records the provider's acknowledgement of a consumer packet. It never
// fails, whatever the bytes.
func (m IBCModule) OnAcknowledgementPacket(ctx sdk.Context, packet channeltypes.Packet, ack []byte, _ sdk.AccAddress) error {
	if recording(ctx) {
		m.consumer.settle(packet, ack, Acknowledged)
	}
	return nil
}

// OnTimeoutPacket records that a consumer packet timed out.
func (m IBCModule) OnTimeoutPacket(ctx sdk.Context, packet channeltypes.Packet, _ sdk.AccAddress) error {
	if recording(ctx) {
		m.consumer.settle(packet, nil, TimedOut)
	}
	return nil
}
