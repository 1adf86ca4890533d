// Package ibcproto is the JSON wire codec of the Mesh Security control channel: the packets, the
// acknowledgement and the channel version of Mesh Security IBC protocol 0.11.0, encoded exactly as
// the public CosmWasm implementation encodes them, so that a Go chain can pair with a chain that
// runs the contracts. It is JSON, not protobuf. Reference protocol:
// https://github.com/osmosis-labs/mesh-security (packages/apis/src/ibc/packet.rs and version.rs,
// docs/ibc/ControlChannel.md).
//
// # Packets
//
// ProviderPacket (provider to consumer) is one of StakePacket, UnstakePacket, BurnPacket and
// TransferRewardsPacket; ConsumerPacket (consumer to provider) is one of ValsetUpdatePacket,
// InternalUnstakePacket, DistributePacket and DistributeBatchPacket. Both are sealed interfaces,
// so a value is always exactly one variant. EncodeProviderPacket, DecodeProviderPacket,
// EncodeConsumerPacket and DecodeConsumerPacket convert them; ValidateBasic on each packet refuses
// what can never be right (empty names or denoms, amounts outside [0, 2^128)) and leaves to the
// receiver what depends on its state. ValsetUpdatePacket.ValidEntries judges valset entries one by
// one, so a bad entry is skipped rather than failing the packet.
//
// # Encoding
//
// Byte-for-byte what the reference writes with serde-json-wasm: externally tagged snake_case
// variants ({"stake":{…}}), fields in the Rust structs' order, no whitespace, amounts as decimal
// strings, u64 values as JSON numbers, lists always present ("[]" when empty). Strings escape only
// '"', '\\' and control characters (\b \t \n \f \r, otherwise \u00XX in upper-case hex); there is
// no HTML escaping. Bytes of a Go string that are not UTF-8 are written as U+FFFD.
//
// # Decoding
//
// Input must be one well-formed JSON value (RFC 8259) in valid UTF-8: no lone surrogate escapes,
// no trailing data, nesting at most 128 deep. As serde's derived decoders do, every field is
// required (the version's own "ext" excepted), a field may appear only once, null is never
// accepted for a field, and, because the reference puts deny_unknown_fields on every packet
// struct, an unknown packet field is refused. The exceptions follow the reference too: cosmwasm's
// Coin ignores unknown fields, and so does the channel version. A u64 must be a plain integer (no
// sign, fraction or exponent) below 2^64. An amount must be a JSON string of decimal digits below
// 2^128; leading zeros are accepted ("007" is 7) as Rust's u128 parser accepts them, and
// re-encode canonically; a leading '+', which that parser also accepts but no reference chain
// writes, is refused; so is an amount with more than 39 significant digits, before any
// conversion. Input longer than MaxPacketSize (MaxVersionSize for a channel version) is refused
// with ErrPacketTooLarge before it is parsed, and below the limits every decoder runs in time
// linear in its input, so a counterparty cannot make validators do unbounded work per packet.
// Every failure is a registered error of codespace "meshibc" (errors.go).
//
// # Acknowledgements
//
// Ack is {"result":"<base64 of the inner JSON>"} or {"error":"<message>"}. NewSuccessAck gives
// {"result":"e30="}, the ack of every 0.11.0 packet; NewErrorAckFromError gives an ibc-go style
// deterministic error; DecodeAck accepts the result padded or not, as cosmwasm's Binary does.
//
// # Channel version
//
// ProtocolVersion is {"protocol":"mesh-security","version":"0.11.0"}, plus "ext":[…] only when
// we negotiate extensions beyond 0.11.0 (a reference chain ignores the field and so answers
// without it, which turns every extension off). ParseVersion, String, Validate, BuildResponse and
// VerifyCompatibility follow the reference's rules; NegotiateInitVersion, NegotiateTryVersion and
// VerifyAckVersion are the per-step rules the IBC modules call. The channel order, hop and
// which-side-takes-which-step rules are in the handshake subpackage.
//
// # Consensus keys
//
// ConsensusPubKey carries a validator's key as base64 of the raw 32-byte ed25519 key and parses
// it only when Ed25519 is called, so an entry with a key in another format still decodes.
package ibcproto
