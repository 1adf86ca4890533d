package converter_test

import (
	"testing"

	channeltypes "github.com/cosmos/ibc-go/v8/modules/core/04-channel/types"

	"github.com/meshsecurity/mesh/converter/types"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// FuzzReceive feeds arbitrary packet data to the converter's receive callback on an open
// channel with a stake and a reward reserve: it never panics, and a packet it refuses changes
// nothing.
func FuzzReceive(f *testing.F) {
	p, u := refusalPair(f)
	val := p.val(0)
	coin := func(denom string, v int64) ibcproto.Coin { return ibcproto.NewCoin(denom, ints(v)) }
	for _, packet := range []ibcproto.ProviderPacket{
		ibcproto.StakePacket{Delegator: u.String(), Validator: val, Stake: coin("uprov", 10), TxID: 1},
		ibcproto.UnstakePacket{Delegator: u.String(), Validator: val, Unstake: coin("uprov", 10), TxID: 2},
		ibcproto.BurnPacket{Validators: []string{val, val}, Burn: coin("uprov", 10)},
		ibcproto.TransferRewardsPacket{Rewards: coin("ucons", 10), Recipient: p.consumer.Accounts[1].String(), TxID: 3},
		ibcproto.UnstakePacket{Delegator: u.String(), Validator: val, Unstake: coin("uprov", 5_000), TxID: 4},
	} {
		f.Add(p.encode(packet))
	}
	f.Add([]byte(`{"stake":{}}`))
	f.Add([]byte(`{"burn":{"validators":[],"burn":{"denom":"uprov","amount":"340282366920938463463374607431768211455"}}}`))
	module := p.ibcModule()
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, _ := p.consumer.Context().CacheContext()
		before := p.snapshotAt(t, ctx)
		ack := module.OnRecvPacket(ctx, channeltypes.Packet{
			Sequence: 1, SourcePort: exttypes.PortID, SourceChannel: p.ch.ChannelB,
			DestinationPort: types.PortID, DestinationChannel: p.ch.ChannelA, Data: data,
		}, nil)
		if !ack.Success() && p.snapshotAt(t, ctx) != before {
			t.Fatalf("a refused packet changed the state: %q", data)
		}
	})
}
