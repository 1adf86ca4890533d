package scriptedconsumer

import (
	"github.com/meshsecurity/mesh/ibcproto"
)

// answerKind is what the consumer does with a received packet.
type answerKind uint8

const (
	answerSucceed answerKind = iota
	answerFail
	answerHold
)

// Answer is the consumer's reply to one received provider packet: Succeed, Fail or Hold.
type Answer struct {
	kind    answerKind
	message string
}

// Succeed answers with the protocol's success acknowledgement, {"result":"e30="}: every 0.11.0
// provider packet's ack (StakeAck, UnstakeAck, TransferRewardsAck) is an empty object.
func Succeed() Answer { return Answer{kind: answerSucceed} }

// Fail answers with the error acknowledgement {"error":message}.
func Fail(message string) Answer { return Answer{kind: answerFail, message: message} }

// Hold writes no acknowledgement when the packet is received (an asynchronous ack in ibc-go
// terms): the provider keeps waiting until the test calls Acknowledge. A held packet can no
// longer time out.
func Hold() Answer { return Answer{kind: answerHold} }

// IsHold reports whether the answer writes no acknowledgement.
func (a Answer) IsHold() bool { return a.kind == answerHold }

// Ack returns the acknowledgement the answer writes, and false for Hold.
func (a Answer) Ack() (ibcproto.Ack, bool) {
	switch a.kind {
	case answerHold:
		return ibcproto.Ack{}, false
	case answerFail:
		return ibcproto.NewErrorAck(a.message), true
	default:
		return ibcproto.NewSuccessAck(), true
	}
}

// Policy chooses the answer to a received packet that decoded and passed ValidateBasic. It sees
// the record as it will be stored, without the answer.
type Policy func(r Received) Answer

// Always answers every packet with a.
func Always(a Answer) Policy {
	return func(Received) Answer { return a }
}

// ByVariant answers a packet with the answer listed for its variant (ibcproto.VariantStake and
// so on), and with fallback for variants not listed.
func ByVariant(answers map[string]Answer, fallback Answer) Policy {
	return func(r Received) Answer {
		if a, ok := answers[r.Packet.Variant()]; ok {
			return a
		}
		return fallback
	}
}

// SetPolicy replaces the policy; nil restores the default, Always(Succeed()).
func (c *Consumer) SetPolicy(p Policy) {
	if p == nil {
		p = Always(Succeed())
	}
	c.policy = p
}

// AnswerNext scripts the answers to the next valid packets, one each in arrival order, ahead of
// the policy; the policy answers again once they are used up.
func (c *Consumer) AnswerNext(answers ...Answer) {
	c.next = append(c.next, answers...)
}

// answer picks the scripted or policy answer for a valid packet.
func (c *Consumer) answer(r Received) Answer {
	if len(c.next) > 0 {
		a := c.next[0]
		c.next = c.next[1:]
		return a
	}
	return c.policy(r)
}
