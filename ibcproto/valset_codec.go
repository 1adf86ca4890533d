package ibcproto

import (
	"strconv"
)

// Field names of a valset update and its entries, in the reference's order.
var (
	valsetUpdateFields = []string{
		"height", "time", "additions", "removals", "updated", "jailed", "unjailed", "tombstoned", "slashed",
	}
	addValidatorFields = []string{"valoper", "pub_key"}
	slashInfoFields    = []string{
		"address", "infraction_height", "infraction_time", "power", "slash_amount", "slash_ratio",
	}
)

func (p ValsetUpdatePacket) appendBody(buf []byte) []byte {
	buf = append(buf, '{')
	buf = appendKey(buf, "height", true)
	buf = appendUint64(buf, p.Height)
	buf = appendKey(buf, "time", false)
	buf = appendUint64(buf, p.Time)
	buf = appendKey(buf, "additions", false)
	buf = appendAddValidators(buf, p.Additions)
	buf = appendKey(buf, "removals", false)
	buf = appendStringList(buf, p.Removals)
	buf = appendKey(buf, "updated", false)
	buf = appendAddValidators(buf, p.Updated)
	buf = appendKey(buf, "jailed", false)
	buf = appendStringList(buf, p.Jailed)
	buf = appendKey(buf, "unjailed", false)
	buf = appendStringList(buf, p.Unjailed)
	buf = appendKey(buf, "tombstoned", false)
	buf = appendStringList(buf, p.Tombstoned)
	buf = appendKey(buf, "slashed", false)
	buf = appendSlashInfos(buf, p.Slashed)
	return append(buf, '}')
}

func appendAddValidators(buf []byte, list []AddValidator) []byte {
	buf = append(buf, '[')
	for i, a := range list {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '{')
		buf = appendKey(buf, "valoper", true)
		buf = appendString(buf, a.Valoper)
		buf = appendKey(buf, "pub_key", false)
		buf = appendString(buf, string(a.PubKey))
		buf = append(buf, '}')
	}
	return append(buf, ']')
}

func appendSlashInfos(buf []byte, list []ValidatorSlashInfo) []byte {
	buf = append(buf, '[')
	for i, s := range list {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '{')
		buf = appendKey(buf, "address", true)
		buf = appendString(buf, s.Address)
		buf = appendKey(buf, "infraction_height", false)
		buf = appendUint64(buf, s.InfractionHeight)
		buf = appendKey(buf, "infraction_time", false)
		buf = appendUint64(buf, s.InfractionTime)
		buf = appendKey(buf, "power", false)
		buf = appendUint64(buf, s.Power)
		buf = appendKey(buf, "slash_amount", false)
		buf = appendCoin(buf, s.SlashAmount)
		buf = appendKey(buf, "slash_ratio", false)
		buf = appendString(buf, s.SlashRatio)
		buf = append(buf, '}')
	}
	return append(buf, ']')
}

func decodeValsetUpdate(v *jsonValue) (ConsumerPacket, error) {
	fs, err := readObject(v, VariantValsetUpdate, valsetUpdateFields, refuseUnknown)
	if err != nil {
		return nil, err
	}
	var p ValsetUpdatePacket
	if p.Height, err = fs.u64("height"); err != nil {
		return nil, err
	}
	if p.Time, err = fs.u64("time"); err != nil {
		return nil, err
	}
	if p.Additions, err = decodeAddValidators(fs, "additions"); err != nil {
		return nil, err
	}
	if p.Removals, err = fs.strList("removals"); err != nil {
		return nil, err
	}
	if p.Updated, err = decodeAddValidators(fs, "updated"); err != nil {
		return nil, err
	}
	if p.Jailed, err = fs.strList("jailed"); err != nil {
		return nil, err
	}
	if p.Unjailed, err = fs.strList("unjailed"); err != nil {
		return nil, err
	}
	if p.Tombstoned, err = fs.strList("tombstoned"); err != nil {
		return nil, err
	}
	if p.Slashed, err = decodeSlashInfos(fs); err != nil {
		return nil, err
	}
	return p, nil
}

func decodeAddValidators(fs fieldSet, name string) ([]AddValidator, error) {
	elems, err := fs.array(name)
	if err != nil {
		return nil, err
	}
	out := make([]AddValidator, 0, len(elems))
	for i, e := range elems {
		entry, err := readObject(e, fs.path(name)+"["+strconv.Itoa(i)+"]", addValidatorFields, refuseUnknown)
		if err != nil {
			return nil, err
		}
		var a AddValidator
		if a.Valoper, err = entry.str("valoper"); err != nil {
			return nil, err
		}
		key, err := entry.str("pub_key")
		if err != nil {
			return nil, err
		}
		a.PubKey = ConsensusPubKey(key)
		out = append(out, a)
	}
	return out, nil
}

func decodeSlashInfos(fs fieldSet) ([]ValidatorSlashInfo, error) {
	elems, err := fs.array("slashed")
	if err != nil {
		return nil, err
	}
	out := make([]ValidatorSlashInfo, 0, len(elems))
	for i, e := range elems {
		s, err := decodeSlashInfo(e, fs.path("slashed")+"["+strconv.Itoa(i)+"]")
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func decodeSlashInfo(v *jsonValue, where string) (ValidatorSlashInfo, error) {
	fs, err := readObject(v, where, slashInfoFields, refuseUnknown)
	if err != nil {
		return ValidatorSlashInfo{}, err
	}
	var s ValidatorSlashInfo
	if s.Address, err = fs.str("address"); err != nil {
		return ValidatorSlashInfo{}, err
	}
	if s.InfractionHeight, err = fs.u64("infraction_height"); err != nil {
		return ValidatorSlashInfo{}, err
	}
	if s.InfractionTime, err = fs.u64("infraction_time"); err != nil {
		return ValidatorSlashInfo{}, err
	}
	if s.Power, err = fs.u64("power"); err != nil {
		return ValidatorSlashInfo{}, err
	}
	if s.SlashAmount, err = fs.coin("slash_amount"); err != nil {
		return ValidatorSlashInfo{}, err
	}
	if s.SlashRatio, err = fs.str("slash_ratio"); err != nil {
		return ValidatorSlashInfo{}, err
	}
	return s, nil
}
