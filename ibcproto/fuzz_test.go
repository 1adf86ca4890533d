package ibcproto

import (
	"bytes"
	"testing"

	errorsmod "cosmossdk.io/errors"
)

// Each fuzz target decodes arbitrary bytes and checks that: nothing panics; a refusal is an
// error registered in this package's codespace; whatever decodes re-encodes, decodes again to an
// equal value, and re-encodes to the same bytes (the encoding is canonical).

func requireRegistered(t *testing.T, err error) {
	t.Helper()
	if codespace, _, _ := errorsmod.ABCIInfo(err, false); codespace != Codespace {
		t.Fatalf("refusal %q is not a registered %s error", err, Codespace)
	}
}

func FuzzProviderPacket(f *testing.F) {
	for _, v := range providerVectors {
		f.Add([]byte(v.json))
	}
	for _, v := range providerNegativeVectors {
		f.Add([]byte(v.input))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := DecodeProviderPacket(data)
		if err != nil {
			requireRegistered(t, err)
			return
		}
		if err := p.ValidateBasic(); err != nil {
			requireRegistered(t, err)
		}
		bz, err := EncodeProviderPacket(p)
		if err != nil {
			t.Fatalf("decoded packet does not encode: %v", err)
		}
		again, err := DecodeProviderPacket(bz)
		if err != nil {
			t.Fatalf("encoding %s does not decode: %v", bz, err)
		}
		requireSameValue(t, p, again)
		bz2, err := EncodeProviderPacket(again)
		if err != nil || !bytes.Equal(bz, bz2) {
			t.Fatalf("encoding is not canonical: %s vs %s (%v)", bz, bz2, err)
		}
	})
}

func FuzzConsumerPacket(f *testing.F) {
	for _, v := range consumerVectors {
		f.Add([]byte(v.json))
	}
	for _, v := range consumerNegativeVectors {
		f.Add([]byte(v.input))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := DecodeConsumerPacket(data)
		if err != nil {
			requireRegistered(t, err)
			return
		}
		checkConsumerValidation(t, p)
		bz, err := EncodeConsumerPacket(p)
		if err != nil {
			t.Fatalf("decoded packet does not encode: %v", err)
		}
		again, err := DecodeConsumerPacket(bz)
		if err != nil {
			t.Fatalf("encoding %s does not decode: %v", bz, err)
		}
		requireSameValue(t, p, again)
		bz2, err := EncodeConsumerPacket(again)
		if err != nil || !bytes.Equal(bz, bz2) {
			t.Fatalf("encoding is not canonical: %s vs %s (%v)", bz, bz2, err)
		}
	})
}

// checkConsumerValidation runs every validation path; each kept valset entry must be valid.
func checkConsumerValidation(t *testing.T, p ConsumerPacket) {
	t.Helper()
	if err := p.ValidateBasic(); err != nil {
		requireRegistered(t, err)
	}
	update, ok := p.(ValsetUpdatePacket)
	if !ok {
		return
	}
	valid, errs := update.ValidEntries()
	for _, e := range errs {
		requireRegistered(t, e)
	}
	for _, s := range valid.Slashed {
		if err := s.Validate(); err != nil {
			t.Fatalf("kept slash entry is invalid: %v", err)
		}
	}
	for _, a := range append(valid.Additions, valid.Updated...) {
		if _, err := a.PubKey.Ed25519(); err != nil {
			requireRegistered(t, err)
		}
	}
}

func FuzzAck(f *testing.F) {
	for _, v := range ackVectors {
		f.Add([]byte(v.json))
	}
	for _, v := range ackNegativeVectors {
		f.Add([]byte(v.input))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ack, err := DecodeAck(data)
		if err != nil {
			requireRegistered(t, err)
			return
		}
		ack.IsEmptyResult()
		bz := ack.Acknowledgement()
		again, err := DecodeAck(bz)
		if err != nil {
			t.Fatalf("encoding %s does not decode: %v", bz, err)
		}
		requireSameValue(t, ack, again)
		if !bytes.Equal(bz, again.Acknowledgement()) {
			t.Fatalf("encoding is not canonical: %s", bz)
		}
	})
}

func FuzzVersion(f *testing.F) {
	for _, v := range versionVectors {
		f.Add(v.json)
	}
	for _, s := range []string{
		``, `{"protocol":"mesh-security","version":"0.10.0"}`, `{"protocol":"mesh-security","version":"1.0.0"}`,
		`{"protocol":"ics20-1","version":"0.11.0"}`, `{"protocol":"mesh-security","version":"0.11.0-rc.1+b.01"}`,
		`{"version":"0.11.0","x":[{}],"protocol":"mesh-security","ext":["a","b"]}`,
	} {
		f.Add(s)
	}
	local := []string{"a", "b"}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseVersion(s)
		if err != nil {
			requireRegistered(t, err)
			return
		}
		again, err := ParseVersion(v.String())
		if err != nil {
			t.Fatalf("encoding %s does not parse: %v", v.String(), err)
		}
		requireSameValue(t, v, again)
		if again.String() != v.String() {
			t.Fatalf("encoding is not canonical: %s", v.String())
		}
		checkNegotiation(t, v, local)
	})
}

// checkNegotiation: every answer BuildResponse gives must pass VerifyCompatibility, so two
// chains running this code always agree.
func checkNegotiation(t *testing.T, v ProtocolVersion, local []string) {
	t.Helper()
	if err := v.VerifyCompatibility(SupportedVersion, MinVersion, local); err != nil {
		requireRegistered(t, err)
	}
	answer, err := v.BuildResponse(SupportedVersion, MinVersion, local)
	if err != nil {
		requireRegistered(t, err)
		return
	}
	if err := answer.VerifyCompatibility(SupportedVersion, MinVersion, local); err != nil {
		t.Fatalf("answer %s to %s is not compatible: %v", answer, v, err)
	}
}
