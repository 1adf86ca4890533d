package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// InitGenesis writes a validated genesis state.
func (k *Keeper) InitGenesis(ctx context.Context, g *types.GenesisState) error {
	if err := g.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, g.Params); err != nil {
		return err
	}
	if err := k.NextEpoch.Set(ctx, g.NextEpoch); err != nil {
		return err
	}
	if err := k.Run.Set(ctx, g.Run); err != nil {
		return err
	}
	for _, s := range g.Supplies {
		if err := k.Supplies.Set(ctx, s.PairingId, s.Supply); err != nil {
			return err
		}
	}
	for _, t := range g.Targets {
		if err := k.Targets.Set(ctx, collections.Join(t.PairingId, t.Validator), t.Amount); err != nil {
			return err
		}
	}
	for _, t := range g.RunRewards {
		if err := k.RunRewards.Set(ctx, collections.Join(t.PairingId, t.Validator), t.Amount); err != nil {
			return err
		}
	}
	for _, t := range g.LastValues {
		if err := k.LastValues.Set(ctx, collections.Join(t.PairingId, t.Validator), t.Amount); err != nil {
			return err
		}
	}
	for _, t := range g.Booked {
		if err := k.Booked.Set(ctx, collections.Join(t.PairingId, t.Validator), t.Amount); err != nil {
			return err
		}
	}
	for _, t := range g.Debts {
		if err := k.Debts.Set(ctx, collections.Join(t.PairingId, t.Validator), t.Amount); err != nil {
			return err
		}
	}
	for _, s := range g.Shares {
		if err := k.Shares.Set(ctx, collections.Join(s.Validator, s.PairingId), s.Shares); err != nil {
			return err
		}
	}
	for _, p := range g.Pending {
		acc, err := sdk.AccAddressFromBech32(p.Account)
		if err != nil {
			return err
		}
		if err := k.Pending.Set(ctx, collections.Join(p.PairingId, acc), p.Amount); err != nil {
			return err
		}
	}
	for _, r := range g.RunPairings {
		if err := k.RunPairings.Set(ctx, r.PairingId, r.Run); err != nil {
			return err
		}
	}
	return k.importCapture(ctx, g.Capture)
}

// importCapture hands the event capture its state. A state with anything in it needs an event
// capture that keeps genesis state.
func (k *Keeper) importCapture(ctx context.Context, s types.CaptureState) error {
	capture, ok := k.events.(EventsGenesis)
	if !ok {
		if len(s.Events) > 0 || len(s.BlockTimes) > 0 || len(s.Validators) > 0 || s.NextSequence > 0 {
			return errorsmod.Wrap(types.ErrInvalidGenesis, "capture state without an event capture")
		}
		return nil
	}
	return capture.ImportState(ctx, s)
}

// ExportGenesis reads the whole state.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	g := &types.GenesisState{}
	var err error
	if g.Params, err = k.Params.Get(ctx); err != nil {
		return nil, err
	}
	if g.NextEpoch, err = k.NextEpoch.Get(ctx); err != nil {
		return nil, err
	}
	if g.Run, err = k.Run.Get(ctx); err != nil {
		return nil, err
	}
	err = k.Supplies.Walk(ctx, nil, func(id string, s types.PairingSupply) (bool, error) {
		g.Supplies = append(g.Supplies, types.GenesisSupply{PairingId: id, Supply: s})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	if g.Targets, err = k.exportAmounts(ctx, k.Targets); err != nil {
		return nil, err
	}
	if g.RunRewards, err = k.exportAmounts(ctx, k.RunRewards); err != nil {
		return nil, err
	}
	if g.Debts, err = k.exportAmounts(ctx, k.Debts); err != nil {
		return nil, err
	}
	if g.LastValues, err = k.exportAmounts(ctx, k.LastValues); err != nil {
		return nil, err
	}
	if g.Booked, err = k.exportAmounts(ctx, k.Booked); err != nil {
		return nil, err
	}
	err = k.Shares.Walk(ctx, nil, func(key collections.Pair[string, string], s math.LegacyDec) (bool, error) {
		g.Shares = append(g.Shares, types.GenesisShares{Validator: key.K1(), PairingId: key.K2(), Shares: s})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Pending.Walk(ctx, nil, func(key collections.Pair[string, sdk.AccAddress], v math.Int) (bool, error) {
		g.Pending = append(g.Pending, types.GenesisPending{PairingId: key.K1(), Account: key.K2().String(), Amount: v})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.RunPairings.Walk(ctx, nil, func(id string, r types.RunPairing) (bool, error) {
		g.RunPairings = append(g.RunPairings, types.GenesisRunPairing{PairingId: id, Run: r})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	if capture, ok := k.events.(EventsGenesis); ok {
		if g.Capture, err = capture.ExportState(ctx); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// exportAmounts lists a (pairing, validator) → amount map.
func (k *Keeper) exportAmounts(ctx context.Context, m collections.Map[collections.Pair[string, string], math.Int]) ([]types.Target, error) {
	var out []types.Target
	err := m.Walk(ctx, nil, func(key collections.Pair[string, string], v math.Int) (bool, error) {
		out = append(out, types.Target{PairingId: key.K1(), Validator: key.K2(), Amount: v})
		return false, nil
	})
	return out, err
}
