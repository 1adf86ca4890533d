package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/converter/types"
)

// InitGenesis loads a validated genesis state; the validator and pairing totals are rebuilt from
// the requests less the burned amounts.
func (k *Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, p := range gs.Pairings {
		if err := k.PairingStore.Set(ctx, p.Id, p); err != nil {
			return err
		}
		if p.ChannelId != "" {
			if err := k.Channels.Set(ctx, p.ChannelId, p.Id); err != nil {
				return err
			}
		}
	}
	for _, r := range gs.Requests {
		if err := k.addRequest(ctx, r.Pairing, r.Delegator, r.Validator, r.Amount); err != nil {
			return err
		}
	}
	for _, b := range gs.Burned {
		if _, err := k.burnOne(ctx, b.Pairing, b.Validator, b.Amount); err != nil {
			return err
		}
		if err := k.markRetiring(ctx, b.Pairing, b.Validator); err != nil {
			return err
		}
	}
	for _, r := range gs.RewardReserves {
		if err := setInt(ctx, k.RewardReserve, r.Pairing, r.Amount); err != nil {
			return err
		}
	}
	for _, r := range gs.PendingRewards {
		if err := setInt(ctx, k.PendingRewards, collections.Join(r.Pairing, r.Validator), r.Amount); err != nil {
			return err
		}
	}
	for _, r := range gs.Reports {
		k.queueReport(ctx, r)
	}
	for _, o := range gs.Outbox {
		if err := k.queueData(ctx, o); err != nil {
			return err
		}
	}
	for _, d := range gs.ValsetDrafts {
		if err := k.ValsetDrafts.Set(ctx, d.Pairing, d.Data); err != nil {
			return err
		}
	}
	for _, f := range gs.InFlight {
		if err := k.InFlight.Set(ctx, collections.Join(f.Channel, f.Sequence), f.Packet); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis writes the state out. Packets in flight are exported; the valset one of each
// pairing is resent as a draft, since a new chain starts without the old channel's sequences.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	steps := []func() error{
		func() error {
			return k.PairingStore.Walk(ctx, nil, func(_ string, p types.ProviderPairing) (bool, error) {
				gs.Pairings = append(gs.Pairings, p)
				return false, nil
			})
		},
		func() error {
			return k.Requests.Walk(ctx, nil, func(key collections.Triple[string, string, string], v math.Int) (bool, error) {
				gs.Requests = append(gs.Requests, types.Request{Pairing: key.K1(), Delegator: key.K2(), Validator: key.K3(), Amount: v})
				return false, nil
			})
		},
		func() error { return walkAmounts(ctx, k.Burned, &gs.Burned) },
		func() error { return walkAmounts(ctx, k.PendingRewards, &gs.PendingRewards) },
		func() error {
			return k.RewardReserve.Walk(ctx, nil, func(id string, v math.Int) (bool, error) {
				gs.RewardReserves = append(gs.RewardReserves, types.PairingAmount{Pairing: id, Amount: v})
				return false, nil
			})
		},
		func() error {
			return k.Reports.Walk(ctx, nil, func(_ uint64, r types.Report) (bool, error) {
				gs.Reports = append(gs.Reports, r)
				return false, nil
			})
		},
		func() error {
			return k.Outbox.Walk(ctx, nil, func(_ uint64, o types.OutboxPacket) (bool, error) {
				gs.Outbox = append(gs.Outbox, o)
				return false, nil
			})
		},
		func() error {
			return k.ValsetDrafts.Walk(ctx, nil, func(id string, bz []byte) (bool, error) {
				gs.ValsetDrafts = append(gs.ValsetDrafts, types.OutboxPacket{Pairing: id, Data: bz})
				return false, nil
			})
		},
		func() error {
			return k.InFlight.Walk(ctx, nil, func(key collections.Pair[string, uint64], o types.OutboxPacket) (bool, error) {
				gs.InFlight = append(gs.InFlight, types.InFlightPacket{Channel: key.K1(), Sequence: key.K2(), Packet: o})
				return false, nil
			})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return gs, nil
}

// walkAmounts lists a (pairing, validator) amount map.
func walkAmounts(ctx context.Context, m collections.Map[collections.Pair[string, string], math.Int], out *[]types.ValidatorAmount) error {
	return m.Walk(ctx, nil, func(key collections.Pair[string, string], v math.Int) (bool, error) {
		*out = append(*out, types.ValidatorAmount{Pairing: key.K1(), Validator: key.K2(), Amount: v})
		return false, nil
	})
}
