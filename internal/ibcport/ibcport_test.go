package ibcport_test

import (
	"errors"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	storetypes "cosmossdk.io/store/types"
	sdktestutil "github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	capabilitytypes "github.com/cosmos/ibc-go/modules/capability/types"
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/internal/ibcport"
)

var errNotOpen = errorsmod.Register("ibcporttest", 2, "channel not open")

// scope is a capability scope in a map; ports counts the bindings; sender records what it sent
// or fails with fail.
type (
	scope  map[string]*capabilitytypes.Capability
	ports  struct{ binds int }
	sender struct {
		sent []uint64
		fail error
	}
)

func (s scope) GetCapability(_ sdk.Context, name string) (*capabilitytypes.Capability, bool) {
	c, ok := s[name]
	return c, ok
}

func (s scope) ClaimCapability(_ sdk.Context, c *capabilitytypes.Capability, name string) error {
	s[name] = c
	return nil
}

func (p *ports) BindPort(sdk.Context, string) *capabilitytypes.Capability {
	p.binds++
	return &capabilitytypes.Capability{Index: uint64(p.binds)}
}

func (s *sender) SendPacket(_ sdk.Context, _ *capabilitytypes.Capability, _, _ string, _ clienttypes.Height,
	timeout uint64, _ []byte,
) (uint64, error) {
	if s.fail != nil {
		return 0, s.fail
	}
	s.sent = append(s.sent, timeout)
	return uint64(len(s.sent)), nil
}

func TestEnd(t *testing.T) {
	key := storetypes.NewKVStoreKey("port")
	ctx := sdktestutil.DefaultContext(key, storetypes.NewTransientStoreKey("port_t")).WithBlockTime(time.Unix(100, 0))
	sc, p, s := scope{}, &ports{}, &sender{}
	end := ibcport.End{Port: "meshtest", Ports: p, Scope: sc, Sender: s, NotOpen: errNotOpen}

	require.ErrorIs(t, ibcport.End{Port: "meshtest", NotOpen: errNotOpen}.Bind(ctx), errNotOpen, "no keepers bound")
	require.NoError(t, end.Bind(ctx))
	require.NoError(t, end.Bind(ctx))
	require.Equal(t, 1, p.binds, "the port is bound once")
	require.Contains(t, sc, "ports/meshtest")

	_, err := end.Send(ctx, "channel-0", time.Second, []byte("x"), nil)
	require.ErrorIs(t, err, errNotOpen, "no capability for the channel")
	require.NoError(t, end.ClaimChannel(ctx, &capabilitytypes.Capability{Index: 9}, "channel-0"))
	c, ok := end.ChannelCapability(ctx, "channel-0")
	require.True(t, ok)
	require.Equal(t, uint64(9), c.Index)

	record := func(cache sdk.Context, seq uint64) error {
		cache.KVStore(key).Set([]byte{byte(seq)}, []byte("in flight"))
		return nil
	}
	seq, err := end.Send(ctx, "channel-0", time.Second, []byte("x"), record)
	require.NoError(t, err)
	require.Equal(t, uint64(1), seq)
	require.Equal(t, []uint64{uint64(time.Unix(101, 0).UnixNano())}, s.sent, "timeout one second after the block")
	require.Equal(t, []byte("in flight"), ctx.KVStore(key).Get([]byte{1}))

	refused := errors.New("record refused")
	_, err = end.Send(ctx, "channel-0", time.Second, []byte("x"), func(cache sdk.Context, seq uint64) error {
		cache.KVStore(key).Set([]byte{byte(seq)}, []byte("in flight"))
		return refused
	})
	require.ErrorIs(t, err, refused)
	require.Nil(t, ctx.KVStore(key).Get([]byte{2}), "a refused record keeps nothing")

	s.fail = errors.New("channel closed")
	_, err = end.Send(ctx, "channel-0", time.Second, []byte("x"), record)
	require.EqualError(t, err, "send on channel-0: channel closed")
}

// closer closes channel ends by writing them closed in the store, or fails with fail after
// writing.
type closer struct {
	key  *storetypes.KVStoreKey
	fail error
}

func (c closer) ChanCloseInit(ctx sdk.Context, port, channel string, chanCap *capabilitytypes.Capability) error {
	ctx.KVStore(c.key).Set([]byte(port+"/"+channel), []byte{byte(chanCap.Index)})
	return c.fail
}

func TestClose(t *testing.T) {
	key := storetypes.NewKVStoreKey("port")
	ctx := sdktestutil.DefaultContext(key, storetypes.NewTransientStoreKey("port_t"))
	sc := scope{}
	end := ibcport.End{Port: "meshtest", Ports: &ports{}, Scope: sc, Sender: &sender{}, NotOpen: errNotOpen}
	require.NoError(t, end.ClaimChannel(ctx, &capabilitytypes.Capability{Index: 7}, "channel-0"))
	require.ErrorIs(t, end.Close(ctx, "channel-0"), errNotOpen, "no closer bound")

	end.Closer = closer{key: key, fail: errors.New("client expired")}
	require.ErrorIs(t, end.Close(ctx, "channel-1"), errNotOpen, "no capability for the channel")
	require.EqualError(t, end.Close(ctx, "channel-0"), "close channel-0: client expired")
	require.Nil(t, ctx.KVStore(key).Get([]byte("meshtest/channel-0")), "a refused close keeps nothing")

	end.Closer = closer{key: key}
	require.NoError(t, end.Close(ctx, "channel-0"))
	require.Equal(t, []byte{7}, ctx.KVStore(key).Get([]byte("meshtest/channel-0")), "closed with the channel's capability")
}
