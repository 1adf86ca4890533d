// Package handshake holds the channel handshake rules of the Mesh Security control channel as
// pure functions the provider and consumer IBC modules call from their OnChanOpen* callbacks:
// the channel must be UNORDERED, run over exactly one connection hop, and be opened by the
// consumer (INIT and ACK on the consumer, TRY and CONFIRM on the provider).
//
// It is a separate package from ibcproto so that the wire codec, and its fuzz targets, do not
// depend on ibc-go. Version negotiation lives in ibcproto (NegotiateInitVersion,
// NegotiateTryVersion, VerifyAckVersion); its errors, like these, are registered there.
package handshake
