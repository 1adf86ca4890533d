package ibcproto

import (
	"strconv"

	errorsmod "cosmossdk.io/errors"
)

// Field names of the consumer packet variants and their parts, in the reference's order.
var (
	internalUnstakeFields = []string{"delegator", "validator", "normalize_amount", "inverted_amount"}
	distributeFields      = []string{"validator", "rewards"}
	distributeBatchFields = []string{"rewards", "denom"}
	rewardInfoFields      = []string{"validator", "reward"}
)

// EncodeConsumerPacket returns the packet's wire bytes, byte-for-byte what the reference writes.
// It fails only for a nil packet or an amount that cannot travel (unset, negative, 2^128 or more).
func EncodeConsumerPacket(p ConsumerPacket) ([]byte, error) {
	if p == nil {
		return nil, errorsmod.Wrap(ErrInvalidPacket, "nil consumer packet")
	}
	if err := checkAmounts(p.amounts()); err != nil {
		return nil, err
	}
	return appendVariant(nil, p.Variant(), p.appendBody(nil)), nil
}

// DecodeConsumerPacket parses a consumer packet with the same strictness as DecodeProviderPacket,
// and the same limit: input longer than MaxPacketSize is refused with ErrPacketTooLarge.
func DecodeConsumerPacket(bz []byte) (ConsumerPacket, error) {
	if err := checkSize(len(bz), MaxPacketSize, "consumer packet"); err != nil {
		return nil, err
	}
	root, err := parseJSON(bz)
	if err != nil {
		return nil, err
	}
	name, body, err := readVariant(root, "consumer packet")
	if err != nil {
		return nil, err
	}
	switch name {
	case VariantValsetUpdate:
		return decodeValsetUpdate(body)
	case VariantInternalUnstake:
		return decodeInternalUnstake(body)
	case VariantDistribute:
		return decodeDistribute(body)
	case VariantDistributeBatch:
		return decodeDistributeBatch(body)
	default:
		return nil, errorsmod.Wrapf(ErrUnknownVariant, "consumer packet %s", excerpt(name))
	}
}

func (p InternalUnstakePacket) appendBody(buf []byte) []byte {
	buf = append(buf, '{')
	buf = appendKey(buf, "delegator", true)
	buf = appendString(buf, p.Delegator)
	buf = appendKey(buf, "validator", false)
	buf = appendString(buf, p.Validator)
	buf = appendKey(buf, "normalize_amount", false)
	buf = appendCoin(buf, p.NormalizeAmount)
	buf = appendKey(buf, "inverted_amount", false)
	buf = appendCoin(buf, p.InvertedAmount)
	return append(buf, '}')
}

func (p DistributePacket) appendBody(buf []byte) []byte {
	buf = append(buf, '{')
	buf = appendKey(buf, "validator", true)
	buf = appendString(buf, p.Validator)
	buf = appendKey(buf, "rewards", false)
	buf = appendCoin(buf, p.Rewards)
	return append(buf, '}')
}

func (p DistributeBatchPacket) appendBody(buf []byte) []byte {
	buf = append(buf, '{')
	buf = appendKey(buf, "rewards", true)
	buf = append(buf, '[')
	for i, r := range p.Rewards {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '{')
		buf = appendKey(buf, "validator", true)
		buf = appendString(buf, r.Validator)
		buf = appendKey(buf, "reward", false)
		buf = appendAmount(buf, r.Reward)
		buf = append(buf, '}')
	}
	buf = append(buf, ']')
	buf = appendKey(buf, "denom", false)
	buf = appendString(buf, p.Denom)
	return append(buf, '}')
}

func decodeInternalUnstake(v *jsonValue) (ConsumerPacket, error) {
	fs, err := readObject(v, VariantInternalUnstake, internalUnstakeFields, refuseUnknown)
	if err != nil {
		return nil, err
	}
	var p InternalUnstakePacket
	if p.Delegator, err = fs.str("delegator"); err != nil {
		return nil, err
	}
	if p.Validator, err = fs.str("validator"); err != nil {
		return nil, err
	}
	if p.NormalizeAmount, err = fs.coin("normalize_amount"); err != nil {
		return nil, err
	}
	if p.InvertedAmount, err = fs.coin("inverted_amount"); err != nil {
		return nil, err
	}
	return p, nil
}

func decodeDistribute(v *jsonValue) (ConsumerPacket, error) {
	fs, err := readObject(v, VariantDistribute, distributeFields, refuseUnknown)
	if err != nil {
		return nil, err
	}
	var p DistributePacket
	if p.Validator, err = fs.str("validator"); err != nil {
		return nil, err
	}
	if p.Rewards, err = fs.coin("rewards"); err != nil {
		return nil, err
	}
	return p, nil
}

func decodeDistributeBatch(v *jsonValue) (ConsumerPacket, error) {
	fs, err := readObject(v, VariantDistributeBatch, distributeBatchFields, refuseUnknown)
	if err != nil {
		return nil, err
	}
	elems, err := fs.array("rewards")
	if err != nil {
		return nil, err
	}
	var p DistributeBatchPacket
	p.Rewards = make([]RewardInfo, 0, len(elems))
	for i, e := range elems {
		r, err := decodeRewardInfo(e, fs.path("rewards")+"["+strconv.Itoa(i)+"]")
		if err != nil {
			return nil, err
		}
		p.Rewards = append(p.Rewards, r)
	}
	if p.Denom, err = fs.str("denom"); err != nil {
		return nil, err
	}
	return p, nil
}

func decodeRewardInfo(v *jsonValue, where string) (RewardInfo, error) {
	fs, err := readObject(v, where, rewardInfoFields, refuseUnknown)
	if err != nil {
		return RewardInfo{}, err
	}
	var r RewardInfo
	if r.Validator, err = fs.str("validator"); err != nil {
		return RewardInfo{}, err
	}
	raw, err := fs.required("reward")
	if err != nil {
		return RewardInfo{}, err
	}
	if r.Reward, err = parseAmount(raw, fs.path("reward")); err != nil {
		return RewardInfo{}, err
	}
	return r, nil
}
