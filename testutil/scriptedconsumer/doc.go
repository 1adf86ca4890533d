// Package scriptedconsumer is a test-only IBC application that plays the consumer end of the
// Mesh Security control channel (protocol 0.11.0), so provider-side code can be tested on a
// second meshapp chain without a real consumer module. It speaks the wire protocol through
// ibcproto and follows the consumer's channel rules from ibcproto/handshake, and lets a test
// script everything a real consumer would decide:
//
//   - Handshake: it binds its port (DefaultPortID unless configured) at genesis, takes INIT and
//     ACK only (TRY and CONFIRM are refused, as the consumer always opens the channel), requires
//     an unordered channel over one connection hop and negotiates the version with
//     ibcproto.NegotiateInitVersion and ibcproto.VerifyAckVersion. OpenChannel runs the whole
//     handshake over a testutil.Link. Config.Permissive turns the checks off, so a test can make
//     the provider face a bad version or an ordered channel.
//   - Receiving: every provider packet is recorded in arrival order (Received) and answered as
//     the Policy says: the protocol's success ack, an error ack with a chosen message, or no ack
//     yet (Hold), to be written later with Acknowledge. A packet that does not decode or fails
//     ValidateBasic is always answered with an error ack.
//   - Sending: Queue (or QueueRaw for arbitrary bytes) holds consumer packets until the chain's
//     next EndBlock, where they are sent, as the real consumer flushes its outbox; Sent reports
//     each with its outcome once the ack or timeout comes back.
//
// # Use
//
//	cons := scriptedconsumer.New(scriptedconsumer.Config{})
//	net := testutil.NewNetwork(t)
//	provider := net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov",
//		AppOptions: []meshapp.Option{ /* the provider module */ }})
//	consumer := net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", BondDenom: "ucons",
//		AppOptions: []meshapp.Option{cons.Option()}})
//	link, _ := net.Connect(provider, consumer)
//	ch, _ := cons.OpenChannel(link, consumer) // ch.ChannelA is the consumer's end, ch.ChannelB the provider's
//
//	valset, _ := scriptedconsumer.BondedValset(consumer)
//	_ = cons.Queue(ch.ChannelA, valset) // sent at the consumer's next EndBlock
//	consumer.NextBlock()
//	_ = link.RelayAll() // cons.Sent()[0].Outcome == Acknowledged, with the provider's ack
//
//	cons.AnswerNext(scriptedconsumer.Fail("insufficient bond")) // the next provider packet fails
//	cons.SetPolicy(scriptedconsumer.ByVariant(map[string]scriptedconsumer.Answer{
//		ibcproto.VariantUnstake: scriptedconsumer.Hold(),
//	}, scriptedconsumer.Succeed()))
//	// ... the provider sends; link.RelayAll(); inspect cons.Received() ...
//	_ = cons.Acknowledge(ch.ChannelA, sequence, scriptedconsumer.Succeed()) // a held packet's ack
//	consumer.NextBlock()
//	_ = link.RelayAll()
//
// # Timeouts
//
// A packet that was received cannot time out any more, so Hold does not produce a timeout: it
// leaves the sender waiting. To time out a provider packet, do not relay it: take it from
// link.PendingPackets() and call link.TimeoutPacket, which moves the consumer chain past the
// packet's deadline and delivers the timeout to the provider. Consumer packets time out the same
// way (their deadline is Config.PacketLifetime after the block that sent them), and Sent then
// reports TimedOut.
//
// # State
//
// Everything the application observes or is asked to do is kept in memory in the Consumer value,
// not in the chain's store: fine for a test, wrong for a real chain, and production apps never
// include it. Use one Consumer per chain. Callbacks run in CheckTx or simulation do not touch the
// records, so only what the chain executes in its blocks is recorded. A record is not undone if
// the transaction that delivered its packet fails afterwards, which a relay transaction of one
// message never does.
package scriptedconsumer
