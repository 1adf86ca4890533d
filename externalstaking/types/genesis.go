package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// DefaultGenesis returns the default genesis: default parameters, no pairings.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams(), NextTxId: FirstOwnTxID, NextOutboxSeq: 1}
}

// Validate checks the parameters, every pairing, that every record names a known pairing, the
// slash meters and their queues, and the running totals of cross-stake.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return err
	}
	pairings := map[string]bool{}
	channels := map[string]bool{}
	for _, p := range gs.Pairings {
		if err := p.Validate(); err != nil {
			return err
		}
		if pairings[p.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate pairing %q", p.Id)
		}
		pairings[p.Id] = true
		if p.ChannelId != "" {
			if channels[p.ChannelId] {
				return errorsmod.Wrapf(ErrInvalidGenesis, "channel %q used twice", p.ChannelId)
			}
			channels[p.ChannelId] = true
		}
	}
	known := func(what, id string) error {
		if !pairings[id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s names unknown pairing %q", what, id)
		}
		return nil
	}
	for _, p := range gs.Positions {
		if err := known("position", p.Pairing); err != nil {
			return err
		}
		if err := p.Position.validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "position %s/%s/%s: %v", p.Pairing, p.Owner, p.Validator, err)
		}
	}
	for _, v := range gs.Validators {
		if err := known("validator", v.Pairing); err != nil {
			return err
		}
		if err := v.Validator.validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "validator %s/%s: %v", v.Pairing, v.Valoper, err)
		}
	}
	for _, s := range gs.Slashes {
		if err := known("slash", s.Pairing); err != nil {
			return err
		}
		if err := s.validate(); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "slash %s/%s/%d: %v", s.Pairing, s.Valoper, s.Index, err)
		}
	}
	for _, tx := range gs.PendingTxs {
		if err := known(fmt.Sprintf("pending tx %d", tx.Id), tx.Pairing); err != nil {
			return err
		}
	}
	for _, o := range gs.Outbox {
		if err := known(fmt.Sprintf("outbox packet %d", o.Seq), o.Packet.Pairing); err != nil {
			return err
		}
		if o.Seq >= gs.NextOutboxSeq {
			return errorsmod.Wrapf(ErrInvalidGenesis, "outbox packet %d at or past next_outbox_seq", o.Seq)
		}
	}
	for _, l := range gs.LastSlashed {
		if err := known("last slashed", l.Pairing); err != nil {
			return err
		}
	}
	if err := gs.validateGuards(known); err != nil {
		return err
	}
	if err := gs.validateCrossStakes(known); err != nil {
		return err
	}
	if gs.NextTxId < FirstOwnTxID {
		return errorsmod.Wrapf(ErrInvalidGenesis, "next_tx_id must be at least %d", FirstOwnTxID)
	}
	return nil
}

// validate checks a position's figures are set and non-negative.
func (p Position) validate() error {
	for _, v := range []struct {
		name string
		ok   bool
	}{
		{"shares", !p.Shares.IsNil() && !p.Shares.IsNegative()},
		{"unstaking_shares", !p.UnstakingShares.IsNil() && !p.UnstakingShares.IsNegative() && p.UnstakingShares.LTE(p.Shares)},
		{"pending_stake", !p.PendingStake.IsNil() && !p.PendingStake.IsNegative()},
		{"settled", !p.Settled.IsNil() && !p.Settled.IsNegative()},
		{"reward_alignment", !p.RewardAlignment.IsNil()},
		{"withdrawn", !p.Withdrawn.IsNil() && !p.Withdrawn.IsNegative()},
	} {
		if !v.ok {
			return fmt.Errorf("%s is missing or out of range", v.name)
		}
	}
	return nil
}

// validate checks a recorded slash names its validator and has a ratio within [0, 1].
func (s GenesisSlash) validate() error {
	r := s.Slash.Ratio
	switch {
	case s.Valoper == "":
		return fmt.Errorf("no validator")
	case r.IsNil() || r.IsNegative() || r.GT(math.LegacyOneDec()):
		return fmt.Errorf("ratio must be within [0, 1]")
	}
	return nil
}
