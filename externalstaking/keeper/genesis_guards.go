package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// initGuards loads every pairing's slash guard and its queue, renumbered from the guard's head.
func (k *Keeper) initGuards(ctx context.Context, guards []types.GenesisSlashGuard) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	for _, gg := range guards {
		g := gg.Guard
		g.Tail = g.Head
		for _, e := range gg.Queue {
			if err := k.SlashQueue.Set(ctx, collections.Join(gg.Pairing, g.Tail), e); err != nil {
				return err
			}
			if err := k.countQueued(sdkCtx, gg.Pairing, e.Validator, 1); err != nil {
				return err
			}
			g.Tail++
		}
		if err := k.SlashGuards.Set(ctx, gg.Pairing, g); err != nil {
			return err
		}
	}
	return nil
}

// initCrossStake loads every pairing's running total of cross-stake.
func (k *Keeper) initCrossStake(ctx context.Context, totals []types.GenesisCrossStake) error {
	for _, c := range totals {
		if err := k.CrossStake.Set(ctx, c.Pairing, c.Amount); err != nil {
			return err
		}
	}
	return nil
}

// exportCrossStake writes every pairing's running total of cross-stake.
func (k *Keeper) exportCrossStake(ctx context.Context) ([]types.GenesisCrossStake, error) {
	var out []types.GenesisCrossStake
	err := k.CrossStake.Walk(ctx, nil, func(pairing string, total math.Int) (bool, error) {
		out = append(out, types.GenesisCrossStake{Pairing: pairing, Amount: total})
		return false, nil
	})
	return out, err
}

// exportGuards writes every pairing's slash guard with its queue in order.
func (k *Keeper) exportGuards(ctx context.Context) ([]types.GenesisSlashGuard, error) {
	var out []types.GenesisSlashGuard
	err := k.SlashGuards.Walk(ctx, nil, func(pairing string, g types.SlashGuard) (bool, error) {
		gg := types.GenesisSlashGuard{Pairing: pairing, Guard: g}
		for seq := g.Head; seq < g.Tail; seq++ {
			e, err := k.SlashQueue.Get(ctx, collections.Join(pairing, seq))
			if err != nil {
				return true, err
			}
			gg.Queue = append(gg.Queue, e)
		}
		out = append(out, gg)
		return false, nil
	})
	return out, err
}
