package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// The supply counts each delegation at its booked value: its floored value after the last
// rebalance less every slash of it since. Between rebalances the floored value drifts from the
// booking when others delegate or undelegate at an exchange rate that is not whole (x/staking
// keeps shares to 18 decimals and floors the tokens it pays out); the next rebalance of the
// delegation, or its validator's removal, books the drift as rounded supply. So minted minus
// burned, slashed and rounded is exactly the booked values plus the unbonding and matured
// tokens, and each live delegation's value differs from its booking by its drift alone.

// booking is the delegation's booked value, and whether it has one.
func (k *Keeper) booking(ctx context.Context, key collections.Pair[string, string]) (math.Int, bool, error) {
	booked, err := k.Booked.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return math.Int{}, false, nil
	}
	return booked, err == nil, err
}

// bookDrift books as rounded supply what the delegation's value drifted from its booking since
// the last rebalance; a delegation booked before bookings were kept is taken at its value.
func (k *Keeper) bookDrift(ctx context.Context, pairingID, valoper string, value math.Int, s *types.PairingSupply) error {
	booked, found, err := k.booking(ctx, collections.Join(pairingID, valoper))
	if err != nil || !found {
		return err
	}
	addRounded(s, booked.Sub(value))
	return nil
}

// unbook lowers a delegation's booked value by what a slash took from it. The slash is measured
// on the floored value, which may have drifted a unit above the booking: a booking that would
// fall below zero stays at zero and the unit is booked as rounded supply.
func (k *Keeper) unbook(ctx context.Context, pairingID, valoper string, lost math.Int, s *types.PairingSupply) error {
	if lost.IsNil() || !lost.IsPositive() {
		return nil
	}
	key := collections.Join(pairingID, valoper)
	booked, found, err := k.booking(ctx, key)
	if err != nil || !found {
		return err
	}
	rest := booked.Sub(lost)
	if rest.IsNegative() {
		addRounded(s, rest)
		rest = math.ZeroInt()
	}
	return k.Booked.Set(ctx, key, rest)
}

// book records the delegation's value after a rebalance as its booking; none once no shares are
// left.
func (k *Keeper) book(ctx context.Context, pairingID, valoper string) error {
	key := collections.Join(pairingID, valoper)
	shares, err := k.sharesOf(ctx, valoper, pairingID)
	if err != nil {
		return err
	}
	if !shares.IsPositive() {
		return k.Booked.Remove(ctx, key)
	}
	value, err := k.bondedValue(ctx, pairingID, valoper)
	if err != nil {
		return err
	}
	return k.Booked.Set(ctx, key, value)
}

// dropBooking forgets the booking of a delegation whose validator x/staking removed: nothing is
// live there any more, so what was still booked is rounded supply.
func (k *Keeper) dropBooking(ctx context.Context, pairingID, valoper string, s *types.PairingSupply) error {
	key := collections.Join(pairingID, valoper)
	booked, found, err := k.booking(ctx, key)
	if err != nil || !found {
		return err
	}
	addRounded(s, booked)
	return k.Booked.Remove(ctx, key)
}

// addRounded adds amount (negative when the live value gained) to the pairing's rounded supply.
func addRounded(s *types.PairingSupply, amount math.Int) {
	if s.Rounded.IsNil() {
		s.Rounded = math.ZeroInt()
	}
	s.Rounded = s.Rounded.Add(amount)
}
