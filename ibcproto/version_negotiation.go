package ibcproto

import (
	errorsmod "cosmossdk.io/errors"
)

// BuildResponse answers a proposed version during OpenInit or OpenTry, as the reference does:
// a proposal below minimum is too old, one with a higher major than supported is too new, otherwise
// the answer is the lower of proposed and supported. Its extensions are those of the proposal that localExt
// also lists, in the proposal's order and without repeats.
func (v ProtocolVersion) BuildResponse(supported, minimum string, localExt []string) (ProtocolVersion, error) {
	sup, low, proposed, err := v.versions(supported, minimum)
	if err != nil {
		return ProtocolVersion{}, err
	}
	if proposed.compare(low) < 0 {
		return ProtocolVersion{}, errorsmod.Wrapf(ErrVersionTooOld, "proposed %s, minimum %s", proposed, low)
	}
	if proposed.core[0] > sup.core[0] {
		return ProtocolVersion{}, errorsmod.Wrapf(ErrVersionTooNew, "proposed %s, supported %s", proposed, sup)
	}
	answer := proposed
	if sup.compare(proposed) < 0 {
		answer = sup
	}
	return ProtocolVersion{Protocol: ProtocolName, Version: answer.String(), Ext: commonExt(v.Ext, localExt)}, nil
}

// VerifyCompatibility checks the counterparty's answer during OpenAck, as the reference does:
// below minimum is too old, anything above supported (full semver order) is too new. It also refuses
// an extension that was not offered.
func (v ProtocolVersion) VerifyCompatibility(supported, minimum string, offeredExt []string) error {
	sup, low, proposed, err := v.versions(supported, minimum)
	if err != nil {
		return err
	}
	if proposed.compare(low) < 0 {
		return errorsmod.Wrapf(ErrVersionTooOld, "proposed %s, minimum %s", proposed, low)
	}
	if proposed.compare(sup) > 0 {
		return errorsmod.Wrapf(ErrVersionTooNew, "proposed %s, supported %s", proposed, sup)
	}
	for _, e := range v.Ext {
		if !containsName(offeredExt, e) {
			return errorsmod.Wrapf(ErrUnsupportedExtension, "%s", excerpt(e))
		}
	}
	return nil
}

// versions parses the bounds and validates the proposal.
func (v ProtocolVersion) versions(supported, minimum string) (sup, low, proposed semver, err error) {
	if sup, err = parseSemver(supported); err != nil {
		return
	}
	if low, err = parseSemver(minimum); err != nil {
		return
	}
	proposed, err = v.semver()
	return
}

// commonExt returns the entries of proposed that local also lists, first occurrence only.
func commonExt(proposed, local []string) []string {
	var out []string
	for _, e := range proposed {
		if containsName(local, e) && !containsName(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// NegotiateInitVersion is the consumer's OpenInit rule: an empty proposal is answered with the
// default version carrying localExt; any other proposal must parse and is answered by
// BuildResponse against SupportedVersion and MinVersion.
func NegotiateInitVersion(proposed string, localExt []string) (ProtocolVersion, error) {
	if proposed == "" {
		return DefaultVersion(localExt), nil
	}
	return negotiate(proposed, localExt)
}

// NegotiateTryVersion is the provider's OpenTry rule: the counterparty's version must parse (an
// empty one does not) and is answered by BuildResponse against SupportedVersion and MinVersion.
func NegotiateTryVersion(counterparty string, localExt []string) (ProtocolVersion, error) {
	return negotiate(counterparty, localExt)
}

func negotiate(proposed string, localExt []string) (ProtocolVersion, error) {
	v, err := ParseVersion(proposed)
	if err != nil {
		return ProtocolVersion{}, errorsmod.Wrapf(ErrInvalidVersion, "%s: %s", excerpt(proposed), err)
	}
	return v.BuildResponse(SupportedVersion, MinVersion, localExt)
}

// VerifyAckVersion is the consumer's OpenAck rule: the counterparty's answer must parse and pass
// VerifyCompatibility against SupportedVersion and MinVersion with the extensions offered in
// OpenInit. It returns the negotiated version, whose Ext lists the extensions in force.
func VerifyAckVersion(counterparty string, offeredExt []string) (ProtocolVersion, error) {
	v, err := ParseVersion(counterparty)
	if err != nil {
		return ProtocolVersion{}, errorsmod.Wrapf(ErrInvalidVersion, "%s: %s", excerpt(counterparty), err)
	}
	if err := v.VerifyCompatibility(SupportedVersion, MinVersion, offeredExt); err != nil {
		return ProtocolVersion{}, err
	}
	return v, nil
}
