package types

import (
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis returns the default genesis: default parameters, no pairings.
func DefaultGenesis() *GenesisState {
	return &GenesisState{Params: DefaultParams()}
}

// Validate checks the parameters, every pairing and that every record names a known pairing
// with amounts in bounds.
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
	check := func(what, pairing string) error {
		if !pairings[pairing] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s names unknown pairing %q", what, pairing)
		}
		return nil
	}
	for _, r := range gs.Requests {
		if err := check("request", r.Pairing); err != nil {
			return err
		}
		if err := CheckAmount(r.Amount); err != nil || r.Amount.IsZero() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "request %s/%s/%s amount", r.Pairing, r.Delegator, r.Validator)
		}
	}
	for _, lists := range [][]ValidatorAmount{gs.Burned, gs.PendingRewards} {
		for _, v := range lists {
			if err := check("validator amount", v.Pairing); err != nil {
				return err
			}
			if err := CheckAmount(v.Amount); err != nil {
				return errorsmod.Wrapf(ErrInvalidGenesis, "%s/%s amount", v.Pairing, v.Validator)
			}
		}
	}
	for _, r := range gs.RewardReserves {
		if err := check("reward reserve", r.Pairing); err != nil {
			return err
		}
		if err := CheckAmount(r.Amount); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "reserve of %s", r.Pairing)
		}
	}
	for _, r := range gs.Reports {
		if r.Pairing != "" && !pairings[r.Pairing] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "report names unknown pairing %q", r.Pairing)
		}
	}
	for _, o := range append(append([]OutboxPacket{}, gs.Outbox...), gs.ValsetDrafts...) {
		if !pairings[o.Pairing] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "packet names unknown pairing %q", o.Pairing)
		}
	}
	for _, f := range gs.InFlight {
		if !pairings[f.Packet.Pairing] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "packet in flight names unknown pairing %q", f.Packet.Pairing)
		}
	}
	return nil
}
