package ibcproto

import (
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
)

// Field names of each provider packet variant, in the reference's order.
var (
	stakeFields           = []string{"delegator", "validator", "stake", "tx_id"}
	unstakeFields         = []string{"delegator", "validator", "unstake", "tx_id"}
	burnFields            = []string{"validators", "burn"}
	transferRewardsFields = []string{"rewards", "recipient", "tx_id"}
)

// EncodeProviderPacket returns the packet's wire bytes, byte-for-byte what the reference writes.
// It fails only for a nil packet or an amount that cannot travel (unset, negative, 2^128 or more).
func EncodeProviderPacket(p ProviderPacket) ([]byte, error) {
	if p == nil {
		return nil, errorsmod.Wrap(ErrInvalidPacket, "nil provider packet")
	}
	if err := checkAmounts(p.amounts()); err != nil {
		return nil, err
	}
	return appendVariant(nil, p.Variant(), p.appendBody(nil)), nil
}

// DecodeProviderPacket parses a provider packet, refusing anything the reference would refuse:
// malformed JSON, an unknown variant, unknown, missing or duplicate fields, wrong types, u64
// values that are not plain integers and amounts outside [0, 2^128). Input longer than
// MaxPacketSize is refused with ErrPacketTooLarge before it is parsed.
func DecodeProviderPacket(bz []byte) (ProviderPacket, error) {
	if err := checkSize(len(bz), MaxPacketSize, "provider packet"); err != nil {
		return nil, err
	}
	root, err := parseJSON(bz)
	if err != nil {
		return nil, err
	}
	name, body, err := readVariant(root, "provider packet")
	if err != nil {
		return nil, err
	}
	switch name {
	case VariantStake:
		return decodeStake(body)
	case VariantUnstake:
		return decodeUnstake(body)
	case VariantBurn:
		return decodeBurn(body)
	case VariantTransferRewards:
		return decodeTransferRewards(body)
	default:
		return nil, errorsmod.Wrapf(ErrUnknownVariant, "provider packet %s", excerpt(name))
	}
}

// checkAmounts refuses to encode a packet with an amount that cannot travel.
func checkAmounts(amounts []sdkmath.Int) error {
	for _, a := range amounts {
		if err := checkAmount(a); err != nil {
			return err
		}
	}
	return nil
}

func (p StakePacket) appendBody(buf []byte) []byte {
	return appendDelegation(buf, p.Delegator, p.Validator, "stake", p.Stake, p.TxID)
}

func (p UnstakePacket) appendBody(buf []byte) []byte {
	return appendDelegation(buf, p.Delegator, p.Validator, "unstake", p.Unstake, p.TxID)
}

// appendDelegation writes the shared shape of stake and unstake.
func appendDelegation(buf []byte, delegator, validator, coinField string, c Coin, txID uint64) []byte {
	buf = append(buf, '{')
	buf = appendKey(buf, "delegator", true)
	buf = appendString(buf, delegator)
	buf = appendKey(buf, "validator", false)
	buf = appendString(buf, validator)
	buf = appendKey(buf, coinField, false)
	buf = appendCoin(buf, c)
	buf = appendKey(buf, "tx_id", false)
	buf = appendUint64(buf, txID)
	return append(buf, '}')
}

func (p BurnPacket) appendBody(buf []byte) []byte {
	buf = append(buf, '{')
	buf = appendKey(buf, "validators", true)
	buf = appendStringList(buf, p.Validators)
	buf = appendKey(buf, "burn", false)
	buf = appendCoin(buf, p.Burn)
	return append(buf, '}')
}

func (p TransferRewardsPacket) appendBody(buf []byte) []byte {
	buf = append(buf, '{')
	buf = appendKey(buf, "rewards", true)
	buf = appendCoin(buf, p.Rewards)
	buf = appendKey(buf, "recipient", false)
	buf = appendString(buf, p.Recipient)
	buf = appendKey(buf, "tx_id", false)
	buf = appendUint64(buf, p.TxID)
	return append(buf, '}')
}

// delegationBody is the decoded shared shape of stake and unstake.
type delegationBody struct {
	delegator string
	validator string
	coin      Coin
	txID      uint64
}

func decodeDelegation(v *jsonValue, variant string, fields []string) (delegationBody, error) {
	fs, err := readObject(v, variant, fields, refuseUnknown)
	if err != nil {
		return delegationBody{}, err
	}
	var d delegationBody
	if d.delegator, err = fs.str("delegator"); err != nil {
		return delegationBody{}, err
	}
	if d.validator, err = fs.str("validator"); err != nil {
		return delegationBody{}, err
	}
	if d.coin, err = fs.coin(fields[2]); err != nil {
		return delegationBody{}, err
	}
	if d.txID, err = fs.u64("tx_id"); err != nil {
		return delegationBody{}, err
	}
	return d, nil
}

func decodeStake(v *jsonValue) (ProviderPacket, error) {
	d, err := decodeDelegation(v, VariantStake, stakeFields)
	if err != nil {
		return nil, err
	}
	return StakePacket{Delegator: d.delegator, Validator: d.validator, Stake: d.coin, TxID: d.txID}, nil
}

func decodeUnstake(v *jsonValue) (ProviderPacket, error) {
	d, err := decodeDelegation(v, VariantUnstake, unstakeFields)
	if err != nil {
		return nil, err
	}
	return UnstakePacket{Delegator: d.delegator, Validator: d.validator, Unstake: d.coin, TxID: d.txID}, nil
}

func decodeBurn(v *jsonValue) (ProviderPacket, error) {
	fs, err := readObject(v, VariantBurn, burnFields, refuseUnknown)
	if err != nil {
		return nil, err
	}
	var p BurnPacket
	if p.Validators, err = fs.strList("validators"); err != nil {
		return nil, err
	}
	if p.Burn, err = fs.coin("burn"); err != nil {
		return nil, err
	}
	return p, nil
}

func decodeTransferRewards(v *jsonValue) (ProviderPacket, error) {
	fs, err := readObject(v, VariantTransferRewards, transferRewardsFields, refuseUnknown)
	if err != nil {
		return nil, err
	}
	var p TransferRewardsPacket
	if p.Rewards, err = fs.coin("rewards"); err != nil {
		return nil, err
	}
	if p.Recipient, err = fs.str("recipient"); err != nil {
		return nil, err
	}
	if p.TxID, err = fs.u64("tx_id"); err != nil {
		return nil, err
	}
	return p, nil
}
