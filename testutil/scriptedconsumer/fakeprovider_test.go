package scriptedconsumer_test

import (
	"context"
	"encoding/json"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/runtime"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	capabilitykeeper "github.com/cosmos/ibc-go/modules/capability/keeper"
	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"
	porttypes "github.com/cosmos/ibc-go/v8/modules/core/05-port/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"
	ibckeeper "github.com/cosmos/ibc-go/v8/modules/core/keeper"

	"github.com/meshsecurity/mesh/examples/meshapp"
	"github.com/meshsecurity/mesh/ibcproto"
)

// fakeProvider is the provider end the tests pair the consumer with: it answers TRY with the
// negotiated version (or a forced one), acks consumer packets by variant, sends provider
// packets from EndBlock and records what comes back. It is as lenient as possible elsewhere.
type fakeProvider struct {
	scoped    capabilitykeeper.ScopedKeeper
	ibcKeeper *ibckeeper.Keeper

	tryVersion func(counterparty string) (string, error)
	answers    map[string]ibcproto.Ack

	queue    []fakeOutgoing
	received []ibcproto.ConsumerPacket
	invalid  [][]byte
	acks     map[uint64]ibcproto.Ack
	timedOut []uint64
	errs     []error
}

// fakeProviderPort is not the protocol's provider port, which meshapp's own provider module may
// bind on every chain; the tests point the consumer's CounterpartyPortID at it.
const fakeProviderPort = "fakeprovider"

type fakeOutgoing struct {
	channelID string
	data      []byte
}

func newFakeProvider() *fakeProvider {
	return &fakeProvider{
		tryVersion: func(cp string) (string, error) {
			v, err := ibcproto.NegotiateTryVersion(cp, nil)
			return v.String(), err
		},
		answers: map[string]ibcproto.Ack{},
		acks:    map[uint64]ibcproto.Ack{},
	}
}

func (p *fakeProvider) option() meshapp.Option {
	return meshapp.WithIBCApplication(meshapp.IBCApplication{
		ModuleName: "fakeprovider", PortID: fakeProviderPort,
		Build: func(deps meshapp.IBCAppDeps) (porttypes.IBCModule, module.AppModule) {
			p.scoped, p.ibcKeeper = deps.ScopedKeeper, deps.IBCKeeper
			return fakeProviderIBC{p}, fakeProviderModule{p}
		},
	})
}

// send queues a provider packet for the next EndBlock.
func (p *fakeProvider) send(channelID string, packet ibcproto.ProviderPacket) {
	data, err := ibcproto.EncodeProviderPacket(packet)
	if err != nil {
		p.errs = append(p.errs, err)
		return
	}
	p.queue = append(p.queue, fakeOutgoing{channelID: channelID, data: data})
}

func (p *fakeProvider) sendRaw(channelID string, data []byte) {
	p.queue = append(p.queue, fakeOutgoing{channelID: channelID, data: data})
}

func (p *fakeProvider) flush(ctx sdk.Context) {
	for _, out := range p.queue {
		channelCap, _ := p.scoped.GetCapability(ctx, host.ChannelCapabilityPath(fakeProviderPort, out.channelID))
		timeout := uint64(ctx.BlockTime().Add(10 * time.Minute).UnixNano())
		if _, err := p.ibcKeeper.ChannelKeeper.SendPacket(ctx, channelCap, fakeProviderPort, out.channelID,
			clienttypes.ZeroHeight(), timeout, out.data); err != nil {
			p.errs = append(p.errs, err)
		}
	}
	p.queue = nil
}

type fakeProviderIBC struct{ p *fakeProvider }

func (m fakeProviderIBC) claim(ctx sdk.Context, portID, channelID string, channelCap *capabilitytypes.Capability) error {
	return m.p.scoped.ClaimCapability(ctx, channelCap, host.ChannelCapabilityPath(portID, channelID))
}

func (m fakeProviderIBC) OnChanOpenInit(ctx sdk.Context, _ channeltypes.Order, _ []string, portID, channelID string,
	channelCap *capabilitytypes.Capability, _ channeltypes.Counterparty, version string,
) (string, error) {
	return version, m.claim(ctx, portID, channelID, channelCap)
}

func (m fakeProviderIBC) OnChanOpenTry(ctx sdk.Context, _ channeltypes.Order, _ []string, portID, channelID string,
	channelCap *capabilitytypes.Capability, _ channeltypes.Counterparty, counterpartyVersion string,
) (string, error) {
	version, err := m.p.tryVersion(counterpartyVersion)
	if err != nil {
		return "", err
	}
	return version, m.claim(ctx, portID, channelID, channelCap)
}

func (fakeProviderIBC) OnChanOpenAck(sdk.Context, string, string, string, string) error { return nil }
func (fakeProviderIBC) OnChanOpenConfirm(sdk.Context, string, string) error             { return nil }
func (fakeProviderIBC) OnChanCloseInit(sdk.Context, string, string) error               { return nil }
func (fakeProviderIBC) OnChanCloseConfirm(sdk.Context, string, string) error            { return nil }

func (m fakeProviderIBC) OnRecvPacket(_ sdk.Context, packet channeltypes.Packet, _ sdk.AccAddress) ibcexported.Acknowledgement {
	decoded, err := ibcproto.DecodeConsumerPacket(packet.GetData())
	if err != nil {
		m.p.invalid = append(m.p.invalid, packet.GetData())
		return ibcproto.NewErrorAckFromError(err)
	}
	m.p.received = append(m.p.received, decoded)
	if ack, ok := m.p.answers[decoded.Variant()]; ok {
		return ack
	}
	return ibcproto.NewSuccessAck()
}

func (m fakeProviderIBC) OnAcknowledgementPacket(_ sdk.Context, packet channeltypes.Packet, ack []byte, _ sdk.AccAddress) error {
	decoded, err := ibcproto.DecodeAck(ack)
	if err != nil {
		return err
	}
	m.p.acks[packet.Sequence] = decoded
	return nil
}

func (m fakeProviderIBC) OnTimeoutPacket(_ sdk.Context, packet channeltypes.Packet, _ sdk.AccAddress) error {
	m.p.timedOut = append(m.p.timedOut, packet.Sequence)
	return nil
}

type fakeProviderModule struct{ p *fakeProvider }

func (fakeProviderModule) Name() string                                                { return "fakeprovider" }
func (fakeProviderModule) IsOnePerModuleType()                                         {}
func (fakeProviderModule) IsAppModule()                                                {}
func (fakeProviderModule) RegisterLegacyAminoCodec(*codec.LegacyAmino)                 {}
func (fakeProviderModule) RegisterInterfaces(codectypes.InterfaceRegistry)             {}
func (fakeProviderModule) RegisterGRPCGatewayRoutes(client.Context, *runtime.ServeMux) {}
func (fakeProviderModule) DefaultGenesis(codec.JSONCodec) json.RawMessage {
	return json.RawMessage("{}")
}
func (fakeProviderModule) ValidateGenesis(codec.JSONCodec, client.TxEncodingConfig, json.RawMessage) error {
	return nil
}
func (fakeProviderModule) ExportGenesis(sdk.Context, codec.JSONCodec) json.RawMessage {
	return json.RawMessage("{}")
}

func (m fakeProviderModule) InitGenesis(ctx sdk.Context, _ codec.JSONCodec, _ json.RawMessage) {
	portCap := m.p.ibcKeeper.PortKeeper.BindPort(ctx, fakeProviderPort)
	if err := m.p.scoped.ClaimCapability(ctx, portCap, host.PortPath(fakeProviderPort)); err != nil {
		m.p.errs = append(m.p.errs, err)
	}
}

func (m fakeProviderModule) EndBlock(ctx context.Context) error {
	m.p.flush(sdk.UnwrapSDKContext(ctx))
	return nil
}
