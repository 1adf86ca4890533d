package scriptedconsumer

import (
	sdk "github.com/cosmos/cosmos-sdk/types"

	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"

	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/ibcproto/handshake"
)

// OnChanOpenInit opens the consumer's end: the channel must be unordered over one connection
// hop, and the version is negotiated with ibcproto.NegotiateInitVersion (an empty proposal gets
// the default version). With Config.Permissive the proposal is accepted as is.
func (m IBCModule) OnChanOpenInit(ctx sdk.Context, order channeltypes.Order, hops []string, portID, channelID string,
	channelCap *capabilitytypes.Capability, _ channeltypes.Counterparty, version string,
) (string, error) {
	c := m.consumer
	answer := version
	if !c.cfg.Permissive {
		negotiated, err := initVersion(order, hops, version, c.cfg.Extensions)
		if err != nil {
			return "", err
		}
		answer = negotiated.String()
	}
	if err := c.scoped.ClaimCapability(ctx, channelCap, host.ChannelCapabilityPath(portID, channelID)); err != nil {
		return "", err
	}
	if recording(ctx) {
		c.offered[channelID] = extOf(answer)
	}
	return answer, nil
}

// initVersion applies the consumer's INIT rules and negotiates the version.
func initVersion(order channeltypes.Order, hops []string, proposed string, ext []string) (ibcproto.ProtocolVersion, error) {
	if err := handshake.ValidateOrder(order); err != nil {
		return ibcproto.ProtocolVersion{}, err
	}
	if _, err := handshake.ValidateConnectionHops(hops); err != nil {
		return ibcproto.ProtocolVersion{}, err
	}
	return ibcproto.NegotiateInitVersion(proposed, ext)
}

// extOf returns the extensions a version string carries, none if it does not parse.
func extOf(version string) []string {
	v, err := ibcproto.ParseVersion(version)
	if err != nil {
		return nil
	}
	return v.Ext
}

// OnChanOpenTry refuses: the consumer always opens the channel.
func (IBCModule) OnChanOpenTry(sdk.Context, channeltypes.Order, []string, string, string,
	*capabilitytypes.Capability, channeltypes.Counterparty, string,
) (string, error) {
	return "", handshake.AllowStep(handshake.Consumer, handshake.OpenTry)
}

// OnChanOpenAck accepts the provider's answer if ibcproto.VerifyAckVersion does, against the
// extensions offered at INIT (anything with Config.Permissive), and records the channel as open.
func (m IBCModule) OnChanOpenAck(ctx sdk.Context, _, channelID, _ string, counterpartyVersion string) error {
	c := m.consumer
	if !c.cfg.Permissive {
		if _, err := ibcproto.VerifyAckVersion(counterpartyVersion, c.offered[channelID]); err != nil {
			return err
		}
	}
	if recording(ctx) {
		c.channels = append(c.channels, channelID)
		c.versions[channelID] = counterpartyVersion
	}
	return nil
}

// OnChanOpenConfirm refuses: the consumer never answers an opening.
func (IBCModule) OnChanOpenConfirm(sdk.Context, string, string) error {
	return handshake.AllowStep(handshake.Consumer, handshake.OpenConfirm)
}

// OnChanCloseInit accepts and records the close, so a test can close the channel from the
// consumer and watch the provider handle it.
func (m IBCModule) OnChanCloseInit(ctx sdk.Context, _, channelID string) error {
	m.consumer.recordClose(ctx, channelID)
	return nil
}

// OnChanCloseConfirm accepts and records the provider's close.
func (m IBCModule) OnChanCloseConfirm(ctx sdk.Context, _, channelID string) error {
	m.consumer.recordClose(ctx, channelID)
	return nil
}

// recordClose remembers a closed channel.
func (c *Consumer) recordClose(ctx sdk.Context, channelID string) {
	if recording(ctx) {
		c.closed = append(c.closed, channelID)
	}
}

// recording reports whether the callback runs for a block, so what it observes is recorded;
// CheckTx, ReCheckTx and simulation replay callbacks that never take effect.
func recording(ctx sdk.Context) bool {
	return !ctx.IsCheckTx() && !ctx.IsReCheckTx() && ctx.ExecMode() != sdk.ExecModeSimulate
}
